#include "simulator/domain/facts/fact_log.h"

#include <algorithm>

namespace wasim {

std::uint64_t FactLog::Append(TimeMs at, FactBody body) {
  std::uint64_t seq = last_seq_.load() + 1;
  if (!IsRecordOnly(body)) last_event_seq_.store(seq);
  facts_.push_back(Fact{seq, at, std::move(body)});
  Trim();
  {
    // Publishing under wait_mu_ so a waiter cannot miss it between its check and its wait.
    std::lock_guard lock(wait_mu_);
    last_seq_.store(seq);
  }
  if (waiters_.load() > 0) wait_cv_.notify_all();
  return seq;
}

void FactLog::Trim() {
  std::uint64_t keep_from = facts_.empty() ? 0 : facts_.front().seq;
  if (facts_.size() > retention_) keep_from = facts_[facts_.size() - retention_].seq;
  for (const auto& [id, after] : pins_) keep_from = std::min(keep_from, after + 1);
  while (!facts_.empty() && facts_.front().seq < keep_from) facts_.pop_front();
}

FactPage FactLog::Scan(std::uint64_t after, size_t limit,
                       const std::function<bool(const Fact&)>& visit) const {
  FactPage page;
  page.next_after = after;
  if (after >= last_seq_.load()) return page;  // at or past the end (also: no overflow below)
  if (facts_.empty()) {
    page.truncated = after < last_seq_.load();
    page.next_after = std::max(after, last_seq_.load());
    return page;
  }
  const std::uint64_t first = facts_.front().seq;
  page.first_retained = first;
  if (after + 1 < first) {
    page.truncated = true;
    after = first - 1;
    page.next_after = after;
  }
  // Sequence numbers are dense in the deque: index = seq - first.
  size_t consumed = 0;
  for (size_t i = static_cast<size_t>(after + 1 - first); i < facts_.size() && consumed < limit;
       ++i, ++consumed) {
    if (!visit(facts_[i])) break;
    page.next_after = facts_[i].seq;
  }
  return page;
}

FactPage FactLog::Read(std::uint64_t after, size_t limit, const Filter& filter) const {
  // `limit` counts matching facts; facts the filter skips are consumed too.
  std::vector<Fact> facts;
  FactPage page = Scan(after, facts_.size() + 1, [&](const Fact& f) {
    if (filter && !filter(f)) return true;
    if (facts.size() >= limit) return false;
    facts.push_back(f);
    return true;
  });
  page.facts = std::move(facts);
  return page;
}

FactLog::PinId FactLog::Pin(std::uint64_t after) {
  PinId id = next_pin_++;
  pins_[id] = after;
  return id;
}

void FactLog::MoveTo(PinId pin, std::uint64_t after) {
  pins_[pin] = after;
  Trim();
}

void FactLog::Unpin(PinId pin) {
  pins_.erase(pin);
  Trim();
}

void FactLog::set_retention(size_t retention) {
  retention_ = std::max<size_t>(1, retention);
  Trim();
}

void FactLog::Clear() {
  facts_.clear();
  for (auto& [id, after] : pins_) after = last_seq_.load();
}

void FactLog::Restore(std::vector<Fact> facts, std::uint64_t last_seq, std::uint64_t last_event_seq) {
  if (!facts.empty()) last_seq = std::max(last_seq, facts.back().seq);
  facts_.assign(std::make_move_iterator(facts.begin()), std::make_move_iterator(facts.end()));
  last_event_seq_.store(std::min(last_event_seq, last_seq));
  {
    std::lock_guard lock(wait_mu_);
    last_seq_.store(last_seq);
  }
  for (auto& [id, after] : pins_) after = last_seq;
  if (waiters_.load() > 0) wait_cv_.notify_all();
}

bool FactLog::WaitBeyond(std::uint64_t after, std::chrono::milliseconds timeout) {
  std::unique_lock lock(wait_mu_);
  ++waiters_;
  bool ok = wait_cv_.wait_for(lock, timeout, [&] { return last_seq_.load() > after || stop_; });
  --waiters_;
  return ok && last_seq_.load() > after;
}

void FactLog::NotifyAll() {
  {
    std::lock_guard lock(wait_mu_);
    stop_ = true;
  }
  wait_cv_.notify_all();
}

}  // namespace wasim
