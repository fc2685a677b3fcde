// History sync plan: which `history` webhooks a business app's chats become
// (Meta: webhooks/reference/history). Pure: the caller supplies ids.
//
// Meta's documented rules: messages of the 180 days before onboarding, in
// phases 0 (day 0-1), 1 (day 1-90), 2 (day 90-180); a phase without messages
// sends nothing; chunks carry chunk_order and the overall progress (100 on
// the last); media messages appear as `media_placeholder` and their contents
// follow as separate history webhooks only for media of the last 14 days;
// group chats are not synced (the world holds 1:1 threads only).
// Our assumptions: chunks hold at most `per_chunk` messages, numbered from 1
// within each phase; media contents follow every chunk, one per webhook.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "simulator/domain/facts/facts.h"
#include "simulator/domain/world/model.h"

namespace wasim::coexistence {

constexpr DurationMs kHistoryHorizon = 180 * kDay;
constexpr DurationMs kMediaContentHorizon = 14 * kDay;

// The phase of a message `age` before onboarding; -1 when older than 180 days.
int HistoryPhase(DurationMs age);

struct HistoryIds {
  std::function<std::string(const std::string& wa_id)> wamid;
  std::function<std::string()> media_id;
};

// Every history piece for `phone`, onboarded at `onboarded_at`, in sending order.
std::vector<BusinessAppHistorySynced> PlanHistory(const PhoneNumber& phone, TimeMs onboarded_at,
                                                  int per_chunk, const HistoryIds& ids);

// The declined-sharing piece (2593109).
BusinessAppHistorySynced DeclinedHistory(const PhoneNumber& phone);

}  // namespace wasim::coexistence
