// Precompiled for every wasim library target (CMake target_precompile_headers):
// the heavy headers most translation units include. nlohmann comes in only
// through json.h, so it is always compiled with our JSON_ASSERT (json_config.h).
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "simulator/core/json.h"
