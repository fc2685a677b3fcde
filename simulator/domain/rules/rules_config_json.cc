#include "simulator/domain/rules/rules_config_json.h"

#include <cstdint>
#include <vector>

namespace wasim::rules {
namespace {

enum class Kind { kDuration, kCount, kFlag };

struct Param {
  const char* group;  // rule name or "free_entry_point"
  const char* name;
  Kind kind;
  std::int64_t RulesConfig::*field;
  std::int64_t min, max;
};

constexpr std::int64_t kMaxCount = 100000000;
const std::vector<Param> kParams = {
    {"service_window", "window", Kind::kDuration, &RulesConfig::service_window, kSecond, 365 * kDay},
    {"free_entry_point", "enabled", Kind::kFlag, &RulesConfig::free_entry_point_enabled, 0, 1},
    {"free_entry_point", "reply_within", Kind::kDuration, &RulesConfig::fep_reply_within, kSecond,
     365 * kDay},
    {"free_entry_point", "window", Kind::kDuration, &RulesConfig::fep_window, kSecond, 365 * kDay},
    {"throughput", "standard_mps", Kind::kCount, &RulesConfig::throughput_standard_mps, 1, kMaxCount},
    {"throughput", "high_mps", Kind::kCount, &RulesConfig::throughput_high_mps, 1, kMaxCount},
    {"throughput", "coexistence_mps", Kind::kCount, &RulesConfig::throughput_coexistence_mps, 1, kMaxCount},
    {"pair_rate", "interval", Kind::kDuration, &RulesConfig::pair_interval, 1, kDay},
    {"pair_rate", "burst", Kind::kCount, &RulesConfig::pair_burst, 1, kMaxCount},
    {"messaging_limit", "window", Kind::kDuration, &RulesConfig::limit_window, kSecond, 365 * kDay},
    {"messaging_limit", "auto_upgrade", Kind::kFlag, &RulesConfig::limit_auto_upgrade, 0, 1},
    {"messaging_limit", "upgrade_min", Kind::kCount, &RulesConfig::limit_upgrade_min, 1, kMaxCount},
    {"messaging_limit", "upgrade_lookback", Kind::kDuration, &RulesConfig::limit_upgrade_lookback, 0,
     365 * kDay},
    {"messaging_limit", "upgrade_delay", Kind::kDuration, &RulesConfig::limit_upgrade_delay, 0, 365 * kDay},
    {"allow_list", "max_recipients", Kind::kCount, &RulesConfig::allow_list_max, 0, 1000},
    {"marketing_cap", "per_user", Kind::kCount, &RulesConfig::marketing_cap_per_user, 0, kMaxCount},
    {"marketing_cap", "window", Kind::kDuration, &RulesConfig::marketing_cap_window, kSecond, 365 * kDay},
};

constexpr const char* kFep = "free_entry_point";

Json ParamValue(const Param& p, const RulesConfig& cfg) {
  std::int64_t v = cfg.*(p.field);
  switch (p.kind) {
    case Kind::kDuration:
      return FormatDuration(v);
    case Kind::kFlag:
      return v != 0;
    case Kind::kCount:
      break;
  }
  return v;
}

bool IsCatalogCode(std::int64_t code) {
  for (const auto& s : ErrorCatalog())
    if (static_cast<std::int64_t>(s.code) == code) return true;
  return false;
}

bool SetParam(const Param& p, const Json& v, RulesConfig& cfg, std::string* error) {
  std::string where = std::string(p.group) + "." + p.name;
  std::int64_t value = 0;
  if (p.kind == Kind::kFlag) {
    if (!v.is_boolean()) return *error = where + " must be true or false", false;
    value = v.get<bool>() ? 1 : 0;
  } else if (p.kind == Kind::kDuration) {
    auto d = v.is_string() ? ParseDuration(v.get<std::string>()) : std::nullopt;
    if (!d) return *error = where + " must be a duration string such as \"6s\", \"24h\" or \"3d\"", false;
    value = *d;
  } else {
    if (!v.is_number_integer()) return *error = where + " must be an integer", false;
    value = v.get<std::int64_t>();
  }
  if (value < p.min || value > p.max)
    return *error = where + " is out of range [" + std::to_string(p.min) + ", " + std::to_string(p.max) + "]",
           false;
  cfg.*(p.field) = value;
  return true;
}

bool SetSwitchField(RuleId id, const std::string& key, const Json& v, RulesConfig& cfg, std::string* error) {
  RuleSwitch& sw = cfg.Switch(id);
  std::string where = std::string(RuleName(id)) + "." + key;
  if (key == "enabled") {
    if (!v.is_boolean()) return *error = where + " must be true or false", false;
    sw.enabled = v.get<bool>();
    return true;
  }
  if (key == "code") {
    if (!v.is_number_integer() || !IsCatalogCode(v.get<std::int64_t>()))
      return *error =
                 where + " must be an error code from the catalog known to wasim (see README error table)",
             false;
    sw.code = static_cast<ErrorCode>(v.get<std::int64_t>());
    return true;
  }
  if (key == "surface") {
    auto s = v.is_string() ? ParseSurface(v.get<std::string>()) : std::nullopt;
    if (!s) return *error = where + " must be \"sync\" (HTTP error) or \"async\" (failed status)", false;
    sw.surface = *s;
    return true;
  }
  return *error = "unknown setting " + where, false;
}

const Param* FindParam(const std::string& group, const std::string& name) {
  for (const auto& p : kParams)
    if (group == p.group && name == p.name) return &p;
  return nullptr;
}

bool PatchGroup(const std::string& group, const Json& obj, RulesConfig& cfg, std::string* error) {
  if (!obj.is_object()) return *error = "\"" + group + "\" must be an object", false;
  auto id = ParseRuleName(group);
  if (!id && group != kFep) return *error = "unknown rule \"" + group + "\"", false;
  for (const auto& [key, v] : obj.items()) {
    if (const Param* p = FindParam(group, key)) {
      if (!SetParam(*p, v, cfg, error)) return false;
    } else if (id) {
      if (!SetSwitchField(*id, key, v, cfg, error)) return false;
    } else {
      return *error = "unknown setting " + group + "." + key, false;
    }
  }
  return true;
}

}  // namespace

Json RulesConfigJson(const RulesConfig& cfg) {
  Json out = Json::object();
  for (int i = 0; i < kRuleCount; ++i) {
    RuleId id = static_cast<RuleId>(i);
    const RuleSwitch& sw = cfg.Switch(id);
    Json j;
    j["enabled"] = sw.enabled;
    j["code"] = static_cast<int>(sw.code);
    j["surface"] = SurfaceName(sw.surface);
    out[RuleName(id)] = j;
  }
  out[kFep] = Json::object();
  for (const auto& p : kParams) out[p.group][p.name] = ParamValue(p, cfg);
  return out;
}

bool PatchRulesConfig(RulesConfig& cfg, const Json& patch, std::string* error) {
  if (!patch.is_object()) return *error = "body must be a JSON object keyed by rule name", false;
  RulesConfig copy = cfg;
  for (const auto& [group, obj] : patch.items())
    if (!PatchGroup(group, obj, copy, error)) return false;
  cfg = copy;
  return true;
}

}  // namespace wasim::rules
