// Template placeholders: positional {{1}} or named {{first_name}} (Meta:
// templates use one parameter format, POSITIONAL or NAMED). Pure functions.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wasim::templates {

struct Placeholders {
  // Distinct placeholder names in order of first appearance ("1", "2" or "first_name").
  std::vector<std::string> names;
  bool any_positional = false;  // some name is all digits
  bool any_named = false;       // some name is not

  size_t count() const { return names.size(); }
};

// Finds {{...}} placeholders in `text`. A name is digits or [a-z_][a-z0-9_]*
// (Meta's rule for named parameters); anything else between braces is text.
Placeholders ParsePlaceholders(std::string_view text);

// Replaces each {{name}} whose name is in `values`; others stay as they are.
std::string Hydrate(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace wasim::templates
