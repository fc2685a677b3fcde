#include "simulator/scenario/match.h"

#include <charconv>

namespace wasim::scenario {

std::string Substitute(const std::string& s, const Variables& vars) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) break;
    size_t close = s.find('}', open + 2);
    if (close == std::string::npos) break;
    out.append(s, i, open - i);
    auto it = vars.find(s.substr(open + 2, close - open - 2));
    out += it != vars.end() ? it->second : s.substr(open, close - open + 1);
    i = close + 1;
  }
  out.append(s, i, std::string::npos);
  return out;
}

Json Substitute(const Json& j, const Variables& vars) {
  if (j.is_string()) return Substitute(j.get<std::string>(), vars);
  if (j.is_array()) {
    Json a = Json::array();
    for (const auto& v : j) a.push_back(Substitute(v, vars));
    return a;
  }
  if (j.is_object()) {
    Json o = Json::object();
    for (const auto& [k, v] : j.items()) o[Substitute(k, vars)] = Substitute(v, vars);
    return o;
  }
  return j;
}

const Json* At(const Json& j, const std::string& dotted) {
  const Json* cur = &j;
  size_t i = 0;
  while (i <= dotted.size()) {
    size_t dot = dotted.find('.', i);
    std::string part = dotted.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
    if (cur->is_object()) {
      auto it = cur->find(part);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array() && !part.empty() &&
               part.find_first_not_of("0123456789") == std::string::npos) {
      size_t idx = 0;
      auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), idx);
      if (ec != std::errc() || end != part.data() + part.size() || idx >= cur->size()) return nullptr;
      cur = &(*cur)[idx];
    } else {
      return nullptr;
    }
    if (dot == std::string::npos) break;
    i = dot + 1;
  }
  return cur;
}

bool GlobMatch(const std::string& p, const std::string& t) {
  // Iterative wildcard match with backtracking to the last '*'.
  size_t pi = 0, ti = 0, star = std::string::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {
std::string Text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
}  // namespace

std::string Mismatch(const Json& j, const Json& where) {
  for (const auto& [key, want] : where.items()) {
    const Json* got = At(j, key);
    if (want.is_null()) {
      if (got && !got->is_null()) return key + " is " + Text(*got) + ", expected none";
      continue;
    }
    if (!got || got->is_null()) return key + " is missing, expected " + Text(want);
    bool ok = want.is_string() ? GlobMatch(want.get<std::string>(), Text(*got)) : Text(want) == Text(*got);
    if (!ok) return key + " is " + Text(*got) + ", expected " + Text(want);
  }
  return "";
}

}  // namespace wasim::scenario
