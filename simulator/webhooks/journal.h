// The webhook journal: every delivery (one POST body to one target) with every
// attempt made for it. Pending deliveries are never dropped; finished ones
// (delivered or given up) are kept up to `history`, oldest dropped first.
// Not thread-safe: the Outbox uses it under the Simulator lock.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
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
  std::string body;                 // exact bytes POSTed (identical on every attempt)
  TimeMs created_at = 0;
  TimeMs first_attempt_at = 0;  // when attempt 1 was (or is) due
  TimeMs next_attempt_at = 0;
  DeliveryState state = DeliveryState::kPending;
  std::vector<AttemptRecord> attempts;
  std::string redelivery_of;  // admin redelivery of this id
  std::string duplicate_of;   // at-least-once realism: a duplicate of this id
};

class Journal {
 public:
  explicit Journal(size_t history = 1000) : history_(history) {}
  Delivery& Add(Delivery d);  // assigns seq and id
  Delivery* Find(const std::string& id);
  // Marks a delivery finished (delivered/given up) and trims the history.
  void Finish(const std::string& id, DeliveryState state);
  // Pending deliveries in creation order.
  std::vector<Delivery*> Pending();
  // All retained deliveries in creation order.
  std::vector<const Delivery*> All() const;
  size_t pending_count() const { return by_seq_.size() - finished_.size(); }
  void Clear();
  void set_history(size_t h) { history_ = h; }

 private:
  size_t history_;
  std::uint64_t next_seq_ = 1;  // not reset by Clear: ids stay unique
  std::map<std::uint64_t, Delivery> by_seq_;
  std::deque<std::uint64_t> finished_;  // in finishing order
};

Json DeliveryJson(const Delivery& d, bool with_body);

}  // namespace wasim::webhooks
