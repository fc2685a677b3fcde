// FactLog: the append-only, sequence-numbered log of facts.
//
// Retention is bounded: the oldest facts are dropped past `retention`, except
// those a pinned cursor (a consumer that must see everything, such as the
// webhook outbox) has not read yet. Sequence numbers never repeat, across
// Clear() too. A reader whose cursor fell behind retention is told so
// (`truncated`), never silently moved ahead.
//
// Thread-safety: Append/Read/Pin are called under the Simulator lock.
// WaitBeyond may be called from any thread WITHOUT that lock (long-polling).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "simulator/domain/facts/facts.h"

namespace wasim {

struct FactPage {
  std::vector<Fact> facts;           // in sequence order
  std::uint64_t next_after = 0;      // pass back as `after` to continue
  bool truncated = false;            // facts after `after` were dropped by retention
  std::uint64_t first_retained = 0;  // oldest seq still held (0: none yet)
};

class FactLog {
 public:
  using Filter = std::function<bool(const Fact&)>;
  static constexpr size_t kDefaultRetention = 100000;

  explicit FactLog(size_t retention = kDefaultRetention) : retention_(retention) {}

  std::uint64_t Append(TimeMs at, FactBody body);
  // Up to `limit` facts with seq > after that pass `filter` (null: all).
  // Facts the filter skips still advance next_after.
  FactPage Read(std::uint64_t after, size_t limit, const Filter& filter = nullptr) const;
  // Calls `visit` on the facts with seq > after in order, without copying,
  // until it returns false (that fact is not consumed) or `limit` were
  // consumed. Returns what Read would, minus the facts.
  FactPage Scan(std::uint64_t after, size_t limit, const std::function<bool(const Fact&)>& visit) const;
  std::uint64_t last_seq() const { return last_seq_.load(); }
  // Seq of the newest fact that is not IsRecordOnly (any thread).
  std::uint64_t last_event_seq() const { return last_event_seq_.load(); }
  size_t size() const { return facts_.size(); }

  // A pinned cursor: facts it has not read are kept whatever the retention.
  using PinId = int;
  PinId Pin(std::uint64_t after);
  void MoveTo(PinId pin, std::uint64_t after);
  void Unpin(PinId pin);

  void set_retention(size_t retention);
  size_t retention() const { return retention_; }
  // Drops every fact (simulator reset); sequence numbers keep growing and
  // pinned cursors move to the end.
  void Clear();
  // Replaces the log with `facts` (in seq order) read back from persistence:
  // the sequence continues after `last_seq`, pinned cursors move to the end
  // (their owners move them back, e.g. the outbox to its restored cursor).
  // Retention applies at the next append or cursor move.
  void Restore(std::vector<Fact> facts, std::uint64_t last_seq, std::uint64_t last_event_seq);

  // Blocks (real time, without the Simulator lock) until a fact with
  // seq > after exists or `timeout` passes. True when one exists.
  bool WaitBeyond(std::uint64_t after, std::chrono::milliseconds timeout);
  // Wakes every waiter (shutdown).
  void NotifyAll();

 private:
  void Trim();

  size_t retention_;
  std::deque<Fact> facts_;
  std::atomic<std::uint64_t> last_seq_{0};
  std::atomic<std::uint64_t> last_event_seq_{0};
  std::map<PinId, std::uint64_t> pins_;
  PinId next_pin_ = 1;
  std::mutex wait_mu_;
  std::condition_variable wait_cv_;
  std::atomic<int> waiters_{0};
  bool stop_ = false;  // guarded by wait_mu_
};

}  // namespace wasim
