// Simulator: one self-contained simulated Meta side. Owns the state, the
// injected clock, the scheduler, seeded ids and the event bus.
//
// Thread-safety: all state is guarded by one mutex; use WithLock to run
// domain services. Advancing time is serialised by a second mutex and runs
// after-step hooks (webhook delivery) outside the state lock, so a hanging
// receiver never blocks API requests. Several Simulators may live in one process.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "simulator/core/clock.h"
#include "simulator/core/ids.h"
#include "simulator/core/scheduler.h"
#include "simulator/domain/events.h"
#include "simulator/domain/state.h"

namespace wasim {

// What a domain service gets: valid only inside Simulator::WithLock.
struct Ctx {
  SimState& state;
  Clock& clock;
  IdGenerator& ids;
  Scheduler& scheduler;
  EventBus& events;
  TimeMs now() const { return clock.Now(); }
  // Schedules `fn` at `at`; it runs under the lock with a Ctx of the same
  // Simulator (all members are references to Simulator-owned objects).
  Scheduler::TaskId Schedule(TimeMs at, std::string label, std::function<void(Ctx&)> fn) {
    Ctx self = *this;
    return scheduler.Schedule(at, std::move(label),
                              [self, fn = std::move(fn)](TimeMs) mutable { fn(self); });
  }
};

class Simulator {
 public:
  struct Options {
    std::uint64_t seed = 42;
    std::shared_ptr<Clock> clock;  // REQUIRES: non-null
    // Builds the initial world; called at construction and on Reset().
    std::function<void(SimState&)> build_world;
  };

  explicit Simulator(Options options);
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  template <class F>
  decltype(auto) WithLock(F&& f) {
    std::lock_guard lock(mu_);
    Ctx ctx{state_, *clock_, ids_, scheduler_, events_};
    return f(ctx);
  }

  // Moves virtual time forward, running every task due on the way at its own
  // instant in (time, sequence) order, and the after-step hooks after each
  // instant. Returns when everything due up to the new time is processed.
  void AdvanceBy(DurationMs d);
  void AdvanceTo(TimeMs t);
  // Processes what is due at the clock's current time (the ticker), then runs
  // the after-step hooks once.
  void RunDue();
  // Restores the initial world, clears the scheduler and reseeds ids.
  // The clock is left where it is (time only moves forward).
  void Reset();

  // Hooks run outside the state lock after each processed instant
  // (the webhook emitter delivers what became due). Register before use.
  void AddAfterStepHook(std::function<void()> hook);
  // Hooks run (under the lock) after Reset, so modules can clear their state.
  void AddResetHook(std::function<void(Ctx&)> hook);

  Clock& clock() { return *clock_; }
  IdGenerator& ids() { return ids_; }
  EventBus& events() { return events_; }
  std::uint64_t seed() const { return seed_; }
  std::optional<TimeMs> NextDue();

 private:
  void RunDueUpTo(TimeMs target);
  void RunHooks();

  std::mutex mu_;          // guards state_, scheduler_
  std::mutex advance_mu_;  // one advance at a time
  std::shared_ptr<Clock> clock_;
  std::uint64_t seed_;
  std::function<void(SimState&)> build_world_;
  IdGenerator ids_;
  Scheduler scheduler_;
  EventBus events_;
  SimState state_;
  std::vector<std::function<void()>> after_step_hooks_;
  std::vector<std::function<void(Ctx&)>> reset_hooks_;
};

}  // namespace wasim
