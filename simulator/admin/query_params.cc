#include "simulator/admin/query_params.h"

#include <algorithm>
#include <charconv>

namespace wasim {

bool ParseUint64(const std::string& text, std::uint64_t* out) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return false;
  *out = v;
  return true;
}

bool ParseLimit(const std::string& text, size_t max, size_t* out) {
  if (text.empty()) return true;
  std::uint64_t v = 0;
  if (!ParseUint64(text, &v) || v == 0 || v > max) return false;
  *out = static_cast<size_t>(v);
  return true;
}

std::string CheckQueryParams(const HttpRequest& req, const std::vector<std::string>& allowed) {
  for (const auto& [name, value] : req.query) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return "unknown query parameter '" + name + "' for " + req.path + ": use " + list;
  }
  return "";
}

}  // namespace wasim
