// Template placeholders: positional {{1}} or named {{first_name}} (Meta:
// templates use one parameter format, POSITIONAL or NAMED). The one grammar
// of placeholders, used by template creation (definition_check) and by the
// send-time checks and hydration (send_check). Pure functions.
//
// Grammar: a span runs from a "{{" to the nearest "}}" after it, and scanning
// resumes after that "}}". The text between is the span's name. A name is a
// parameter when it is positional (1 to 3 digits: {{1}}, {{2}}, ...) or named
// ([a-z_][a-z0-9_]*, Meta's rule for named parameters). Any other span is
// malformed: creation refuses it; at send time it is plain text (it is not a
// parameter, and a "{{1}}" inside it is not one either: "{{{1}}" is the
// malformed span "{1"). A "{{" with no "}}" after it is plain text.
// Assumption: the nearest-"}}" rule and the 3-digit bound (Meta documents
// neither; positional parameters must be 1..n in order, so 3 digits is ample).
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wasim::templates {

// One {{...}} span of a text.
struct PlaceholderSpan {
  std::string name;           // the text between the braces
  size_t begin = 0, end = 0;  // [begin, end) in the text, braces included
  bool valid = false;         // name is positional or named
};

// 1 to 3 digits.
bool IsPositionalPlaceholder(std::string_view name);
// [a-z_][a-z0-9_]*.
bool IsNamedPlaceholder(std::string_view name);

// Every span of `text`, valid or malformed, in order.
std::vector<PlaceholderSpan> ScanPlaceholders(std::string_view text);

struct Placeholders {
  // Distinct parameter names in order of first appearance ("1", "2" or "first_name").
  std::vector<std::string> names;
  bool any_positional = false;  // some name is positional
  bool any_named = false;       // some name is named

  size_t count() const { return names.size(); }
};

// The parameters of `text`: its valid spans (malformed spans are text).
Placeholders ParsePlaceholders(std::string_view text);

// Replaces each parameter whose name is in `values`; other parameters and
// malformed spans stay as they are.
std::string Hydrate(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace wasim::templates
