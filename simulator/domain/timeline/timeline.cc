#include "simulator/domain/timeline/timeline.h"

#include <algorithm>

namespace wasim {
namespace {

// std::push_heap builds a max-heap: "later" compares less, so the top is the earliest.
bool RunsLater(const TimelineEntry& a, const TimelineEntry& b) {
  return a.due != b.due ? a.due > b.due : a.id > b.id;
}

}  // namespace

TimelineId Timeline::Add(TimeMs due, DueRecord record) {
  TimelineId id = next_id_++;
  heap_.push_back(TimelineEntry{id, due, std::move(record)});
  std::push_heap(heap_.begin(), heap_.end(), RunsLater);
  live_.insert(id);
  return id;
}

bool Timeline::Restore(TimelineEntry entry) {
  // A cancelled copy may still sit in the heap: it would come back to life.
  for (const auto& e : heap_)
    if (e.id == entry.id) return false;
  if (!live_.insert(entry.id).second) return false;
  next_id_ = std::max(next_id_, entry.id + 1);
  heap_.push_back(std::move(entry));
  std::push_heap(heap_.begin(), heap_.end(), RunsLater);
  return true;
}

bool Timeline::ReplaceAll(std::vector<TimelineEntry> entries, TimelineId next) {
  Clear();
  next_id_ = next;
  for (const auto& e : entries) {
    if (!live_.insert(e.id).second) {
      Clear();
      return false;
    }
    next_id_ = std::max(next_id_, e.id + 1);
  }
  heap_ = std::move(entries);
  std::make_heap(heap_.begin(), heap_.end(), RunsLater);
  return true;
}

bool Timeline::Cancel(TimelineId id) { return live_.erase(id) > 0; }

void Timeline::DropCancelledTop() {
  while (!heap_.empty() && !live_.count(heap_.front().id)) {
    std::pop_heap(heap_.begin(), heap_.end(), RunsLater);
    heap_.pop_back();
  }
}

std::optional<TimeMs> Timeline::NextDue() {
  DropCancelledTop();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().due;
}

std::optional<TimelineEntry> Timeline::PopDue(TimeMs now) {
  DropCancelledTop();
  if (heap_.empty() || heap_.front().due > now) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), RunsLater);
  TimelineEntry e = std::move(heap_.back());
  heap_.pop_back();
  live_.erase(e.id);
  return e;
}

std::vector<TimelineEntry> Timeline::Pending() const {
  std::vector<TimelineEntry> out;
  out.reserve(live_.size());
  for (const auto& e : heap_)
    if (live_.count(e.id)) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return RunsLater(b, a); });
  return out;
}

void Timeline::Clear() {
  heap_.clear();
  live_.clear();
}

}  // namespace wasim
