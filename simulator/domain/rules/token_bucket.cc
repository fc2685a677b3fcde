#include "simulator/domain/rules/token_bucket.h"

#include <algorithm>

namespace wasim::rules {

DurationMs TokenBucket::CreditAt(TimeMs now, DurationMs capacity) const {
  if (!updated_at_) return capacity;
  return std::min(capacity, credit_ + std::max<DurationMs>(0, now - *updated_at_));
}

bool TokenBucket::CanTake(TimeMs now, DurationMs interval, std::int64_t burst) const {
  return CreditAt(now, interval * burst) >= interval;
}

void TokenBucket::Take(TimeMs now, DurationMs interval, std::int64_t burst) {
  credit_ = std::max<DurationMs>(0, CreditAt(now, interval * burst) - interval);
  updated_at_ = now;
}

TimeMs TokenBucket::NextAllowedAt(TimeMs now, DurationMs interval, std::int64_t burst) const {
  DurationMs credit = CreditAt(now, interval * burst);
  return credit >= interval ? now : now + (interval - credit);
}

}  // namespace wasim::rules
