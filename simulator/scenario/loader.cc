#include "simulator/scenario/loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulator/domain/facts/facts.h"
#include "simulator/domain/faults/fault_rule.h"
#include "simulator/scenario/match.h"
#include "simulator/scenario/world_yaml.h"
#include "simulator/scenario/yaml_reader.h"

namespace wasim::scenario {
namespace fs = std::filesystem;

std::string LoadError::ToString() const {
  std::string s = pos.file;
  if (pos.line > 0) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
  return s + ": " + message;
}

namespace {

const std::set<std::string> kTopKeys = {"version", "name",    "description", "seed",     "start",
                                        "run_for", "include", "world",       "timeline", "expect"};
const std::set<std::string> kActionKeys = {"graph", "inbound", "customer", "admin", "fault"};
// A repeated step expands to at most this many steps, and a scenario to at
// most kMaxExpandedSteps (a small file cannot become a huge timeline).
constexpr long kMaxRepeat = 10000;
constexpr size_t kMaxExpandedSteps = 100000;

std::optional<std::string> ReadFileText(const std::string& path, std::string* error) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    *error = "cannot read: " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxScenarioBytes) {
    *error = "file is " + std::to_string(size) + " bytes; a scenario may be at most " +
             std::to_string(kMaxScenarioBytes);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open";
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses YAML text; a syntax error becomes a LoadError with yaml-cpp's mark.
std::optional<YAML::Node> ParseYaml(const std::string& text, const std::string& file,
                                    std::vector<LoadError>& errors) {
  if (text.size() > kMaxScenarioBytes) {
    errors.push_back(
        {{file, 0, 0}, "a scenario may be at most " + std::to_string(kMaxScenarioBytes) + " bytes"});
    return std::nullopt;
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourcePos pos{file, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1};
    errors.push_back({pos, "not valid YAML: " + e.msg});
    return std::nullopt;
  }
}

class Loader {
 public:
  Loader(std::vector<LoadError>& errors, bool allow_includes)
      : errors_(errors), allow_includes_(allow_includes) {}

  void LoadTop(const YAML::Node& root, const std::string& file, Scenario& s) {
    YamlReader r(file, errors_);
    if (!r.Mapping(root, "scenario", kTopKeys)) return;
    long version = 0;
    if (!r.Require(root, "version", "scenario")) return;
    if (r.Long(root, "version", version) && version != kFormatVersion)
      r.Error(root["version"], "version " + std::to_string(version) +
                                   " is not supported (this wasim reads version " +
                                   std::to_string(kFormatVersion) + ")");
    s.version = static_cast<int>(version);
    r.String(root, "name", s.name);
    r.String(root, "description", s.description);
    long seed = 0;
    if (r.Long(root, "seed", seed)) {
      if (seed < 0) r.Error(root["seed"], "'seed': expected a non-negative integer");
      s.seed = static_cast<std::uint64_t>(seed);
    }
    std::string start;
    if (r.String(root, "start", start)) {
      s.start = ParseIso8601(start);
      if (!s.start)
        r.Error(root["start"], "'start': expected an ISO-8601 UTC time such as 2026-01-01T00:00:00Z");
    }
    r.Duration(root, "run_for", s.run_for);
    YAML::Node world = root["world"];
    std::string base = "default";
    if (world && world.IsMap()) r.Choice(world, "base", {"default", "empty"}, base);
    s.default_world = base == "default";
    WorldReader worlds(s.default_world);
    visiting_.push_back(Canonical(file));
    ReadIncludes(r, root, file, worlds, s, 0);
    if (world) {
      worlds.Read(r, world, s);
      if (world.IsMap()) ReadIncludes(r, world, file, worlds, s, 0);
    }
    if (YAML::Node t = root["timeline"]) ReadTimeline(r, t, s);
    if (YAML::Node e = root["expect"]) ReadExpectations(r, e, s);
  }

 private:
  static std::string Canonical(const std::string& file) {
    std::error_code ec;
    auto c = fs::weakly_canonical(file, ec);
    return ec ? file : c.string();
  }

  void ReadIncludes(YamlReader& r, const YAML::Node& map, const std::string& file, WorldReader& worlds,
                    Scenario& s, int depth) {
    std::vector<std::string> includes;
    if (!r.StringList(map, "include", includes)) return;
    if (!allow_includes_) {
      r.Error(map["include"],
              "'include' is not allowed in a scenario sent over HTTP (put the world in the "
              "scenario, or load the file with --scenario or by name from the library)");
      return;
    }
    size_t i = 0;
    for (const auto& inc : includes) {
      YAML::Node at = map["include"][i++];
      fs::path path = fs::path(file).parent_path() / inc;
      std::string canonical = Canonical(path.string());
      if (depth + 1 > kMaxIncludeDepth) {
        r.Error(at, "includes nest deeper than " + std::to_string(kMaxIncludeDepth));
        continue;
      }
      if (std::find(visiting_.begin(), visiting_.end(), canonical) != visiting_.end()) {
        r.Error(at, "include cycle: '" + inc + "' is already being read");
        continue;
      }
      std::string error;
      auto text = ReadFileText(path.string(), &error);
      if (!text) {
        r.Error(at, "include '" + inc + "': " + error);
        continue;
      }
      auto root = ParseYaml(*text, path.string(), errors_);
      if (!root) continue;
      YamlReader inner(path.string(), errors_);
      visiting_.push_back(canonical);
      // An included file is a world fragment: the keys of `world:`.
      if (root->IsMap() && (*root)["base"])
        inner.Error((*root)["base"], "'base' belongs in the scenario's own world");
      worlds.Read(inner, *root, s);
      if (root->IsMap()) ReadIncludes(inner, *root, path.string(), worlds, s, depth + 1);
      visiting_.pop_back();
    }
  }

  // `save: name` or `save: name=dotted.path`; the name is what ${name} refers to.
  static bool SaveIsValid(YamlReader& r, const YAML::Node& at, const std::string& save) {
    const std::string name = save.substr(0, save.find('='));
    bool ok =
        !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
        std::all_of(name.begin(), name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '{' || c == '}';
        });
    const size_t eq = save.find('=');
    if (eq != std::string::npos && (eq + 1 == save.size() || save.find('=', eq + 1) != std::string::npos))
      ok = false;
    if (!ok)
      r.Error(at,
              "'save': a variable name (letters, digits, _), optionally =dotted.path, e.g. order or "
              "code=data.0.code");
    return ok;
  }

  std::optional<Action> ReadAction(YamlReader& r, const YAML::Node& step, const std::string& kind) {
    YAML::Node n = step[kind];
    Action a;
    auto body_of = [&](const YAML::Node& b) -> bool {
      if (!b) return true;
      auto j = r.ToJson(b);
      if (!j) return false;
      a.body = std::move(*j);
      return true;
    };
    if (kind == "graph" || kind == "admin") {
      a.kind = kind == "graph" ? Action::Kind::kGraph : Action::Kind::kAdmin;
      std::set<std::string> keys = {"method", "path", "body", "save"};
      if (kind == "graph") keys.insert("token");
      if (!r.Mapping(n, kind, keys)) return std::nullopt;
      r.String(n, "token", a.token);
      if (!r.Require(n, "path", kind) || !r.String(n, "path", a.path)) return std::nullopt;
      r.Choice(n, "method", {"GET", "POST", "PUT", "PATCH", "DELETE"}, a.method);
      const std::string prefix = kind == "admin" ? "/_sim/" : "/v";
      if (a.path.rfind(prefix, 0) != 0) {
        r.Error(n["path"],
                "'path': " + kind + " paths start with " + prefix +
                    (kind == "admin" ? "" : " and a Graph version, e.g. /v23.0/{phone-number-id}/messages"));
        return std::nullopt;
      }
      // The scenario drives the clock and owns the world: a step may not
      // advance, reset or load (it runs while the clock is being advanced).
      if (kind == "admin" && !StepMayCall(a.path)) {
        r.Error(n["path"], "'path': a step cannot call " + a.path +
                               " (the scenario drives the clock and the world: use at/after)");
        return std::nullopt;
      }
      if (r.String(n, "save", a.save) && !SaveIsValid(r, n["save"], a.save)) return std::nullopt;
      if (!body_of(n["body"])) return std::nullopt;
      return a;
    }
    if (kind == "fault") {
      // A fault rule for the app's next Graph calls: POST /_sim/faults's body,
      // checked now by the one reader of a rule.
      a.kind = Action::Kind::kAdmin;
      a.method = "POST";
      a.path = "/_sim/faults";
      if (!body_of(n)) return std::nullopt;
      std::string error;
      if (!faults::ParseFaultRule(a.body, &error)) {
        r.Error(n, "fault: " + error);
        return std::nullopt;
      }
      return a;
    }
    if (kind == "inbound") {
      // POST /_sim/inbound's body, plus `save`.
      a.kind = Action::Kind::kInbound;
      if (!r.Mapping(n, "inbound",
                     {"from", "phone_number_id", "type", "text", "image", "audio", "video", "document",
                      "sticker", "location", "contacts", "interactive", "button", "reaction", "context",
                      "referral", "profile_name", "save"}))
        return std::nullopt;
      if (!r.Require(n, "from", "inbound")) return std::nullopt;
      if (r.String(n, "save", a.save) && !SaveIsValid(r, n["save"], a.save)) return std::nullopt;
      if (!body_of(n)) return std::nullopt;
      a.body.erase("save");
      return a;
    }
    // customer: PUT /_sim/customers/{wa_id}'s body.
    a.kind = Action::Kind::kCustomer;
    if (!r.Mapping(n, "customer",
                   {"wa_id", "state", "profile_name", "auto_read", "in_marketing_experiment",
                    "phone_number_id", "blocked_business", "marketing_opt_out"}))
      return std::nullopt;
    if (!r.Require(n, "wa_id", "customer") || !r.String(n, "wa_id", a.wa_id)) return std::nullopt;
    if (!body_of(n)) return std::nullopt;
    a.body.erase("wa_id");
    return a;
  }

  std::optional<Trigger> ReadTrigger(YamlReader& r, const YAML::Node& on) {
    if (!on.IsMap() || on.size() != 1) {
      r.Error(on,
              "'when': expected one fact type with its fields, e.g. {status_changed: {status: delivered}}");
      return std::nullopt;
    }
    Trigger t;
    auto kv = *on.begin();
    t.fact_type = kv.first.Scalar();
    const auto& types = AllFactTypeNames();
    if (std::find(types.begin(), types.end(), t.fact_type) == types.end()) {
      std::string list;
      for (const auto& n : types) list += (list.empty() ? "" : ", ") + n;
      r.Error(kv.first, "'when': unknown fact type '" + t.fact_type + "' (expected one of: " + list + ")");
      return std::nullopt;
    }
    if (!kv.second.IsNull()) {
      auto w = r.ToJson(kv.second);
      if (!w || !w->is_object()) {
        if (w) r.Error(kv.second, "'when': the fields to match are a mapping of field: value");
        return std::nullopt;
      }
      t.where = *w;
    }
    return t;
  }

  void ReadTimeline(YamlReader& r, const YAML::Node& list, Scenario& s) {
    if (!r.Sequence(list, "timeline")) return;
    std::optional<DurationMs> last_fixed;
    SourcePos last_pos;
    for (const auto& n : list) {
      std::set<std::string> keys = {"name", "at", "after", "when", "delay", "repeat"};
      keys.insert(kActionKeys.begin(), kActionKeys.end());
      if (!r.Mapping(n, "step", keys)) continue;
      Step step;
      step.pos = r.Pos(n);
      r.String(n, "name", step.name);
      int whens = (n["at"] ? 1 : 0) + (n["after"] ? 1 : 0) + (n["when"] ? 1 : 0);
      if (whens != 1) {
        r.Error(n,
                "step: give exactly one of 'at' (time since the start), 'after' (time after the previous "
                "timed step) or 'when' (a fact)");
        continue;
      }
      DurationMs d = 0;
      if (n["at"]) {
        if (!r.Duration(n, "at", d)) continue;
        if (last_fixed && d < *last_fixed) {
          r.Error(n["at"], "step at " + FormatDuration(d) + " comes before the previous timed step (" +
                               FormatDuration(*last_fixed) + ", line " + std::to_string(last_pos.line) + ")");
          continue;
        }
        step.at = d;
      } else if (n["after"]) {
        if (!r.Duration(n, "after", d)) continue;
        step.at = last_fixed.value_or(0) + d;
      } else {
        step.on = ReadTrigger(r, n["when"]);
        if (!step.on) continue;
        r.Duration(n, "delay", step.delay);
      }
      if (n["delay"] && !n["when"])
        r.Error(n["delay"], "'delay' goes with 'when' (use 'at' or 'after' for a time)");
      Repeat repeat;
      if (n["repeat"] && !ReadRepeat(r, n, step, repeat)) continue;
      if (step.at) {
        last_fixed = *step.at + (repeat.times - 1) * repeat.every;
        last_pos = step.pos;
      }
      int actions = 0;
      for (const auto& k : kActionKeys) {
        if (!n[k]) continue;
        ++actions;
        if (auto a = ReadAction(r, n, k)) step.actions.push_back(std::move(*a));
      }
      if (actions != 1) {
        r.Error(
            n,
            "step: give exactly one action: graph (the app's Graph call), inbound (a customer writes), "
            "customer (a customer's state changes), admin (a Meta-side change through /_sim/) or fault (the "
            "app's next Graph calls fail)");
        continue;
      }
      if (step.actions.empty()) continue;
      if (s.steps.size() + static_cast<size_t>(repeat.times) > kMaxExpandedSteps) {
        r.Error(n, "the timeline would hold more than " + std::to_string(kMaxExpandedSteps) +
                       " steps once repeats are expanded");
        return;
      }
      Expand(step, repeat, s.steps);
    }
  }

  struct Repeat {
    long times = 1;
    DurationMs every = 0;
  };

  // `repeat: {times: N, every: D}` on a timed step.
  bool ReadRepeat(YamlReader& r, const YAML::Node& n, const Step& step, Repeat& out) {
    YAML::Node rep = n["repeat"];
    if (!step.at) {
      r.Error(rep, "'repeat' goes with 'at' or 'after' (a triggered step fires once per matching fact)");
      return false;
    }
    if (!r.Mapping(rep, "repeat", {"times", "every"}) || !r.Require(rep, "times", "repeat") ||
        !r.Long(rep, "times", out.times))
      return false;
    if (out.times < 1 || out.times > kMaxRepeat) {
      r.Error(rep["times"], "'times': expected 1 to " + std::to_string(kMaxRepeat));
      return false;
    }
    r.Duration(rep, "every", out.every);
    if (*step.at + (out.times - 1) * out.every > kMaxDuration) {
      r.Error(rep, "'repeat': the last repetition would come after " + FormatDuration(kMaxDuration));
      return false;
    }
    return true;
  }

  // One step per repetition, `every` apart, with ${i} (0, 1, 2...) replaced
  // in the actions' paths, bodies, customers and saved names.
  static void Expand(Step& step, const Repeat& repeat, std::vector<Step>& out) {
    if (repeat.times == 1) {
      out.push_back(std::move(step));
      return;
    }
    for (long i = 0; i < repeat.times; ++i) {
      Step copy = step;
      Variables index = {{"i", std::to_string(i)}};
      copy.at = *step.at + i * repeat.every;
      copy.name = (step.name.empty() ? "step" : step.name) + " [" + std::to_string(i) + "]";
      for (Action& a : copy.actions) {
        a.path = Substitute(a.path, index);
        a.wa_id = Substitute(a.wa_id, index);
        a.save = Substitute(a.save, index);
        if (!a.body.is_null()) a.body = Substitute(a.body, index);
      }
      out.push_back(std::move(copy));
    }
  }

  bool ReadWhere(YamlReader& r, const YAML::Node& n, Json& where) {
    auto j = r.ToJson(n);
    if (!j) return false;
    if (!j->is_object()) {
      r.Error(n, "expected a mapping of field: value to match");
      return false;
    }
    where = *j;
    return true;
  }

  void ReadCount(YamlReader& r, const YAML::Node& n, Count& c) {
    if (n.IsScalar()) {
      long v = 0;
      YAML::Node wrap;
      wrap["count"] = n;
      if (r.Long(wrap, "count", v)) {
        if (v < 0) r.Error(n, "'count' must be 0 or more");
        c.min = c.max = v;
      }
      return;
    }
    if (!r.Mapping(n, "count", {"min", "max"})) return;
    c.min = 0;
    r.Long(n, "min", c.min);
    r.Long(n, "max", c.max);
    if (!n["min"] && !n["max"]) r.Error(n, "'count': give a number, or min and/or max");
    if (c.min < 0 || (n["max"] && c.max < 0)) r.Error(n, "'count': min and max are 0 or more");
    if (c.max >= 0 && c.max < c.min) r.Error(n, "'count': max is below min");
  }

  void ReadExpectations(YamlReader& r, const YAML::Node& list, Scenario& s) {
    if (!r.Sequence(list, "expect")) return;
    const std::set<std::string> kinds = {"webhook", "fact", "message", "calls"};
    for (const auto& n : list) {
      if (!r.Mapping(
              n, "expectation",
              {"name", "webhook", "field", "fact", "where", "message", "calls", "count", "from", "by"}))
        continue;
      Expectation e;
      e.pos = r.Pos(n);
      int found = 0;
      for (const auto& k : kinds) found += n[k] ? 1 : 0;
      if (found != 1) {
        r.Error(n, "expectation: give exactly one of webhook, fact, message or calls");
        continue;
      }
      bool ok = true;
      if (n["webhook"]) {
        e.kind = Expectation::Kind::kWebhook;
        ok = ReadWhere(r, n["webhook"], e.where);
        r.String(n, "field", e.field);
      } else if (n["fact"]) {
        e.kind = Expectation::Kind::kFact;
        ok = r.String(n, "fact", e.fact_type);
        const auto& types = AllFactTypeNames();
        if (ok && std::find(types.begin(), types.end(), e.fact_type) == types.end()) {
          r.Error(n["fact"], "'fact': unknown fact type '" + e.fact_type + "'");
          ok = false;
        }
        if (n["where"]) ok = ReadWhere(r, n["where"], e.where) && ok;
      } else if (n["message"]) {
        e.kind = Expectation::Kind::kMessage;
        ok = ReadWhere(r, n["message"], e.where);
        if (ok && !e.where.contains("id")) {
          r.Error(n["message"], "'message': give the message's 'id' (a wamid, or a saved ${variable})");
          ok = false;
        }
      } else {
        e.kind = Expectation::Kind::kCalls;
        ok = ReadWhere(r, n["calls"], e.where);
      }
      if (n["where"] && !n["fact"]) r.Error(n["where"], "'where' goes with 'fact'");
      if (n["field"] && !n["webhook"]) r.Error(n["field"], "'field' goes with 'webhook'");
      if (n["count"]) {
        if (e.kind == Expectation::Kind::kMessage) r.Error(n["count"], "'count' does not apply to 'message'");
        ReadCount(r, n["count"], e.count);
      }
      DurationMs d = 0;
      if (r.Duration(n, "from", d)) e.from = d;
      if (r.Duration(n, "by", d)) e.by = d;
      if (e.from && e.by && *e.from > *e.by) r.Error(n["from"], "'from' is after 'by': the window is empty");
      if (!r.String(n, "name", e.name)) e.name = "expectation at line " + std::to_string(e.pos.line);
      if (ok) s.expectations.push_back(std::move(e));
    }
  }

  std::vector<LoadError>& errors_;
  bool allow_includes_;
  std::vector<std::string> visiting_;  // include stack (cycles)
};

}  // namespace

LoadResult LoadScenarioText(const std::string& text, const std::string& file, bool allow_includes) {
  LoadResult result;
  result.scenario.file = file;
  auto root = ParseYaml(text, file, result.errors);
  if (!root) return result;
  Loader(result.errors, allow_includes).LoadTop(*root, file, result.scenario);
  return result;
}

bool StepMayCall(const std::string& admin_path) {
  // As the admin router sees it: no query, empty segments dropped.
  std::vector<std::string> segs;
  std::string path = admin_path.substr(0, admin_path.find('?'));
  for (size_t i = 0; i <= path.size();) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    if (slash > i) segs.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  if (segs.size() < 2 || segs[0] != "_sim") return true;
  if (segs[1] == "clock" || segs[1] == "reset" || segs[1] == "scenarios") return false;
  return !(segs[1] == "webhooks" && segs.size() >= 4 && segs[3] == "redeliver");
}

LoadResult LoadScenarioFile(const std::string& path) {
  std::string error;
  auto text = ReadFileText(path, &error);
  if (!text) {
    LoadResult result;
    result.errors.push_back({{path, 0, 0}, error});
    return result;
  }
  return LoadScenarioText(*text, path);
}

}  // namespace wasim::scenario
