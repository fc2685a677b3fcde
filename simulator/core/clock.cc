#include "simulator/core/clock.h"

#include <chrono>

namespace wasim {

void ManualClock::SetForward(TimeMs t) {
  TimeMs cur = now_.load();
  while (t > cur && !now_.compare_exchange_weak(cur, t)) {
  }
}

WallTimeSource SystemWallTime() {
  return [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

RealtimeClock::RealtimeClock(WallTimeSource wall, TimeMs start, double scale)
    : wall_(std::move(wall)), wall_origin_(wall_()), start_(start), scale_(scale) {}

TimeMs RealtimeClock::Now() const {
  auto elapsed = static_cast<double>(wall_() - wall_origin_) * scale_;
  return start_ + static_cast<TimeMs>(elapsed) + offset_.load();
}

void RealtimeClock::Advance(DurationMs d) {
  if (d > 0) offset_.fetch_add(d);
}

std::optional<DurationMs> RealtimeClock::RealDelayFor(DurationMs virtual_gap) const {
  if (virtual_gap <= 0) return 0;
  // Rounded up, so a wait never ends just before the instant it waits for.
  return static_cast<DurationMs>(static_cast<double>(virtual_gap) / scale_) + 1;
}

void RealtimeClock::RestoreTo(TimeMs t) { offset_.fetch_add(t - Now()); }

void RealtimeClock::SetForward(TimeMs t) {
  TimeMs now = Now();
  if (t > now) offset_.fetch_add(t - now);
}

}  // namespace wasim
