// FaultStore: the fault rules of one simulator, in order, with their counters.
//
// Its own small mutex, not the Simulator lock: the before-auth check runs on
// every Graph request before the state lock is taken, and the admin API lists
// and edits rules without touching the world. The after-auth check runs under
// the state lock and takes this mutex inside it (lock order: state, then
// faults; the store never takes the state lock). With no rules a check is one
// atomic load, so the fault-free path costs nothing measurable.
// Faults are test set-up, not part of the world: no facts are recorded when a
// rule is added or removed; Simulator::Reset clears them and restarts ids.
#pragma once
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "simulator/domain/faults/fault_rule.h"

namespace wasim::faults {

class FaultStore {
 public:
  // Appends `rule` (counters zeroed) with a fresh id "flt_N"; returns the stored rule.
  FaultRule Add(FaultRule rule);
  // Every rule in order, finished ones included (marked so).
  std::vector<FaultRule> List() const;
  std::optional<FaultRule> Get(const std::string& id) const;
  bool Remove(const std::string& id);
  // Removes every rule; returns how many there were. Ids keep counting.
  std::size_t Clear();
  // Clear, and ids start again at flt_1 (Simulator::Reset: ids are reseeded).
  void Reset();
  // Persistence: the id the next rule gets, and a store holding exactly
  // `rules` (ids and counters as given) whose ids continue from `next_id`.
  std::uint64_t next_id() const;
  void Restore(std::vector<FaultRule> rules, std::uint64_t next_id);

  // The rule that fires for `req` at `stage`, as it is after counting, or
  // nullopt. Rules are tried in order; each unfinished rule of the stage that
  // matches counts the request, and the first one whose count says "fire"
  // (every Nth, within its `times`) fires and ends the search: later rules do
  // not see a request an earlier rule faulted. A finished rule is kept in the
  // list (its counters stay readable) and matches nothing.
  std::optional<FaultRule> Check(FaultStage stage, const FaultRequest& req);
  // Cheap pre-check (one atomic load): false when no unfinished rule of `stage` exists.
  bool Armed(FaultStage stage) const;

 private:
  void RefreshArmedLocked();

  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  std::uint64_t next_id_ = 1;
  std::atomic<std::size_t> armed_before_{0};
  std::atomic<std::size_t> armed_after_{0};
};

}  // namespace wasim::faults
