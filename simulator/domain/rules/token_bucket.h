// Token bucket for Meta's pair rate limit (one business number -> one user).
// Credit is kept in milliseconds so it is exact on the virtual clock: each
// message costs `interval` ms of credit, credit refills 1 ms per ms, and the
// bucket holds at most burst * interval. A fresh bucket is full.
#pragma once
#include <cstdint>
#include <optional>

#include "simulator/core/time.h"

namespace wasim::rules {

class TokenBucket {
 public:
  bool CanTake(TimeMs now, DurationMs interval, std::int64_t burst) const;
  // Spends one message's credit. REQUIRES: CanTake(now, interval, burst).
  void Take(TimeMs now, DurationMs interval, std::int64_t burst);
  // When the next message will be allowed (now if it already is).
  TimeMs NextAllowedAt(TimeMs now, DurationMs interval, std::int64_t burst) const;

  // The bucket's exact state, and a bucket in that state (persistence).
  std::optional<TimeMs> updated_at() const { return updated_at_; }
  DurationMs credit() const { return credit_; }
  static TokenBucket Restored(std::optional<TimeMs> updated_at, DurationMs credit) {
    TokenBucket b;
    b.updated_at_ = updated_at;
    b.credit_ = credit;
    return b;
  }

 private:
  DurationMs CreditAt(TimeMs now, DurationMs capacity) const;
  std::optional<TimeMs> updated_at_;
  DurationMs credit_ = 0;
};

}  // namespace wasim::rules
