// A small JSON Schema validator over Meta's OpenAPI 3.1 file (yaml-cpp), for
// conformance tests: $ref resolution and the keywords Meta's spec uses for
// responses (type, properties, required, items, enum, const, oneOf, anyOf,
// allOf, additionalProperties, nullable). Formats and numeric/string bounds
// are not checked. Not thread-safe; load once per test suite.
#pragma once
#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"

namespace wasim::testing {

class OpenApiSpec {
 public:
  // nullptr (and *error) when the file cannot be read or parsed.
  static std::unique_ptr<OpenApiSpec> Load(const std::string& file, std::string* error);
  // From YAML text (validator unit tests).
  static std::unique_ptr<OpenApiSpec> FromString(const std::string& yaml);

  // The application/json schema of `path_template` (as written in the spec,
  // e.g. "/{Version}/{Phone-Number-ID}/messages"), `method` (lowercase) and
  // `status` ("200"); nullopt when the spec has none.
  std::optional<YAML::Node> ResponseSchema(const std::string& path_template, const std::string& method,
                                           const std::string& status) const;
  // "#/components/schemas/Name".
  std::optional<YAML::Node> Ref(const std::string& ref) const;

  // Violations as "$.path: what"; empty when `value` conforms.
  std::vector<std::string> Validate(const YAML::Node& schema, const Json& value) const;

 private:
  explicit OpenApiSpec(YAML::Node root) : root_(std::move(root)) {}
  void Check(const YAML::Node& schema, const Json& v, const std::string& path, int depth,
             std::vector<std::string>* out) const;
  bool Matches(const YAML::Node& schema, const Json& v, int depth) const;
  YAML::Node Resolve(const YAML::Node& schema) const;

  YAML::Node root_;
};

// The vendored subset of Meta's file (fixtures/openapi, MIT).
std::string ExpectedOpenApiPath();

}  // namespace wasim::testing
