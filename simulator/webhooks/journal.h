// The webhook journal: every delivery (one POST body to one target) with every
// attempt made for it. Pending deliveries are never dropped; finished ones
// (delivered or given up) are kept up to `history`, oldest dropped first.
// Pending deliveries are indexed by due time and by (app, ordering key), so
// picking what is due, checking the per-customer order and releasing the
// deliveries held behind a finished one never scan the whole journal.
// Not thread-safe: the Outbox uses it under the Simulator lock.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"

namespace wasim::webhooks {

enum class DeliveryState { kPending, kDelivered, kGivenUp };
const char* DeliveryStateName(DeliveryState s);

struct AttemptRecord {
  int number = 0;  // 1 = first attempt
  TimeMs at = 0;   // virtual time of the attempt
  std::string url;
  std::string signature;                // X-Hub-Signature-256 sent
  int response_status = 0;              // 0: no HTTP response
  std::string error;                    // transport failure, "" otherwise
  std::string response_body;            // first bytes of the answer (journal excerpt)
  DurationMs latency_ms = 0;            // real time
  std::optional<TimeMs> next_retry_at;  // none: delivered or given up
};

struct Delivery {
  std::uint64_t seq = 0;
  std::string id;
  std::string app_id;
  std::string url;  // target of the latest attempt (initially the resolved one)
  std::string waba_id;
  std::string field;
  std::vector<std::string> ordering_keys;
  std::vector<std::string> wamids;  // message ids the body is about (filters)
  size_t updates = 0;               // changes in the body
  // Exact bytes POSTed (identical on every attempt); shared, never copied, by
  // attempts, redeliveries and duplicates.
  std::shared_ptr<const std::string> body = std::make_shared<const std::string>();
  TimeMs created_at = 0;
  TimeMs first_attempt_at = 0;  // when attempt 1 was (or is) due
  TimeMs next_attempt_at = 0;   // change it through Journal::Reschedule once added
  DeliveryState state = DeliveryState::kPending;
  std::vector<AttemptRecord> attempts;
  std::string redelivery_of;  // admin redelivery of this id
  std::string duplicate_of;   // at-least-once realism: a duplicate of this id

  // Takes part in the per-customer order (admin redeliveries and duplicates do not).
  bool in_order() const { return redelivery_of.empty() && duplicate_of.empty(); }
};

class Journal {
 public:
  explicit Journal(size_t history = 1000) : history_(history) {}
  Delivery& Add(Delivery d);  // assigns seq and id; the delivery is pending
  Delivery* Find(const std::string& id);
  // Marks a delivery finished (delivered/given up) and trims the history.
  void Finish(const std::string& id, DeliveryState state);
  // Moves a pending delivery's next attempt.
  void Reschedule(Delivery& d, TimeMs at);
  // Pending deliveries in creation order.
  std::vector<Delivery*> Pending();
  // Pending deliveries whose next attempt is due by `now`, in creation order.
  std::vector<Delivery*> DueBy(TimeMs now);
  // True when an earlier pending in-order delivery of d's app shares one of its keys.
  bool HeldBehindEarlier(const Delivery& d) const;
  // True when any pending delivery of `app_id` carries `key`.
  bool HasPendingKey(const std::string& app_id, const std::string& key) const;
  // Pending deliveries created after `d` (same app) that share one of its keys.
  std::vector<Delivery*> BehindOnSameKeys(const Delivery& d);
  // All retained deliveries in creation order.
  std::vector<const Delivery*> All() const;
  size_t pending_count() const { return pending_.size(); }
  void Clear();
  void set_history(size_t h) { history_ = h; }
  // Persistence: the next delivery's seq, and a journal holding exactly
  // `deliveries` (pending ones indexed; finished ones in seq order as the
  // history) with seqs continuing from `next_seq`.
  std::uint64_t next_seq() const { return next_seq_; }
  void Restore(std::vector<Delivery> deliveries, std::uint64_t next_seq);

 private:
  size_t history_;
  std::uint64_t next_seq_ = 1;  // not reset by Clear: ids stay unique
  using AppKey = std::pair<std::string, std::string>;
  void Unindex(const Delivery& d);

  std::map<std::uint64_t, Delivery> by_seq_;
  std::deque<std::uint64_t> finished_;  // in finishing order
  // Indexes of the pending deliveries:
  std::set<std::uint64_t> pending_;
  std::set<std::pair<TimeMs, std::uint64_t>> due_;    // (next_attempt_at, seq)
  std::map<AppKey, std::set<std::uint64_t>> by_key_;  // (app, ordering key) -> seqs
};

Json DeliveryJson(const Delivery& d, bool with_body);

}  // namespace wasim::webhooks
