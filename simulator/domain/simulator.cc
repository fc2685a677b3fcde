#include "simulator/domain/simulator.h"

namespace wasim {

Simulator::Simulator(Options options)
    : clock_(std::move(options.clock)),
      seed_(options.seed),
      build_world_(std::move(options.build_world)),
      ids_(options.seed) {
  if (build_world_) build_world_(state_);
}

void Simulator::AdvanceBy(DurationMs d) { AdvanceTo(clock_->Now() + (d < 0 ? 0 : d)); }

void Simulator::AdvanceTo(TimeMs t) { RunDueUpTo(t); }

void Simulator::RunDue() {
  std::lock_guard advance(advance_mu_);
  // Catch-up for the ticker: everything due by now, in (time, sequence) order,
  // a chunk per lock hold so API requests interleave, then the after-step hooks
  // once, so the webhook emitter batches all of it. (AdvanceTo instead stops at
  // each instant: a test asserts on per-instant behaviour there.)
  constexpr int kChunk = 256;
  const TimeMs target = clock_->Now();
  for (;;) {
    int ran = 0;
    {
      std::lock_guard lock(mu_);
      TimeMs due;
      Scheduler::Task task;
      while (ran < kChunk && scheduler_.PopDue(target, &due, &task)) {
        task(due);
        ++ran;
      }
    }
    if (ran < kChunk) break;
  }
  RunHooks();
}

void Simulator::RunDueUpTo(TimeMs target) {
  std::lock_guard advance(advance_mu_);
  for (;;) {
    bool ran = false;
    {
      std::lock_guard lock(mu_);
      auto next = scheduler_.NextDue();
      if (!next || *next > target) break;
      clock_->SetForward(*next);
      TimeMs instant = *next;
      TimeMs due;
      Scheduler::Task task;
      // Run everything due at this instant (including tasks it schedules at it).
      while (scheduler_.PopDue(instant, &due, &task)) {
        task(due);
        ran = true;
      }
    }
    if (ran) RunHooks();
  }
  clock_->SetForward(target);
  RunHooks();
}

void Simulator::RunHooks() {
  for (auto& h : after_step_hooks_) h();
}

void Simulator::Reset() {
  std::lock_guard advance(advance_mu_);
  std::lock_guard lock(mu_);
  scheduler_.Clear();
  state_ = SimState{};
  if (build_world_) build_world_(state_);
  ids_.Reseed(seed_);
  Ctx ctx{state_, *clock_, ids_, scheduler_, events_};
  for (auto& h : reset_hooks_) h(ctx);
}

void Simulator::AddAfterStepHook(std::function<void()> hook) {
  after_step_hooks_.push_back(std::move(hook));
}

void Simulator::AddResetHook(std::function<void(Ctx&)> hook) {
  reset_hooks_.push_back(std::move(hook));
}

std::optional<TimeMs> Simulator::NextDue() {
  std::lock_guard lock(mu_);
  return scheduler_.NextDue();
}

}  // namespace wasim
