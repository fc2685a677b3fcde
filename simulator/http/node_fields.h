// Graph's field selection (?fields=a,b,c) and list envelopes.
#pragma once
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/state.h"

namespace wasim {

// Picks `fields` (comma-separated; empty = defaults) from `all`, in the order
// asked. "id" is always included, as Graph does. Unknown field -> (#100)
// Tried accessing nonexisting field.
Result<Json> SelectFields(const Json& all, const std::string& fields,
                          const std::vector<std::string>& defaults, const char* node_type);

// "15550783881" -> "+1 555-078-3881" (Meta's display format for US numbers;
// other countries: "+CC rest").
std::string FormatDisplayNumber(const std::string& digits);

// Portfolio messaging limit as Meta names the tier: TIER_250, TIER_2K, TIER_10K,
// TIER_100K, TIER_UNLIMITED.
std::string MessagingLimitTier(const SimState& s, const std::string& waba_id);

}  // namespace wasim
