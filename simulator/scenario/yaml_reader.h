// Strict reading of YAML nodes with positions: every problem becomes a
// LoadError at the node's file:line:column, and reading goes on so a file's
// errors are reported together. Used by the scenario loader only.
#pragma once
#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/scenario/loader.h"

namespace wasim::scenario {

// Errors kept per load (a hostile file cannot make the list itself huge).
constexpr size_t kMaxErrors = 100;
// The longest duration a scenario may name (sums stay far from overflow).
constexpr DurationMs kMaxDuration = 3650 * kDay;

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<LoadError>& errors) : file_(std::move(file)), errors_(errors) {}

  const std::string& file() const { return file_; }
  SourcePos Pos(const YAML::Node& node) const;
  void Error(const YAML::Node& node, const std::string& message);
  void ErrorAt(const SourcePos& pos, const std::string& message);

  // True when `node` is a mapping (else an error naming `what`); reports every
  // key outside `allowed`, listing what was expected.
  bool Mapping(const YAML::Node& node, const std::string& what, const std::set<std::string>& allowed);
  bool Sequence(const YAML::Node& node, const std::string& what);

  // Optional scalar fields of a mapping; a present field of the wrong type is
  // an error and leaves `out` unchanged. Return whether the key was present and valid.
  bool String(const YAML::Node& map, const std::string& key, std::string& out);
  bool Bool(const YAML::Node& map, const std::string& key, bool& out);
  bool Long(const YAML::Node& map, const std::string& key, long& out);
  bool Duration(const YAML::Node& map, const std::string& key, DurationMs& out);
  bool StringList(const YAML::Node& map, const std::string& key, std::vector<std::string>& out);
  // One of `choices` (the error lists them).
  bool Choice(const YAML::Node& map, const std::string& key, const std::vector<std::string>& choices,
              std::string& out);
  // A required key: reports it missing.
  bool Require(const YAML::Node& map, const std::string& key, const std::string& what);

  // Any YAML value as JSON: plain scalars that read as true/false, null,
  // integers or numbers become those; quoted scalars stay strings. Bounded
  // by kMaxYamlNodes across the whole file (alias bombs).
  std::optional<Json> ToJson(const YAML::Node& node);

 private:
  std::optional<Json> ToJsonBounded(const YAML::Node& node, int depth);
  // Counts values read against kMaxYamlNodes (aliases make a small file large).
  bool Charge(const YAML::Node& node, size_t values);
  std::string file_;
  std::vector<LoadError>& errors_;
  size_t nodes_ = 0;
  bool budget_reported_ = false;
};

}  // namespace wasim::scenario
