#include "simulator/domain/rules/sliding_counter.h"

namespace wasim::rules {

std::int64_t SlidingCounter::Count(TimeMs now, DurationMs window) {
  while (!times_.empty() && times_.front() <= now - window) times_.pop_front();
  return static_cast<std::int64_t>(times_.size());
}

}  // namespace wasim::rules
