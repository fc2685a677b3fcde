// `wasim run FILE...` and `wasim validate FILE...` (scenarios).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/scenario/runner.h"
#include "simulator/scenario/scenario.h"

namespace wasim {

// Replays one loaded scenario headless on a manual clock (the seed: the
// scenario's, else 42, unless overridden). nullopt and `*problem` when its
// world cannot be built.
std::optional<scenario::RunReport> RunScenario(const scenario::Scenario& s, std::optional<std::uint64_t> seed,
                                               std::string* problem);

// Exit codes: 0 every expectation met / every file valid; 1 an expectation
// failed / a file has errors; 2 bad usage or a scenario that does not load.
int RunCommand(const std::vector<std::string>& args);
int ValidateCommand(const std::vector<std::string>& args);

}  // namespace wasim
