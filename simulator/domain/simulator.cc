#include "simulator/domain/simulator.h"

#include <stdexcept>
#include <thread>

#include "simulator/domain/accounts/name_review.h"
#include "simulator/domain/accounts/username.h"
#include "simulator/domain/coexistence/service.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/messages/lifecycle.h"
#include "simulator/domain/registration/service.h"
#include "simulator/domain/rules/limit_upgrade.h"
#include "simulator/domain/templates/recategorization.h"
#include "simulator/domain/templates/service.h"

namespace wasim {
namespace {
// Set while this thread runs the after-step hooks (an advance holds advance_mu_).
thread_local bool running_hooks = false;
}  // namespace

void Simulator::RefuseInsideHooks(const char* what) {
  if (running_hooks)
    throw std::logic_error(std::string(what) +
                           " cannot run inside an after-step hook (the clock is being advanced)");
}

Simulator::Simulator(Options options)
    : clock_(std::move(options.clock)),
      seed_(options.seed),
      world_(std::move(options.world)),
      ids_(options.seed) {
  // Each domain area handles its own kinds of timeline records.
  messages::RegisterTimelineHandlers(handlers_);
  templates::RegisterLifecycles(lifecycles_);
  templates::RegisterRecategorizationLifecycle(lifecycles_);
  registration::RegisterLifecycles(lifecycles_);
  accounts::RegisterNameReviewLifecycle(lifecycles_);
  accounts::RegisterUsernameLifecycle(lifecycles_);
  media::RegisterTimelineHandlers(handlers_);
  rules::RegisterTimelineHandlers(handlers_);
  coexistence::RegisterTimelineHandlers(handlers_);
  coexistence::RegisterLifecycles(lifecycles_);
  handlers_.On<LifecycleDue>([this](Ctx& ctx, const LifecycleDue& due) { lifecycles_.Run(ctx, due); });
  // Media bytes released by expiry are freed here, without the state lock.
  AddAfterStepHook([this] { blobs_.DropRetired(); });
  if (auto problem = world_.ApplyTo(state_)) throw std::invalid_argument("invalid world: " + *problem);
}

void Simulator::AdvanceBy(DurationMs d) { AdvanceTo(clock_->Now() + (d < 0 ? 0 : d)); }

void Simulator::AdvanceTo(TimeMs t) {
  RefuseInsideHooks("advancing the clock");
  RunDueUpTo(t);
}

void Simulator::RunEntry(const TimelineEntry& entry) {
  Ctx ctx{state_, *clock_, ids_, timeline_, facts_, blobs_, entry.due};
  handlers_.Run(ctx, entry.record);
}

void Simulator::RunDue() {
  RefuseInsideHooks("processing due work");
  std::lock_guard advance(advance_mu_);
  RunDueHeld();
  DrainSettleRequests();
}

void Simulator::DrainSettleRequests() {
  while (settle_requested_.exchange(false)) RunDueHeld();
}

void Simulator::SettleNow() {
  // Fast path, taken by most requests: nothing is due by now and no fact a
  // webhook could come from was recorded since the hooks last ran.
  if (next_due_hint_.load() > clock_->Now() && facts_.last_event_seq() <= settled_event_seq_.load()) return;
  // Whoever holds advance_mu_ (an advance, the driver or another request's
  // settle) drains this request before releasing it; otherwise we do.
  settle_requested_.store(true);
  for (;;) {
    std::unique_lock advance(advance_mu_, std::try_to_lock);
    if (!advance.owns_lock()) return;
    DrainSettleRequests();
    advance.unlock();
    // A request that failed its try_lock while we held the lock left its flag.
    if (!settle_requested_.load()) return;
  }
}

namespace {
// Due records run per lock hold: under 1 ms of work (a record costs ~5 us),
// so a request waits at most that long while a large instant is processed.
constexpr int kChunk = 128;
}  // namespace

void Simulator::HandOffToWaiters() {
  std::uint64_t waiting = lock_waiters_.load(std::memory_order_relaxed);
  if (waiting == 0) return;
  const std::uint64_t target = lock_entries_.load(std::memory_order_acquire) + waiting;
  // Bounded: a waiter that left (or never reaches the lock) cannot stall time.
  for (int spin = 0; spin < 10000 && lock_entries_.load(std::memory_order_acquire) < target; ++spin)
    std::this_thread::yield();
}

void Simulator::RunDueHeld() {
  // Catch-up for the ticker: everything due by now, in (time, sequence) order,
  // a chunk per lock hold handing the lock to waiting requests in between,
  // then the after-step hooks once, so the webhook emitter batches all of it.
  // (AdvanceTo instead stops at each instant: tests assert per-instant behaviour.)
  const TimeMs target = clock_->Now();
  for (;;) {
    int ran = 0;
    {
      std::lock_guard lock(mu_);
      while (ran < kChunk) {
        auto entry = timeline_.PopDue(target);
        if (!entry) break;
        RunEntry(*entry);
        ++ran;
      }
      RefreshDueHint();  // handlers may have added earlier work
    }
    if (ran < kChunk) break;
    HandOffToWaiters();
  }
  RunHooks();
}

void Simulator::RunDueUpTo(TimeMs target) {
  std::lock_guard advance(advance_mu_);
  bool at_target = false;
  std::optional<TimeMs> instant;  // the instant being processed, across chunks
  bool instant_ran = false;
  for (;;) {
    bool chunk_full = false;
    {
      std::lock_guard lock(mu_);
      if (!instant) {
        auto next = timeline_.NextDue();
        if (!next || *next > target) {
          // Done, unless a request added work at this instant while the hooks
          // ran (its SettleNow skipped because this advance held the lock).
          if (at_target) break;
          clock_->SetForward(target);
          at_target = true;
        } else {
          clock_->SetForward(*next);
          instant = *next;
          instant_ran = false;
        }
      }
      if (instant) {
        // Everything due at this instant (including records it adds at it), a chunk at a time.
        int n = 0;
        for (; n < kChunk; ++n) {
          auto entry = timeline_.PopDue(*instant);
          if (!entry) break;
          RunEntry(*entry);
        }
        instant_ran = instant_ran || n > 0;
        chunk_full = n == kChunk;
      }
      RefreshDueHint();  // handlers may have added earlier work
    }
    if (chunk_full) {
      HandOffToWaiters();
      continue;
    }
    if (instant) {
      instant.reset();
      if (instant_ran) {
        RunHooks();
        at_target = false;
      }
      continue;
    }
    RunHooks();  // at the target
  }
  DrainSettleRequests();
}

std::optional<TimeMs> Simulator::RefreshDueHint() {
  auto next = timeline_.NextDue();
  next_due_hint_.store(next ? *next : std::numeric_limits<TimeMs>::max());
  return next;
}

void Simulator::WakeIfEarlierLocked() {
  auto next = RefreshDueHint();
  if (!driver_waiting_) return;
  // Earlier work, or a fact recorded directly (an inbound message, a forced
  // template status) whose webhook the driver's hooks must send now.
  if ((next && (!waiting_for_ || *next < *waiting_for_)) ||
      facts_.last_event_seq() > settled_event_seq_.load())
    due_cv_.notify_all();
}

void Simulator::WaitForDue(std::chrono::milliseconds max_wait) {
  std::unique_lock lock(mu_);
  if (stop_waiting_) return;
  waiting_for_ = timeline_.NextDue();
  auto wait = max_wait;
  if (waiting_for_) {
    auto real = clock_->RealDelayFor(*waiting_for_ - clock_->Now());
    // Records due within the next few real milliseconds run together: each
    // still runs with now == its due time, so only the wall-clock moment
    // moves, and a send-heavy load does not wake the driver per millisecond.
    constexpr std::chrono::milliseconds kCoalesce{5};
    if (real) wait = std::min(wait, std::max(kCoalesce, std::chrono::milliseconds(*real)));
  }
  driver_waiting_ = true;
  // Woken by WakeIfEarlierLocked (earlier work), StopWaiting, or the timeout.
  due_cv_.wait_for(lock, wait);
  driver_waiting_ = false;
}

void Simulator::StopWaiting() {
  std::lock_guard lock(mu_);
  stop_waiting_ = true;
  due_cv_.notify_all();
}

void Simulator::RunHooks() {
  // Every fact recorded so far is seen by the hooks (the outbox reads them all).
  const std::uint64_t seen = facts_.last_event_seq();
  running_hooks = true;
  for (auto& h : after_step_hooks_) {
    // A hook's failure must not take the clock's driver down with it.
    try {
      h();
    } catch (const std::exception&) {
    }
  }
  running_hooks = false;
  std::uint64_t settled = settled_event_seq_.load();
  while (seen > settled && !settled_event_seq_.compare_exchange_weak(settled, seen)) {
  }
}

std::optional<std::string> Simulator::Reload(WorldBuilder world, std::uint64_t seed) {
  RefuseInsideHooks("loading a world");
  SimState probe;
  if (auto problem = world.ApplyTo(probe)) return problem;
  std::lock_guard advance(advance_mu_);
  std::lock_guard lock(mu_);
  world_ = std::move(world);
  seed_ = seed;
  ResetLocked();
  return std::nullopt;
}

void Simulator::Reset() {
  RefuseInsideHooks("a reset");
  std::lock_guard advance(advance_mu_);
  std::lock_guard lock(mu_);
  ResetLocked();
}

void Simulator::ResetLocked() {
  timeline_.Clear();
  state_ = SimState{};
  if (!public_base_url_.empty()) state_.public_base_url = public_base_url_;
  // The world applied at construction, so it applies again.
  (void)world_.ApplyTo(state_);
  ids_.Reseed(seed_);
  facts_.Clear();
  blobs_.Clear();
  faults_.Reset();
  Ctx ctx{state_, *clock_, ids_, timeline_, facts_, blobs_};
  for (auto& h : reset_hooks_) h(ctx);
  RefreshDueHint();
}

void Simulator::Restore(SimulatorImage image, const std::function<void(Ctx&)>& also) {
  RefuseInsideHooks("a state import");
  std::lock_guard advance(advance_mu_);
  std::lock_guard lock(mu_);
  clock_->RestoreTo(image.now);
  seed_ = image.seed;
  if (!image.ids_state.empty()) (void)ids_.LoadState(image.ids_state);
  std::string base_url = std::move(state_.public_base_url);  // where it is reached: not state
  state_ = std::move(image.state);
  state_.public_base_url = std::move(base_url);
  (void)timeline_.ReplaceAll(std::move(image.timeline), image.timeline_next_id);  // ids checked by the import
  facts_.Restore(std::move(image.facts), image.facts_last_seq, image.facts_last_event_seq);
  faults_.Restore(std::move(image.fault_rules), image.fault_next_id);
  blobs_.Clear();
  for (const auto& b : image.blobs) blobs_.Ref(b);
  Ctx ctx{state_, *clock_, ids_, timeline_, facts_, blobs_};
  if (also) also(ctx);
  // The hooks have seen none of the restored facts: the next settle or step runs them.
  settled_event_seq_.store(0);
  RefreshDueHint();
  due_cv_.notify_all();
}

void Simulator::SetPublicBaseUrl(std::string url) {
  std::lock_guard lock(mu_);
  public_base_url_ = std::move(url);
  state_.public_base_url = public_base_url_;
}

std::optional<std::string> Simulator::ApplyWorld(const WorldBuilder& steps) {
  return WithLock([&](Ctx& ctx) { return steps.ApplyTo(ctx.state); });
}

void Simulator::AddAfterStepHook(std::function<void()> hook) { after_step_hooks_.push_back(std::move(hook)); }

void Simulator::AddResetHook(std::function<void(Ctx&)> hook) { reset_hooks_.push_back(std::move(hook)); }

std::optional<TimeMs> Simulator::NextDue() {
  std::lock_guard lock(mu_);
  return timeline_.NextDue();
}

}  // namespace wasim
