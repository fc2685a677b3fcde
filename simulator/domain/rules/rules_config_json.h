// RulesConfig as JSON for GET/PATCH /_sim/rules and scenarios:
//   {"service_window":{"enabled":true,"code":131047,"surface":"async","window":"1d"},
//    "pair_rate":{"enabled":true,"code":131056,"surface":"async","interval":"6s","burst":45},
//    "free_entry_point":{"enabled":true,"reply_within":"1d","window":"3d"}, ...}
// Durations are strings ("90s", "36h", "3d"); codes must be in the error catalog.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/domain/rules/rules_config.h"

namespace wasim::rules {

Json RulesConfigJson(const RulesConfig& cfg);

// Applies a partial update to `cfg`. On error returns false with `error` set
// and leaves `cfg` unchanged (the patch is applied to a copy first).
bool PatchRulesConfig(RulesConfig& cfg, const Json& patch, std::string* error);

}  // namespace wasim::rules
