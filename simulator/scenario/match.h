// Matching JSON against a scenario's `where` (dotted paths -> expected values)
// and ${variable} substitution. Pure functions.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "simulator/core/json.h"

namespace wasim::scenario {

using Variables = std::map<std::string, std::string>;

// Replaces ${name} in every string of `j` (keys too); unknown names stay as written.
Json Substitute(const Json& j, const Variables& vars);
std::string Substitute(const std::string& s, const Variables& vars);

// The value at a dotted path ("errors.0.code"), if any.
const Json* At(const Json& j, const std::string& dotted);

// "" when `j` matches every key of `where`; else why not (the first mismatch).
// Strings compare as text and may use `*` as a wildcard; a number matches its
// decimal text; null matches a missing value.
std::string Mismatch(const Json& j, const Json& where);

// `*` matches any run of characters.
bool GlobMatch(const std::string& pattern, const std::string& text);

}  // namespace wasim::scenario
