// Timeline: pending work as typed records on the virtual clock, run in
// (due time, sequence) order. A binary heap with cancellable ids: Cancel marks
// the id dead and the heap drops it lazily when it surfaces, so Add, Cancel
// and PopDue are O(log n) at 50,000 pending records.
//
// Not thread-safe: the Simulator owns one and uses it under its lock.
#pragma once
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "simulator/core/time.h"
#include "simulator/domain/timeline/records.h"

namespace wasim {

using TimelineId = std::uint64_t;

struct TimelineEntry {
  TimelineId id = 0;  // also the sequence: ids grow, so equal due times run in creation order
  TimeMs due = 0;
  DueRecord record;
};

class Timeline {
 public:
  TimelineId Add(TimeMs due, DueRecord record);
  // Restores an entry read back from JSON (persistence), keeping its id.
  // Returns false when the id is in the timeline (pending or cancelled).
  bool Restore(TimelineEntry entry);
  // True when the id was pending (it will not run).
  bool Cancel(TimelineId id);
  bool IsPending(TimelineId id) const { return live_.count(id) > 0; }
  std::optional<TimeMs> NextDue();
  // Removes and returns the earliest pending entry due at or before `now`.
  std::optional<TimelineEntry> PopDue(TimeMs now);
  size_t size() const { return live_.size(); }
  // Every pending entry in run order (a sorted copy: for inspection).
  std::vector<TimelineEntry> Pending() const;
  // Drops everything; ids keep growing (never reused).
  void Clear();
  TimelineId next_id() const { return next_id_; }
  // Persistence: the timeline becomes exactly `entries` (ids kept), with new
  // ids from `next` (above every restored id). O(n log n). False, and the
  // timeline empty, when two entries share an id. REQUIRES: nothing outside
  // the state replaced in the same step holds an id of this timeline.
  bool ReplaceAll(std::vector<TimelineEntry> entries, TimelineId next);

 private:
  void DropCancelledTop();

  std::vector<TimelineEntry> heap_;
  std::unordered_set<TimelineId> live_;
  TimelineId next_id_ = 1;
};

}  // namespace wasim
