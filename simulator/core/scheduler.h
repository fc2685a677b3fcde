// Scheduler: tasks due at virtual instants, run in (time, sequence) order.
//
// Not thread-safe: the Simulator owns one and calls it under its lock.
// A task may schedule further tasks; those due within the same run also run.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "simulator/core/time.h"

namespace wasim {

class Scheduler {
 public:
  using TaskId = std::uint64_t;
  using Task = std::function<void(TimeMs due)>;

  // Schedules `task` at `due`; `label` is for inspection (GET /_sim/state).
  TaskId Schedule(TimeMs due, std::string label, Task task);
  bool Cancel(TaskId id);
  std::optional<TimeMs> NextDue() const;
  // Removes and returns the earliest task if it is due at or before `now`.
  // Returns false when nothing is due. Lets the caller step one task at a time
  // (advancing the clock to each task's own instant).
  bool PopDue(TimeMs now, TimeMs* due, Task* task);
  size_t size() const { return queue_.size(); }
  void Clear() { queue_.clear(); index_.clear(); }
  // (due, label) of pending tasks in run order, for inspection.
  std::vector<std::pair<TimeMs, std::string>> Pending(size_t limit) const;

 private:
  using Key = std::pair<TimeMs, std::uint64_t>;  // (due, sequence)
  struct Entry {
    std::string label;
    Task task;
  };
  std::map<Key, Entry> queue_;
  std::map<TaskId, Key> index_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace wasim
