#include "simulator/domain/faults/fault_store.h"

#include <algorithm>

namespace wasim::faults {

FaultRule FaultStore::Add(FaultRule rule) {
  std::lock_guard lock(mu_);
  rule.id = "flt_" + std::to_string(next_id_++);
  rule.matched = 0;
  rule.fired = 0;
  rules_.push_back(rule);
  RefreshArmedLocked();
  return rule;
}

std::vector<FaultRule> FaultStore::List() const {
  std::lock_guard lock(mu_);
  return rules_;
}

std::optional<FaultRule> FaultStore::Get(const std::string& id) const {
  std::lock_guard lock(mu_);
  for (const auto& r : rules_)
    if (r.id == id) return r;
  return std::nullopt;
}

bool FaultStore::Remove(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = std::find_if(rules_.begin(), rules_.end(), [&](const FaultRule& r) { return r.id == id; });
  if (it == rules_.end()) return false;
  rules_.erase(it);
  RefreshArmedLocked();
  return true;
}

std::size_t FaultStore::Clear() {
  std::lock_guard lock(mu_);
  std::size_t n = rules_.size();
  rules_.clear();
  RefreshArmedLocked();
  return n;
}

std::uint64_t FaultStore::next_id() const {
  std::lock_guard lock(mu_);
  return next_id_;
}

void FaultStore::Restore(std::vector<FaultRule> rules, std::uint64_t next_id) {
  std::lock_guard lock(mu_);
  rules_ = std::move(rules);
  next_id_ = next_id;
  RefreshArmedLocked();
}

void FaultStore::Reset() {
  std::lock_guard lock(mu_);
  rules_.clear();
  next_id_ = 1;
  RefreshArmedLocked();
}

bool FaultStore::Armed(FaultStage stage) const {
  return (stage == FaultStage::kBeforeAuth ? armed_before_ : armed_after_).load(std::memory_order_acquire) >
         0;
}

std::optional<FaultRule> FaultStore::Check(FaultStage stage, const FaultRequest& req) {
  if (!Armed(stage)) return std::nullopt;
  std::lock_guard lock(mu_);
  for (auto& r : rules_) {
    if (r.finished() || r.stage() != stage || !Matches(r.match, req)) continue;
    ++r.matched;
    if (r.matched % r.every != 0) continue;
    ++r.fired;
    FaultRule fired = r;
    if (r.finished()) RefreshArmedLocked();
    return fired;
  }
  return std::nullopt;
}

void FaultStore::RefreshArmedLocked() {
  std::size_t before = 0, after = 0;
  for (const auto& r : rules_) {
    if (r.finished()) continue;
    (r.stage() == FaultStage::kBeforeAuth ? before : after) += 1;
  }
  armed_before_.store(before, std::memory_order_release);
  armed_after_.store(after, std::memory_order_release);
}

}  // namespace wasim::faults
