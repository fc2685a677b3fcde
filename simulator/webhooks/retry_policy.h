// When a failed webhook delivery is tried again, on the VIRTUAL clock.
//
// Meta (webhooks/create-webhook-endpoint): a failed POST is retried
// "immediately, then a few more times with decreasing frequency over the next
// 36 hours"; unacknowledged payloads are dropped after 36 hours. Meta's
// overview/throughput pages say "up to 7 days" instead, so the horizon is
// configurable (`horizon = 7d`). The exact steps are not documented:
// Assumption: the delays below, growing to a 12 h cap, with one last attempt
// exactly at the horizon.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/time.h"

namespace wasim::webhooks {

struct RetryPolicy {
  DurationMs horizon = 36 * kHour;
  // Delay before attempt n+2 after attempt n+1 failed; the last value repeats.
  std::vector<DurationMs> delays = {
      0,         15 * kSecond, 1 * kMinute, 5 * kMinute, 15 * kMinute, 30 * kMinute,
      1 * kHour, 2 * kHour,    4 * kHour,   8 * kHour,   12 * kHour};

  // Time of the attempt after `attempts_made` failed attempts of a delivery
  // first tried at `first_attempt_at`; nullopt when the delivery is given up.
  std::optional<TimeMs> NextAttemptAt(TimeMs first_attempt_at, TimeMs last_attempt_at,
                                      int attempts_made) const;

  // The whole schedule (offsets from the first attempt) for documentation and tests.
  std::vector<DurationMs> Schedule() const;
};

}  // namespace wasim::webhooks
