// The AdvanceUntil loop both EmbeddedSimulator and SandboxClient run: move the
// clock to the next due timeline record, again and again, until a condition
// holds or the next record lies beyond a horizon. Only how the clock is read
// and moved differs (in-process or over the admin API), so that is passed in.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "wasim/simulator.h"

namespace wasim {

struct SteppableClock {
  std::function<std::int64_t()> now_ms;
  std::function<std::optional<std::int64_t>()> next_due_ms;
  std::function<bool()> advance_to_next_due;  // false: the advance failed
  std::string where;                          // for the report, e.g. " in sandbox sbx_1"
};

WaitResult AdvanceClockUntil(const SteppableClock& clock, const std::function<bool()>& done,
                             std::chrono::milliseconds horizon, const std::function<std::string()>& describe);

}  // namespace wasim
