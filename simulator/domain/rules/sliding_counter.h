// Events in a moving window (now - window, now], for throughput and the
// per-user marketing cap. Amortised O(1): expired entries are dropped from
// the front as time moves on; memory is bounded by the events in one window.
#pragma once
#include <cstdint>
#include <deque>
#include <utility>

#include "simulator/core/time.h"

namespace wasim::rules {

class SlidingCounter {
 public:
  // Number of events in (now - window, now]. Drops older ones.
  std::int64_t Count(TimeMs now, DurationMs window);
  // Records an event at `t` (t >= every earlier event: virtual time only moves forward).
  void Add(TimeMs t) { times_.push_back(t); }
  // The events held (oldest first), and a counter holding exactly these (persistence).
  const std::deque<TimeMs>& times() const { return times_; }
  static SlidingCounter Restored(std::deque<TimeMs> times) {
    SlidingCounter c;
    c.times_ = std::move(times);
    return c;
  }

 private:
  std::deque<TimeMs> times_;
};

}  // namespace wasim::rules
