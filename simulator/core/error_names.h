// Source-level names of the error codes ("kNotRegistered"), for logs and for
// the catalog audit test that looks for `ErrorCode::kName` in the sources.
#pragma once
#include <string_view>

#include "simulator/core/errors.h"

namespace wasim {

// The enumerator's name, e.g. ErrorCodeName(ErrorCode::kNotRegistered) ==
// "kNotRegistered"; "" for a value without an enumerator. A test checks that
// every catalog row has a name, so a new enumerator must be added here too.
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace wasim
