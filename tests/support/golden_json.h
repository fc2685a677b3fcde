// Golden comparison of our JSON against a Meta example (fixtures/): same
// keys, same key order, same JSON types; values equal except where the key
// names an id (ids, trace ids, cursors differ per run by design).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "simulator/core/json.h"

namespace wasim::testing {

struct GoldenOptions {
  // Keys whose values may differ (type must still match).
  std::set<std::string> value_exempt = {"id", "fbtrace_id", "before", "after"};
  // Keys of the example we may lack / extra keys we may send: each must be a
  // documented difference (see fixtures/README.md), never a convenience.
  std::set<std::string> allowed_missing;
  std::set<std::string> allowed_extra;
  // The example is a trimmed quote: only its keys are compared (in order).
  bool example_is_partial = false;
};

// Differences as "path: what" lines; empty when `actual` matches `expected`.
// Arrays: every element we send is compared with the example's element at the
// same index (or its last element when the example is shorter).
std::vector<std::string> GoldenDiff(const Json& expected, const Json& actual, const GoldenOptions& o = {});

// fixtures/<relative> parsed (ordered); fails the test when missing or invalid.
Json LoadFixture(const std::string& relative);

// Each string on its own line, indented two spaces (failure messages).
std::string IndentedLines(const std::vector<std::string>& v);

}  // namespace wasim::testing
