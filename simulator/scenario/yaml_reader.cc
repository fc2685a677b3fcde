#include "simulator/scenario/yaml_reader.h"

#include <cerrno>
#include <cstdlib>

namespace wasim::scenario {
namespace {

std::string Joined(const std::set<std::string>& keys) {
  std::string s;
  for (const auto& k : keys) s += (s.empty() ? "" : ", ") + k;
  return s;
}

std::string KindOf(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      // Capped: a message never echoes a whole document back.
      return "'" + (n.Scalar().size() > 40 ? n.Scalar().substr(0, 40) + "…" : n.Scalar()) + "'";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "an undefined value";
  }
}

bool PlainScalar(const YAML::Node& n) { return n.Tag() == "?"; }

std::optional<long long> AsInteger(const std::string& s) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return std::nullopt;
  return v;
}

std::optional<double> AsNumber(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return v;
}

}  // namespace

SourcePos YamlReader::Pos(const YAML::Node& node) const {
  YAML::Mark m = node.Mark();
  SourcePos p;
  p.file = file_;
  if (!m.is_null()) {
    p.line = m.line + 1;
    p.column = m.column + 1;
  }
  return p;
}

void YamlReader::Error(const YAML::Node& node, const std::string& message) { ErrorAt(Pos(node), message); }

void YamlReader::ErrorAt(const SourcePos& pos, const std::string& message) {
  if (errors_.size() < kMaxErrors) {
    errors_.push_back({pos, message});
  } else if (errors_.size() == kMaxErrors) {
    errors_.push_back({pos, "too many errors; the first " + std::to_string(kMaxErrors) + " are listed"});
  }
}

bool YamlReader::Charge(const YAML::Node& node, size_t values) {
  nodes_ += values;
  if (nodes_ <= kMaxYamlNodes) return true;
  if (!budget_reported_)
    Error(node, "the document expands to too many values (aliases?); limit " + std::to_string(kMaxYamlNodes) +
                    " values");
  budget_reported_ = true;
  return false;
}

bool YamlReader::Mapping(const YAML::Node& node, const std::string& what,
                         const std::set<std::string>& allowed) {
  if (!Charge(node, node.IsMap() ? node.size() + 1 : 1)) return false;
  if (!node.IsMap()) {
    Error(node, what + ": expected a mapping, got " + KindOf(node));
    return false;
  }
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (!allowed.count(key))
      Error(kv.first, what + ": unknown key '" + key + "' (expected one of: " + Joined(allowed) + ")");
  }
  return true;
}

bool YamlReader::Sequence(const YAML::Node& node, const std::string& what) {
  if (!Charge(node, node.IsSequence() ? node.size() + 1 : 1)) return false;
  if (node.IsSequence()) return true;
  Error(node, what + ": expected a list, got " + KindOf(node));
  return false;
}

bool YamlReader::Require(const YAML::Node& map, const std::string& key, const std::string& what) {
  if (map[key]) return true;
  Error(map, what + ": '" + key + "' is required");
  return false;
}

bool YamlReader::String(const YAML::Node& map, const std::string& key, std::string& out) {
  YAML::Node v = map[key];
  if (!v) return false;
  if (!v.IsScalar()) {
    Error(v, "'" + key + "': expected a string, got " + KindOf(v));
    return false;
  }
  out = v.Scalar();
  return true;
}

bool YamlReader::Bool(const YAML::Node& map, const std::string& key, bool& out) {
  YAML::Node v = map[key];
  if (!v) return false;
  if (v.IsScalar() && PlainScalar(v) && (v.Scalar() == "true" || v.Scalar() == "false")) {
    out = v.Scalar() == "true";
    return true;
  }
  Error(v, "'" + key + "': expected true or false, got " + KindOf(v));
  return false;
}

bool YamlReader::Long(const YAML::Node& map, const std::string& key, long& out) {
  YAML::Node v = map[key];
  if (!v) return false;
  auto n = v.IsScalar() && PlainScalar(v) ? AsInteger(v.Scalar()) : std::nullopt;
  if (!n) {
    Error(v, "'" + key + "': expected an integer, got " + KindOf(v));
    return false;
  }
  out = static_cast<long>(*n);
  return true;
}

bool YamlReader::Duration(const YAML::Node& map, const std::string& key, DurationMs& out) {
  YAML::Node v = map[key];
  if (!v) return false;
  auto d = v.IsScalar() ? ParseDuration(v.Scalar()) : std::nullopt;
  if (!d || *d < 0) {
    Error(v, "'" + key + "': expected a duration such as 90s, 36h, 13d or 1d12h, got " + KindOf(v));
    return false;
  }
  if (*d > kMaxDuration) {
    Error(v, "'" + key + "': at most " + FormatDuration(kMaxDuration) + " (ten years)");
    return false;
  }
  out = *d;
  return true;
}

bool YamlReader::StringList(const YAML::Node& map, const std::string& key, std::vector<std::string>& out) {
  YAML::Node v = map[key];
  if (!v) return false;
  if (!v.IsSequence()) {
    Error(v, "'" + key + "': expected a list of strings, got " + KindOf(v));
    return false;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (const auto& item : v) {
    if (!item.IsScalar()) {
      Error(item, "'" + key + "': expected a string, got " + KindOf(item));
      ok = false;
    } else {
      items.push_back(item.Scalar());
    }
  }
  if (ok) out = std::move(items);
  return ok;
}

bool YamlReader::Choice(const YAML::Node& map, const std::string& key,
                        const std::vector<std::string>& choices, std::string& out) {
  std::string s;
  if (!String(map, key, s)) return false;
  for (const auto& c : choices)
    if (c == s) {
      out = s;
      return true;
    }
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  Error(map[key], "'" + key + "': expected one of " + list + ", got '" + s + "'");
  return false;
}

std::optional<Json> YamlReader::ToJson(const YAML::Node& node) { return ToJsonBounded(node, 0); }

std::optional<Json> YamlReader::ToJsonBounded(const YAML::Node& node, int depth) {
  if (depth > 64) {
    Error(node, "values nest deeper than 64 levels");
    return std::nullopt;
  }
  if (!Charge(node, 1)) return std::nullopt;
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return Json(nullptr);
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (!PlainScalar(node)) return Json(s);
      if (s == "true" || s == "false") return Json(s == "true");
      if (s == "null" || s == "~") return Json(nullptr);
      if (auto i = AsInteger(s)) return Json(*i);
      if (auto d = AsNumber(s)) return Json(*d);
      return Json(s);
    }
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& item : node) {
        auto v = ToJsonBounded(item, depth + 1);
        if (!v) return std::nullopt;
        a.push_back(std::move(*v));
      }
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : node) {
        auto v = ToJsonBounded(kv.second, depth + 1);
        if (!v) return std::nullopt;
        o[kv.first.Scalar()] = std::move(*v);
      }
      return o;
    }
    default:
      return Json(nullptr);
  }
}

}  // namespace wasim::scenario
