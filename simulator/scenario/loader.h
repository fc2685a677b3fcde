// Loads a scenario from YAML, strictly: an unknown key, a wrong type, a bad
// duration, a reference to an object the world does not have, a duplicate
// id or a fixed step earlier than the one before it is an error at its
// file:line:column, and every error of a file is reported at once. A file
// that is not YAML, is too large, expands too far (alias bombs), includes
// itself or names a missing include is an error too. Nothing is loaded when
// there is any error.
#pragma once
#include <string>
#include <vector>

#include "simulator/scenario/scenario.h"

namespace wasim::scenario {

struct LoadError {
  SourcePos pos;
  std::string message;
  // "file:line:column: message" (line/column omitted when unknown).
  std::string ToString() const;
};

struct LoadResult {
  Scenario scenario;
  std::vector<LoadError> errors;
  bool ok() const { return errors.empty(); }
};

// Limits against hostile input.
constexpr size_t kMaxScenarioBytes = 16 * 1024 * 1024;
constexpr size_t kMaxYamlNodes = 200000;  // after alias expansion
constexpr int kMaxIncludeDepth = 16;

// `file` names the text in messages and is where relative includes are read
// from. A text that came over HTTP must not read the server's files: give
// `allow_includes` false and any `include:` is an error.
LoadResult LoadScenarioText(const std::string& text, const std::string& file, bool allow_includes = true);
LoadResult LoadScenarioFile(const std::string& path);

// Whether a step may call this admin path: not what drives the clock or owns
// the world (/_sim/clock, /_sim/reset, /_sim/scenarios, webhook redelivery),
// since a step runs while the clock is being advanced. Checked at load and,
// after ${variables} are filled in, at run time.
bool StepMayCall(const std::string& admin_path);

}  // namespace wasim::scenario
