#include "simulator/webhooks/retry_policy.h"

#include <algorithm>

namespace wasim::webhooks {

std::optional<TimeMs> RetryPolicy::NextAttemptAt(TimeMs first, TimeMs last, int attempts_made) const {
  if (attempts_made < 1 || delays.empty()) return std::nullopt;
  const TimeMs deadline = first + horizon;
  if (last >= deadline) return std::nullopt;
  size_t i = std::min(static_cast<size_t>(attempts_made - 1), delays.size() - 1);
  TimeMs next = last + std::max<DurationMs>(0, delays[i]);
  // One last attempt exactly at the horizon rather than none past it.
  return std::min(next, deadline);
}

std::vector<DurationMs> RetryPolicy::Schedule() const {
  std::vector<DurationMs> out = {0};
  TimeMs last = 0;
  for (int n = 1; n < 10000; ++n) {
    auto next = NextAttemptAt(0, last, n);
    if (!next) break;
    out.push_back(*next);
    last = *next;
  }
  return out;
}

}  // namespace wasim::webhooks
