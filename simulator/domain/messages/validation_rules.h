// Per-type payload validators and the small helpers they share.
#pragma once
#include <string>
#include <string_view>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::messages {

// Length as Meta counts it (characters; we count Unicode code points).
size_t CharLength(std::string_view utf8);

// Field helpers: `where` is the path Meta names in its details, e.g. "text['body']".
Status RequireString(const Json& obj, const char* key, const std::string& where, size_t max_len,
                     bool required = true);

}  // namespace wasim::messages
