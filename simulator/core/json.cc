#include "simulator/core/json.h"

namespace wasim {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

namespace {

// Streaming pass over the raw text: maximum nesting depth outside strings.
int MaxDepth(std::string_view s, int limit) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) max_depth = depth;
      if (max_depth > limit) return max_depth;
    } else if (c == ']' || c == '}')
      --depth;
  }
  return max_depth;
}

}  // namespace

Result<Json> ParseJsonBody(std::string_view body, int max_depth) {
  if (MaxDepth(body, max_depth) > max_depth) {
    return InvalidParameterError("Request body is nested more than " + std::to_string(max_depth) +
                                 " levels deep.");
  }
  if (!IsValidUtf8(body)) return InvalidParameterError("Request body is not valid UTF-8.");
  try {
    return Json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // Strip nlohmann's "[json.exception.parse_error.101] " prefix.
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return InvalidParameterError("Request body is not valid JSON: " + what);
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406 "number overflow parsing '1e999'": still the client's fault.
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return InvalidParameterError("Request body is not valid JSON: " + what);
  }
}

std::string DumpMeta(const Json& j) {
  // nlohmann's ensure_ascii writes \uXXXX with lowercase hex and surrogate pairs.
  std::string raw = j.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size() + raw.size() / 16);
  for (char c : raw) {
    if (c == '/')
      out += "\\/";  // only ever inside strings in JSON text
    else
      out += c;
  }
  return out;
}

std::string DumpPretty(const Json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace wasim
