// Creation/edit-time checks of a template definition (name, language,
// category, parameter format, components). Send-time checks live elsewhere
// (send_check). Returns Meta's template-creation errors; no state.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::templates {

constexpr size_t kMaxNameChars = 512;  // Meta: names up to 512 characters
constexpr size_t kMaxHeaderTextChars = 60;
constexpr size_t kMaxBodyChars = 1024;
constexpr size_t kMaxFooterChars = 60;
constexpr size_t kMaxButtonTextChars = 25;
constexpr size_t kMaxButtons = 10;

// A creation body, normalised: category / parameter_format / component and
// button types upper-cased as Meta stores them.
struct Definition {
  std::string name;
  std::string language;
  std::string category;
  std::string parameter_format = "POSITIONAL";
  Json components = Json::array();
  std::optional<long long> message_send_ttl_seconds;
};

Result<Definition> CheckCreateBody(const Json& body);

// "MARKETING" etc. from any case; "" when not one of Meta's three categories.
std::string NormalizeCategory(const Json& value);

// Checks `components` for a template of `category` using `parameter_format`;
// returns them normalised.
Result<Json> CheckComponents(const Json& components, const std::string& category,
                             const std::string& parameter_format);

// True when the body has two parameters with nothing but spaces between them
// ("{{1}}{{2}}"), which Meta's review rejects as INVALID_FORMAT.
bool HasAdjacentBodyParams(const Json& components);

// Number of Unicode code points in UTF-8 text.
size_t CodePoints(const std::string& utf8);

}  // namespace wasim::templates
