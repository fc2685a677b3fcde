// GraphError as our own JSON (timeline records, facts, persistence): every
// field, so an error read back is the error written. Not Meta's shape: Meta's
// shapes are rendered by error_render.h.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"

namespace wasim {

Json GraphErrorToJson(const GraphError& e);
// nullopt (and the reason in *why) when `j` is not an object of that form.
std::optional<GraphError> GraphErrorFromJson(const Json& j, std::string* why);

}  // namespace wasim
