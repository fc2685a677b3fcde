#include "simulator/core/scheduler.h"

#include <vector>

namespace wasim {

Scheduler::TaskId Scheduler::Schedule(TimeMs due, std::string label, Task task) {
  TaskId id = next_seq_++;
  Key key{due, id};
  queue_.emplace(key, Entry{std::move(label), std::move(task)});
  index_.emplace(id, key);
  return id;
}

bool Scheduler::Cancel(TaskId id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  queue_.erase(it->second);
  index_.erase(it);
  return true;
}

std::optional<TimeMs> Scheduler::NextDue() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

bool Scheduler::PopDue(TimeMs now, TimeMs* due, Task* task) {
  if (queue_.empty()) return false;
  auto it = queue_.begin();
  if (it->first.first > now) return false;
  *due = it->first.first;
  *task = std::move(it->second.task);
  index_.erase(it->first.second);
  queue_.erase(it);
  return true;
}

std::vector<std::pair<TimeMs, std::string>> Scheduler::Pending(size_t limit) const {
  std::vector<std::pair<TimeMs, std::string>> out;
  for (const auto& [key, entry] : queue_) {
    if (out.size() >= limit) break;
    out.emplace_back(key.first, entry.label);
  }
  return out;
}

}  // namespace wasim
