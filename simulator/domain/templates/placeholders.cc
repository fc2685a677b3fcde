#include "simulator/domain/templates/placeholders.h"

#include <algorithm>
#include <optional>

namespace wasim::templates {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsNamed(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The placeholder starting at text[pos] ("{{name}}"): its name and end, or nullopt.
struct Found {
  std::string name;
  size_t end;  // one past the closing braces
};

std::optional<Found> PlaceholderAt(std::string_view text, size_t pos) {
  if (text.compare(pos, 2, "{{") != 0) return std::nullopt;
  size_t close = text.find("}}", pos + 2);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view name = text.substr(pos + 2, close - pos - 2);
  if (!IsDigits(name) && !IsNamed(name)) return std::nullopt;
  return Found{std::string(name), close + 2};
}

}  // namespace

Placeholders ParsePlaceholders(std::string_view text) {
  Placeholders out;
  for (size_t pos = 0; pos < text.size();) {
    auto f = PlaceholderAt(text, pos);
    if (!f) {
      ++pos;
      continue;
    }
    if (std::find(out.names.begin(), out.names.end(), f->name) == out.names.end())
      out.names.push_back(f->name);
    (IsDigits(f->name) ? out.any_positional : out.any_named) = true;
    pos = f->end;
  }
  return out;
}

std::string Hydrate(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    auto f = PlaceholderAt(text, pos);
    auto it = f ? values.find(f->name) : values.end();
    if (it == values.end()) {
      out += text[pos++];
      continue;
    }
    out += it->second;
    pos = f->end;
  }
  return out;
}

}  // namespace wasim::templates
