#include "simulator/admin/query_params.h"

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

}  // namespace wasim
