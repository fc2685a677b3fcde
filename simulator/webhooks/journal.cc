#include "simulator/webhooks/journal.h"

#include <algorithm>
#include <charconv>

namespace wasim::webhooks {

const char* DeliveryStateName(DeliveryState s) {
  switch (s) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kGivenUp:
      return "given_up";
  }
  return "pending";
}

Delivery& Journal::Add(Delivery d) {
  d.seq = next_seq_++;
  d.id = "whd_" + std::to_string(d.seq);
  d.state = DeliveryState::kPending;
  Delivery& added = by_seq_[d.seq] = std::move(d);
  pending_.insert(added.seq);
  due_.emplace(added.next_attempt_at, added.seq);
  for (const auto& k : added.ordering_keys) by_key_[{added.app_id, k}].insert(added.seq);
  return added;
}

void Journal::Unindex(const Delivery& d) {
  pending_.erase(d.seq);
  due_.erase({d.next_attempt_at, d.seq});
  for (const auto& k : d.ordering_keys) {
    auto it = by_key_.find({d.app_id, k});
    if (it == by_key_.end()) continue;
    it->second.erase(d.seq);
    if (it->second.empty()) by_key_.erase(it);
  }
}

void Journal::Reschedule(Delivery& d, TimeMs at) {
  if (pending_.count(d.seq) && &by_seq_.at(d.seq) == &d) {
    due_.erase({d.next_attempt_at, d.seq});
    due_.emplace(at, d.seq);
  }
  d.next_attempt_at = at;
}

Delivery* Journal::Find(const std::string& id) {
  constexpr std::string_view kPrefix = "whd_";
  if (id.rfind(kPrefix, 0) != 0) return nullptr;
  std::uint64_t seq = 0;
  auto [p, ec] = std::from_chars(id.data() + kPrefix.size(), id.data() + id.size(), seq);
  if (ec != std::errc() || p != id.data() + id.size()) return nullptr;
  auto it = by_seq_.find(seq);
  return it == by_seq_.end() ? nullptr : &it->second;
}

void Journal::Finish(const std::string& id, DeliveryState state) {
  Delivery* d = Find(id);
  if (!d || d->state != DeliveryState::kPending) return;
  Unindex(*d);
  d->state = state;
  finished_.push_back(d->seq);
  while (finished_.size() > history_) {
    by_seq_.erase(finished_.front());
    finished_.pop_front();
  }
}

std::vector<Delivery*> Journal::Pending() {
  std::vector<Delivery*> out;
  out.reserve(pending_.size());
  for (std::uint64_t seq : pending_) out.push_back(&by_seq_.at(seq));
  return out;
}

std::vector<Delivery*> Journal::DueBy(TimeMs now) {
  std::vector<std::uint64_t> seqs;
  for (auto it = due_.begin(); it != due_.end() && it->first <= now; ++it) seqs.push_back(it->second);
  std::sort(seqs.begin(), seqs.end());
  std::vector<Delivery*> out;
  out.reserve(seqs.size());
  for (std::uint64_t seq : seqs) out.push_back(&by_seq_.at(seq));
  return out;
}

bool Journal::HeldBehindEarlier(const Delivery& d) const {
  for (const auto& k : d.ordering_keys) {
    auto it = by_key_.find({d.app_id, k});
    if (it == by_key_.end()) continue;
    for (std::uint64_t seq : it->second) {
      if (seq >= d.seq) break;
      if (by_seq_.at(seq).in_order()) return true;
    }
  }
  return false;
}

bool Journal::HasPendingKey(const std::string& app_id, const std::string& key) const {
  return by_key_.count({app_id, key}) > 0;
}

std::vector<Delivery*> Journal::BehindOnSameKeys(const Delivery& d) {
  std::set<std::uint64_t> seqs;
  for (const auto& k : d.ordering_keys) {
    auto it = by_key_.find({d.app_id, k});
    if (it == by_key_.end()) continue;
    seqs.insert(it->second.upper_bound(d.seq), it->second.end());
  }
  std::vector<Delivery*> out;
  out.reserve(seqs.size());
  for (std::uint64_t seq : seqs) out.push_back(&by_seq_.at(seq));
  return out;
}

std::vector<const Delivery*> Journal::All() const {
  std::vector<const Delivery*> out;
  out.reserve(by_seq_.size());
  for (const auto& [seq, d] : by_seq_) out.push_back(&d);
  return out;
}

void Journal::Restore(std::vector<Delivery> deliveries, std::uint64_t next_seq) {
  Clear();
  for (auto& d : deliveries) {
    next_seq = std::max(next_seq, d.seq + 1);
    Delivery& added = by_seq_[d.seq] = std::move(d);
    if (added.state == DeliveryState::kPending) {
      pending_.insert(added.seq);
      due_.emplace(added.next_attempt_at, added.seq);
      for (const auto& k : added.ordering_keys) by_key_[{added.app_id, k}].insert(added.seq);
    } else {
      finished_.push_back(added.seq);
    }
  }
  next_seq_ = next_seq;  // exactly the document's (above every restored seq)
}

void Journal::Clear() {
  by_seq_.clear();
  finished_.clear();
  pending_.clear();
  due_.clear();
  by_key_.clear();
}

namespace {

Json TimeJson(TimeMs t) { return FormatIso8601(t); }

Json AttemptJson(const AttemptRecord& a) {
  Json j = Json::object();
  j["attempt"] = a.number;
  j["at"] = TimeJson(a.at);
  j["url"] = a.url;
  j["signature"] = a.signature;
  j["response_status"] = a.response_status ? Json(a.response_status) : Json(nullptr);
  j["error"] = a.error.empty() ? Json(nullptr) : Json(a.error);
  j["response_body"] = a.response_body;
  j["latency_ms"] = a.latency_ms;
  j["next_retry_at"] = a.next_retry_at ? TimeJson(*a.next_retry_at) : Json(nullptr);
  return j;
}

}  // namespace

Json DeliveryJson(const Delivery& d, bool with_body) {
  Json j = Json::object();
  j["id"] = d.id;
  j["state"] = DeliveryStateName(d.state);
  j["app_id"] = d.app_id;
  j["url"] = d.url;
  j["waba_id"] = d.waba_id;
  j["field"] = d.field;
  j["updates"] = d.updates;
  j["wamids"] = d.wamids;
  j["created_at"] = TimeJson(d.created_at);
  j["attempt_count"] = d.attempts.size();
  j["next_attempt_at"] = d.state == DeliveryState::kPending ? TimeJson(d.next_attempt_at) : Json(nullptr);
  if (!d.redelivery_of.empty()) j["redelivery_of"] = d.redelivery_of;
  if (!d.duplicate_of.empty()) j["duplicate_of"] = d.duplicate_of;
  if (with_body) {
    j["body"] = *d.body;
    auto parsed = Json::parse(*d.body, nullptr, false);
    j["payload"] = parsed.is_discarded() ? Json(nullptr) : parsed;
  }
  Json attempts = Json::array();
  for (const auto& a : d.attempts) attempts.push_back(AttemptJson(a));
  j["attempts"] = attempts;
  return j;
}

}  // namespace wasim::webhooks
