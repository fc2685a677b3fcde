#include "simulator/library/advance_until.h"

#include "simulator/core/time.h"

namespace wasim {

WaitResult AdvanceClockUntil(const SteppableClock& clock, const std::function<bool()>& done,
                             std::chrono::milliseconds horizon,
                             const std::function<std::string()>& describe) {
  WaitResult r;
  const std::int64_t limit = clock.now_ms() + static_cast<std::int64_t>(horizon.count());
  constexpr int kMaxSteps = 100000;  // bounds a timeline that keeps scheduling work at one instant
  std::string why;
  while (true) {
    if (done()) {
      r.met = true;
      return r;
    }
    auto next = clock.next_due_ms();
    if (!next) {
      why = "nothing is pending on the timeline";
      break;
    }
    if (*next > limit) {
      why = "the next due record (" + FormatIso8601(*next) + ") is beyond the horizon (" +
            FormatIso8601(limit) + ")";
      break;
    }
    if (r.steps >= kMaxSteps || !clock.advance_to_next_due()) {
      why = "gave up after " + std::to_string(r.steps) + " advances";
      break;
    }
    ++r.steps;
  }
  r.report = "condition not met after " + std::to_string(r.steps) + " advance(s)" + clock.where +
             "; the clock stands at " + FormatIso8601(clock.now_ms()) + "; " + why + ".";
  if (describe) r.report += "\nLast state:\n" + describe();
  return r;
}

}  // namespace wasim
