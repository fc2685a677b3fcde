// Simulator: one self-contained simulated Meta side. Owns the state, the
// injected clock, the timeline of pending work, seeded ids and the fact log.
//
// Thread-safety: all state is guarded by one mutex; use WithLock to run
// domain services. Advancing time is serialised by a second mutex and runs
// after-step hooks (webhook delivery) outside the state lock, so a hanging
// receiver never blocks API requests. Several Simulators may live in one process.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "simulator/core/clock.h"
#include "simulator/core/ids.h"
#include "simulator/domain/facts/fact_log.h"
#include "simulator/domain/faults/fault_store.h"
#include "simulator/domain/lifecycle/registry.h"
#include "simulator/domain/media/blob_store.h"
#include "simulator/domain/state.h"
#include "simulator/domain/timeline/handlers.h"
#include "simulator/domain/timeline/timeline.h"
#include "simulator/domain/world/world_builder.h"

namespace wasim {

// What a domain service gets: valid only inside Simulator::WithLock.
struct Ctx {
  SimState& state;
  Clock& clock;
  IdGenerator& ids;
  Timeline& timeline;
  FactLog& facts;
  BlobStore& blobs;  // media bytes: not guarded by the state lock (own mutex)
  // Set while a timeline record runs: its due time, which is "now" for the
  // handler whether the clock stands there (manual) or has moved on (realtime).
  std::optional<TimeMs> at = std::nullopt;
  TimeMs now() const { return at ? *at : clock.Now(); }
  // Puts `record` on the timeline at `due`; its area's handler runs it then.
  TimelineId Schedule(TimeMs due, DueRecord record) { return timeline.Add(due, std::move(record)); }
  // Appends what just happened to the fact log, at now(); returns its seq.
  std::uint64_t Record(FactBody fact) { return facts.Append(now(), std::move(fact)); }
};

// Everything a Simulator holds besides its wiring, as plain values: what the
// complete-state import (simulator/persist/) builds before it swaps it in.
struct SimulatorImage {
  TimeMs now = 0;  // the clock's time
  std::uint64_t seed = 42;
  std::string ids_state;  // IdGenerator::SaveState
  SimState state;
  std::vector<TimelineEntry> timeline;  // pending records, ids kept
  TimelineId timeline_next_id = 1;
  std::vector<Fact> facts;  // the retained facts, in seq order
  std::uint64_t facts_last_seq = 0;
  std::uint64_t facts_last_event_seq = 0;
  std::vector<faults::FaultRule> fault_rules;
  std::uint64_t fault_next_id = 1;
  std::vector<PreparedBlob> blobs;  // one per media object that names bytes (a reference each)
};

class Simulator {
 public:
  struct Options {
    std::uint64_t seed = 42;
    std::shared_ptr<Clock> clock;  // REQUIRES: non-null
    // The initial world, applied at construction and again on Reset().
    // Empty: a world with nothing in it.
    WorldBuilder world;
  };

  // Throws std::invalid_argument naming the problem when `options.world` does
  // not apply (check it first with WorldBuilder::Check to get it as a value).
  explicit Simulator(Options options);
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  template <class F>
  decltype(auto) WithLock(F&& f) {
    lock_waiters_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(mu_);
    lock_waiters_.fetch_sub(1, std::memory_order_relaxed);
    lock_entries_.fetch_add(1, std::memory_order_release);
    // Runs after f, still under the lock: wakes the realtime driver when f
    // put work on the timeline earlier than what it is waiting for.
    struct WakeIfEarlier {
      Simulator* sim;
      ~WakeIfEarlier() { sim->WakeIfEarlierLocked(); }
    } wake{this};
    Ctx ctx{state_, *clock_, ids_, timeline_, facts_, blobs_};
    return f(ctx);
  }

  // Registers what runs when a record of kind R falls due. Wiring time only
  // (the domain areas register theirs in the constructor).
  template <class R>
  void OnDue(std::function<void(Ctx&, const R&)> handler) {
    handlers_.On<R>(std::move(handler));
  }
  // Where lifecycles register their machines (LifecycleDue records). Wiring time.
  LifecycleRegistry& lifecycles() { return lifecycles_; }

  // Moves virtual time forward, running every record due on the way at its own
  // instant in (time, sequence) order, and the after-step hooks after each
  // instant. Returns when everything due up to the new time is processed.
  void AdvanceBy(DurationMs d);
  void AdvanceTo(TimeMs t);
  // Processes what is due at the clock's current time (the realtime driver), then runs
  // the after-step hooks once.
  void RunDue();
  // Manual mode, after each request and before its response: processes what
  // the request made due at this instant (statuses at +0, an inbound
  // message's webhook), so the same calls always give the same webhooks in
  // the same order. While another thread processes due work (an advance,
  // another request's settle) it leaves a flag instead, and that thread
  // processes it before it lets go.
  void SettleNow();
  // Realtime driver: blocks (real time) until the next record is due by the
  // clock, `max_wait` passes, new earlier work arrives, or StopWaiting().
  void WaitForDue(std::chrono::milliseconds max_wait);
  void StopWaiting();
  // Sets up more of the world (or edits it) in place: no facts, no webhooks.
  // All or nothing; returns the problem, if any. Tests and scenario set-up.
  std::optional<std::string> ApplyWorld(const WorldBuilder& steps);
  // Restores the initial world, clears the timeline and the fault rules, and reseeds ids.
  // The clock is left where it is (time only moves forward).
  void Reset();
  // Replaces everything with `image` in one step (the complete-state import):
  // the clock is set to image.now (a manual clock stands there, a realtime
  // one continues from it; the only move backwards), the state, timeline,
  // fact log, ids, fault rules and media bytes are swapped in, then `also`
  // runs under the same lock (the outbox restores its part). The initial
  // world Reset() returns to is kept. Throws std::logic_error inside hooks.
  void Restore(SimulatorImage image, const std::function<void(Ctx&)>& also);
  // The base URL apps reach this simulator at (set once bound; survives resets).
  void SetPublicBaseUrl(std::string url);
  // Replaces the initial world (and seed) and resets to it, in one step: what
  // loading a scenario does. Nothing changes and the problem is returned when
  // `world` does not apply.
  //
  // AdvanceTo, RunDue, Reset and Reload throw std::logic_error when called from
  // an after-step hook (they would wait for the advance that runs the hook).
  std::optional<std::string> Reload(WorldBuilder world, std::uint64_t seed);
  // From an after-step hook that changed the world at this instant: the
  // advance (or settle) running the hooks runs them once more before it
  // returns, so what the hook caused is processed and delivered too.
  void RequestSettle() { settle_requested_.store(true); }

  // Hooks run outside the state lock after each processed instant
  // (the webhook emitter delivers what became due). Register before use.
  void AddAfterStepHook(std::function<void()> hook);
  // Hooks run (under the lock) after Reset, so modules can clear their state.
  void AddResetHook(std::function<void(Ctx&)> hook);

  Clock& clock() { return *clock_; }
  IdGenerator& ids() { return ids_; }
  // The fact log; read it under WithLock (ctx.facts), or wait on it without the lock.
  FactLog& facts() { return facts_; }
  // Media bytes by sha256; use it without the state lock (it has its own).
  BlobStore& blobs() { return blobs_; }
  // Fault rules for the Graph API; own mutex, used without the state lock
  // (fault_store.h). Reset() clears them.
  faults::FaultStore& faults() { return faults_; }
  std::uint64_t seed() const { return seed_; }
  std::optional<TimeMs> NextDue();
  // Between two chunks of work done under WithLock (lock released): lets every
  // request that was waiting for the lock take it once before the next chunk
  // (std::mutex would let the releasing thread barge back in).
  void HandOffToWaiters();

 private:
  void RunDueUpTo(TimeMs target);
  void ResetLocked();  // REQUIRES: advance_mu_ and mu_ held
  static void RefuseInsideHooks(const char* what);
  void RunDueHeld();
  void DrainSettleRequests();              // REQUIRES: advance_mu_ held  // REQUIRES: advance_mu_ held
  void WakeIfEarlierLocked();              // REQUIRES: mu_ held
  std::optional<TimeMs> RefreshDueHint();  // REQUIRES: mu_ held; returns the next due time
  void RunEntry(const TimelineEntry& entry);
  void RunHooks();

  std::mutex mu_;  // guards state_, timeline_, the wait state below
  std::condition_variable due_cv_;
  std::optional<TimeMs> waiting_for_;  // the due time the realtime driver sleeps towards
  bool driver_waiting_ = false;
  bool stop_waiting_ = false;
  std::mutex advance_mu_;  // one advance at a time
  // Requests waiting in WithLock, and how many got in: a chunk of due work
  // hands the lock to the waiters (std::mutex lets the releasing thread barge
  // back in, so releasing alone lets no one in).
  // SettleNow's lock-free fast path: the earliest due time (never later than
  // the truth) and the last event fact the after-step hooks have seen.
  std::atomic<TimeMs> next_due_hint_{std::numeric_limits<TimeMs>::max()};
  std::atomic<std::uint64_t> settled_event_seq_{0};
  std::atomic<bool> settle_requested_{false};
  std::atomic<std::uint64_t> lock_waiters_{0};
  std::atomic<std::uint64_t> lock_entries_{0};
  std::shared_ptr<Clock> clock_;
  std::string public_base_url_;      // guarded by mu_; empty: SimState's default
  std::atomic<std::uint64_t> seed_;  // Reload changes it
  WorldBuilder world_;
  IdGenerator ids_;
  Timeline timeline_;
  TimelineHandlers handlers_;
  LifecycleRegistry lifecycles_;
  FactLog facts_;
  BlobStore blobs_;
  faults::FaultStore faults_;
  SimState state_;
  std::vector<std::function<void()>> after_step_hooks_;
  std::vector<std::function<void(Ctx&)>> reset_hooks_;
};

}  // namespace wasim
