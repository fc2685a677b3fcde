// The one entry point of Meta's messaging rules, called by messages::Send
// after request validation and before the message is journaled, and the
// inbound hook that counts customer messages toward throughput.
//
// CheckSend gathers the facts (windows, recipient and account states,
// counters), asks send_situation for the verdict and, when the message is
// accepted, updates the counters (throughput, pair rate bucket, unique users
// reached, marketing cap, free entry point) and prices the message.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::rules {

struct SendDecision {
  // Set: accept (200 + wamid), then `failed` with this error
  // (pass to messages::StartLifecycle).
  std::optional<GraphError> failure;
  PricingCategory category = PricingCategory::kService;  // the message's own category
  PricingInfo pricing;                                   // statuses[].pricing
};

// REQUIRES: phone_number_id names an existing number; wa_id is normalised;
// for a template (type "template"), `template_category` is its pricing
// category (rules::CategoryFromTemplate of the template the send names, as
// messages::CheckSendState found it); ignored for other types.
// Error: a sync rule refused the send; nothing changed.
Result<SendDecision> CheckSend(Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id,
                               const std::string& type, PricingCategory template_category);

// A customer message reached `phone_number_id`: counts toward its throughput.
void RecordInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id);

// Messages per second a number may carry (inbound + outbound).
std::int64_t ThroughputLimit(const PhoneNumber& phone, const RulesConfig& cfg);

}  // namespace wasim::rules
