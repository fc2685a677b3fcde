// JSON at the edges: strict parsing with a nesting limit, and serialisation
// byte for byte as Meta does (compact, non-ASCII as lowercase \uXXXX, '/' as
// '\/'), which webhook signatures are computed over.
#pragma once
#include <string>
#include <string_view>

// The one include of nlohmann in the tree (an architecture test checks it):
// its assertion policy must be set before it.
// clang-format off
#include "simulator/core/json_config.h"
#include <nlohmann/json.hpp>
// clang-format on

#include "simulator/core/result.h"

namespace wasim {

using Json = nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 64;

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Parses a request body. Rejects (without building a tree) nesting deeper
// than `max_depth`, then invalid UTF-8 and malformed JSON. Errors are Graph
// errors (code 100) whose details say what is wrong.
Result<Json> ParseJsonBody(std::string_view body, int max_depth = kMaxJsonDepth);

// Meta's wire format: compact; non-ASCII escaped as lowercase \uXXXX (UTF-16
// surrogate pairs above U+FFFF); '/' escaped as '\/'. Invalid UTF-8 inside
// strings is replaced, never thrown.
std::string DumpMeta(const Json& j);

// Pretty output for admin endpoints and logs (no escaping of '/').
std::string DumpPretty(const Json& j);

}  // namespace wasim
