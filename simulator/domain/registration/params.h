// Reading the registration endpoints' parameters (query string, JSON or form
// fields, merged by the HTTP layer) with Graph's wording for bad ones.
// Internal to the registration module.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::registration {

// The parameter as text: a string, or an integer written in decimal; nullopt
// when absent or of another type.
std::optional<std::string> ParamText(const Json& params, const char* key);
// (#100) "The parameter <key> is required."
GraphError MissingParam(const std::string& key);
// A required 6-digit PIN (register, POST /{id}); the error names `key`.
Result<std::string> RequiredPin(const Json& params);
bool IsDigits(const std::string& s, size_t length);

}  // namespace wasim::registration
