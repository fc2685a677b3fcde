// Clock: the only source of "now" for domain code.
//
// ManualClock moves only when told (tests, CI, `--clock manual`).
// RealtimeClock follows the wall clock from a settable offset, optionally
// scaled; `Advance` adds to the offset. Both are thread-safe.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "simulator/core/time.h"

namespace wasim {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs Now() const = 0;
  // Moves virtual time forward by d (d >= 0).
  virtual void Advance(DurationMs d) = 0;
  // Sets virtual time to t; only forward moves are allowed (t < Now() is ignored).
  virtual void SetForward(TimeMs t) = 0;
  // Sets virtual time to t, backwards too. REQUIRES: called only by the
  // complete-state import (Simulator::Restore), which replaces everything
  // that was scheduled against the old time in the same step.
  virtual void RestoreTo(TimeMs t) = 0;
  virtual bool IsManual() const = 0;
  virtual const char* ModeName() const = 0;
  // Real milliseconds until `virtual_gap` of virtual time passes by itself
  // (nullopt: never, the clock only moves when told).
  virtual std::optional<DurationMs> RealDelayFor(DurationMs virtual_gap) const = 0;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start) : now_(start) {}
  TimeMs Now() const override { return now_.load(); }
  void Advance(DurationMs d) override { now_.fetch_add(d < 0 ? 0 : d); }
  void SetForward(TimeMs t) override;
  void RestoreTo(TimeMs t) override { now_.store(t); }
  bool IsManual() const override { return true; }
  const char* ModeName() const override { return "manual"; }
  std::optional<DurationMs> RealDelayFor(DurationMs) const override { return std::nullopt; }

 private:
  std::atomic<TimeMs> now_;
};

// Wall time source, injectable so RealtimeClock itself is testable.
using WallTimeSource = std::function<TimeMs()>;
WallTimeSource SystemWallTime();  // the one place that reads the system clock

class RealtimeClock final : public Clock {
 public:
  // Virtual time = start + (wall - wall_at_construction) * scale + offset.
  RealtimeClock(WallTimeSource wall, TimeMs start, double scale = 1.0);
  TimeMs Now() const override;
  void Advance(DurationMs d) override;
  void SetForward(TimeMs t) override;
  // Continues from t at the clock's speed.
  void RestoreTo(TimeMs t) override;
  bool IsManual() const override { return false; }
  const char* ModeName() const override { return "realtime"; }
  std::optional<DurationMs> RealDelayFor(DurationMs virtual_gap) const override;
  double scale() const { return scale_; }

 private:
  WallTimeSource wall_;
  TimeMs wall_origin_;
  TimeMs start_;
  double scale_;
  std::atomic<DurationMs> offset_{0};
};

// Default start of a manual clock: 2026-01-01T00:00:00Z, so runs are reproducible.
constexpr TimeMs kDefaultManualStart = 1767225600000LL;

}  // namespace wasim
