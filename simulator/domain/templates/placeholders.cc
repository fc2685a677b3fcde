#include "simulator/domain/templates/placeholders.h"

#include <algorithm>

namespace wasim::templates {

bool IsPositionalPlaceholder(std::string_view name) {
  return !name.empty() && name.size() <= 3 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsNamedPlaceholder(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::vector<PlaceholderSpan> ScanPlaceholders(std::string_view text) {
  std::vector<PlaceholderSpan> out;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    size_t close = text.find("}}", pos + 2);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(pos + 2, close - pos - 2);
    out.push_back(
        {std::string(name), pos, close + 2, IsPositionalPlaceholder(name) || IsNamedPlaceholder(name)});
    pos = close + 2;
  }
  return out;
}

Placeholders ParsePlaceholders(std::string_view text) {
  Placeholders out;
  for (auto& span : ScanPlaceholders(text)) {
    if (!span.valid) continue;
    (IsPositionalPlaceholder(span.name) ? out.any_positional : out.any_named) = true;
    if (std::find(out.names.begin(), out.names.end(), span.name) == out.names.end())
      out.names.push_back(std::move(span.name));
  }
  return out;
}

std::string Hydrate(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;  // text[0, copied) is in `out`
  for (const auto& span : ScanPlaceholders(text)) {
    auto it = span.valid ? values.find(span.name) : values.end();
    if (it == values.end()) continue;
    out.append(text.substr(copied, span.begin - copied));
    out += it->second;
    copied = span.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace wasim::templates
