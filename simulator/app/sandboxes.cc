#include "simulator/app/sandboxes.h"

#include <cctype>
#include <set>
#include <utility>

#include "simulator/admin/admin_router.h"
#include "simulator/app/wiring.h"
#include "simulator/core/clock.h"
#include "simulator/core/graph_versions.h"
#include "simulator/core/ids.h"
#include "simulator/core/time.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/http/pipeline.h"

namespace wasim {
namespace {

constexpr std::string_view kSandboxTokenPrefix = "EAAwasimSandbox";
constexpr std::string_view kSandboxesPath = "/_sim/sandboxes";

bool SbxAllDigits(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (unsigned char c : s)
    if (!std::isdigit(c)) return false;
  return true;
}

// "sbx_7" -> 7; 0 when it is not a sandbox id.
std::uint64_t SbxNumberOfId(std::string_view id) {
  constexpr std::string_view kPrefix = "sbx_";
  if (id.substr(0, kPrefix.size()) != kPrefix) return 0;
  std::string_view digits = id.substr(kPrefix.size());
  if (!SbxAllDigits(digits) || digits[0] == '0') return 0;
  return std::stoull(std::string(digits));
}

std::string SbxIdOf(std::uint64_t n) { return "sbx_" + std::to_string(n); }

// The request's optional JSON body, read strictly (a typo is an error, not a default).
struct SbxCreateRequest {
  std::uint64_t seed = 42;  // a fresh server's seed: every sandbox starts alike
  std::string clock = "manual";
  std::optional<TimeMs> clock_start;
  double clock_speed = 1.0;
  std::string scenario, scenario_yaml;
  std::string webhook_url, app_secret, verify_token;
};

std::optional<std::string> SbxReadString(const Json& body, const char* key, std::string* out) {
  if (!body.contains(key)) return std::nullopt;
  if (!body[key].is_string()) return std::string("'") + key + "' must be a string";
  *out = body[key].get<std::string>();
  return std::nullopt;
}

std::optional<std::string> SbxParseCreate(const std::string& text, SbxCreateRequest* r) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  Json body = Json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return "the body must be a JSON object (or empty)";
  static const std::set<std::string> kKeys = {"seed",        "clock",      "clock_start",
                                              "clock_speed", "scenario",   "scenario_yaml",
                                              "webhook_url", "app_secret", "verify_token"};
  for (const auto& [k, v] : body.items())
    if (!kKeys.count(k))
      return "unknown field '" + k +
             "' (known: seed, clock, clock_start, clock_speed, scenario, scenario_yaml, webhook_url, "
             "app_secret, verify_token)";
  if (body.contains("seed")) {
    if (!body["seed"].is_number_unsigned()) return "'seed' must be a non-negative integer";
    r->seed = body["seed"].get<std::uint64_t>();
  }
  if (auto p = SbxReadString(body, "clock", &r->clock)) return p;
  if (r->clock != "manual" && r->clock != "realtime") return "'clock' must be \"manual\" or \"realtime\"";
  std::string start;
  if (auto p = SbxReadString(body, "clock_start", &start)) return p;
  if (!start.empty()) {
    r->clock_start = ParseIso8601(start);
    if (!r->clock_start) return "'clock_start' must be an ISO 8601 time, e.g. 2026-01-01T00:00:00Z";
  }
  if (body.contains("clock_speed")) {
    if (!body["clock_speed"].is_number() || body["clock_speed"].get<double>() <= 0 ||
        body["clock_speed"].get<double>() > 1e6)
      return "'clock_speed' must be a number in (0, 1000000]";
    if (r->clock != "realtime") return "'clock_speed' needs \"clock\": \"realtime\"";
    r->clock_speed = body["clock_speed"].get<double>();
  }
  const std::pair<const char*, std::string*> strings[] = {{"scenario", &r->scenario},
                                                          {"scenario_yaml", &r->scenario_yaml},
                                                          {"webhook_url", &r->webhook_url},
                                                          {"app_secret", &r->app_secret},
                                                          {"verify_token", &r->verify_token}};
  for (const auto& [key, out] : strings)
    if (auto p = SbxReadString(body, key, out)) return p;
  if (!r->scenario.empty() && !r->scenario_yaml.empty())
    return "give 'scenario' or 'scenario_yaml', not both";
  return std::nullopt;
}

// The object of `map` with id `preferred`, else its first; null when empty.
template <typename Map>
const typename Map::mapped_type* SbxPick(const Map& map, const std::string& preferred) {
  if (auto it = map.find(preferred); it != map.end()) return &it->second;
  return map.empty() ? nullptr : &map.begin()->second;
}

}  // namespace

// `/oauth/access_token`, with or without a version prefix.
bool IsCodeExchange(const std::string& path) {
  static constexpr std::string_view kSuffix = "/oauth/access_token";
  return path.size() >= kSuffix.size() &&
         path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

std::string SandboxIdOfToken(const std::string& token) {
  std::string_view t = token;
  if (t.substr(0, kSandboxTokenPrefix.size()) != kSandboxTokenPrefix) return "";
  t.remove_prefix(kSandboxTokenPrefix.size());
  size_t x = t.find('x');
  if (x == std::string_view::npos || !SbxAllDigits(t.substr(0, x)) || t[0] == '0') return "";
  return SbxIdOf(std::stoull(std::string(t.substr(0, x))));
}

struct SandboxRegistry::Sandbox {
  std::uint64_t n = 0;
  std::string id;
  std::string token_prefix;  // every token of its worlds starts with it
  std::uint64_t seed = 0;
  std::string clock;
  std::shared_ptr<Instance> instance;
};

SandboxRegistry::SandboxRegistry(const SimulatorBuilder& main) : main_(main) {}

SandboxRegistry::~SandboxRegistry() { StopAll(); }

void SandboxRegistry::SetPublicBaseUrl(std::string url) {
  std::lock_guard lock(mu_);
  base_url_ = std::move(url);
}

std::size_t SandboxRegistry::size() const {
  std::lock_guard lock(mu_);
  return live_.size();
}

std::shared_ptr<SandboxRegistry::Sandbox> SandboxRegistry::Get(const std::string& id) const {
  std::uint64_t n = SbxNumberOfId(id);
  std::lock_guard lock(mu_);
  auto it = live_.find(n);
  return it == live_.end() ? nullptr : it->second;
}

std::shared_ptr<Instance> SandboxRegistry::Find(const std::string& id) const {
  auto s = Get(id);
  return s ? s->instance : nullptr;
}

void SandboxRegistry::StopAll() {
  std::map<std::uint64_t, std::shared_ptr<Sandbox>> ending;
  {
    std::lock_guard lock(mu_);
    ending.swap(live_);
  }
  for (auto& [n, s] : ending) s->instance->Stop();
}

std::optional<HttpResponse> SandboxRegistry::Handle(const HttpRequest& req) {
  const std::string& path = req.path;
  if (path == "/_sim" || path.rfind("/_sim/", 0) == 0) {
    if (path == kSandboxesPath || path == std::string(kSandboxesPath) + "/") {
      if (req.method == "GET") return List();
      if (req.method == "POST") return Create(req);
      return AdminError(405, "Method " + req.method + " not allowed on " + path + " (GET, POST)");
    }
    if (path.rfind(std::string(kSandboxesPath) + "/", 0) != 0) return std::nullopt;  // the main admin API
    std::string rest = path.substr(kSandboxesPath.size() + 1);
    size_t slash = rest.find('/');
    std::string id = rest.substr(0, slash);
    std::string sub = slash == std::string::npos ? "" : rest.substr(slash);
    auto sandbox = Get(id);  // held until the answer is made: a DELETE meanwhile is safe
    if (!sandbox) return AdminError(404, "No sandbox " + id + " (it was deleted, or never created)");
    if (sub.empty() || sub == "/") {
      if (req.method == "GET") return AdminJson(200, Describe(*sandbox));
      if (req.method == "DELETE") return Delete(id);
      return AdminError(405, "Method " + req.method + " not allowed on " + path + " (GET, DELETE)");
    }
    HttpRequest inner = req;
    inner.path = "/_sim" + sub;
    Instance& sim = *sandbox->instance;
    std::optional<HttpResponse> answer = sim.admin().Handle(inner);
    if (sim.manual_clock()) sim.sim().SettleNow();
    if (!answer) return AdminError(404, "Unknown admin endpoint " + req.method + " " + path);
    return answer;
  }
  // A Graph request: the sandbox its token names, if that sandbox is live.
  std::string token = RequestAccessToken(req);
  // Meta: the Embedded Signup code exchange (GET /oauth/access_token) carries no
  // access token, only the app's client_id and client_secret: it names the
  // sandbox the same way an app access token does.
  if (token.empty() && IsCodeExchange(req.path) && req.HasQuery("client_secret"))
    token = req.Query("client_id") + "|" + req.Query("client_secret");
  std::string id = SandboxIdOfToken(token);
  auto sandbox = id.empty() ? ForAppToken(token) : Get(id);
  if (!sandbox) return std::nullopt;  // ended: the main simulator answers 190 for the unknown token
  Instance& sim = *sandbox->instance;
  HttpResponse answer = sim.pipeline().Handle(req);
  // Manual clock: settle what the request made due now, as the server does for the main simulator.
  if (sim.manual_clock()) sim.sim().SettleNow();
  return answer;
}

std::shared_ptr<SandboxRegistry::Sandbox> SandboxRegistry::ForAppToken(const std::string& token) const {
  // Meta's app access token "{app-id}|{app-secret}" (e.g. POST /{app-id}/subscriptions):
  // the sandbox whose app has that secret. Each sandbox's default secret is its
  // own, so this is unambiguous unless two are given the same app_secret.
  size_t bar = token.find('|');
  if (bar == std::string::npos) return nullptr;
  std::string app_id = token.substr(0, bar), secret = token.substr(bar + 1);
  std::vector<std::shared_ptr<Sandbox>> live;
  {
    std::lock_guard lock(mu_);
    for (const auto& [n, s] : live_) live.push_back(s);
  }
  for (const auto& s : live) {
    bool match = s->instance->sim().WithLock([&](Ctx& ctx) {
      auto it = ctx.state.accounts.apps.find(app_id);
      return it != ctx.state.accounts.apps.end() && it->second.secret == secret;
    });
    if (match) return s;
  }
  return nullptr;
}

HttpResponse SandboxRegistry::Create(const HttpRequest& req) {
  SbxCreateRequest asked;
  if (auto p = SbxParseCreate(req.body, &asked)) return AdminError(400, "POST /_sim/sandboxes: " + *p);

  std::uint64_t n = 0;
  std::string base_url;
  {
    std::lock_guard lock(mu_);
    if (live_.size() + creating_ >= main_.max_sandboxes())
      return AdminError(429,
                        "Too many sandboxes: " + std::to_string(main_.max_sandboxes()) +
                            " are live (the cap); DELETE /_sim/sandboxes/{id} the ones you are done with");
    n = next_++;  // never reused: an old token can never reach a newer sandbox
    ++creating_;
    base_url = base_url_;
  }
  struct Release {
    SandboxRegistry* self;
    ~Release() {
      std::lock_guard lock(self->mu_);
      --self->creating_;
    }
  } release{this};

  auto sandbox = std::make_shared<Sandbox>();
  sandbox->n = n;
  sandbox->id = SbxIdOf(n);
  sandbox->seed = asked.seed;
  sandbox->clock = asked.clock;
  // Unique by N; the hex part (from the seed and N) keeps it from looking guessable.
  IdGenerator suffix(asked.seed ^ (n * 0x9e3779b97f4a7c15ULL));
  sandbox->token_prefix = std::string(kSandboxTokenPrefix) + std::to_string(n) + "x" + suffix.Hex(16);

  // The default app's secret is the sandbox's own unless one is given: the
  // app access token "{app-id}|{app-secret}" then names one sandbox.
  if (asked.app_secret.empty()) asked.app_secret = suffix.Hex(32);

  std::shared_ptr<Clock> clock;
  if (asked.clock == "manual") {
    clock = std::make_shared<ManualClock>(asked.clock_start.value_or(kDefaultManualStart));
  } else {
    auto wall = SystemWallTime();
    clock = std::make_shared<RealtimeClock>(wall, asked.clock_start.value_or(wall()), asked.clock_speed);
  }
  webhooks::OutboxOptions outbox = main_.outbox();
  outbox.seed = asked.seed;
  SimulatorBuilder b;
  b.Seed(asked.seed)
      .Clock(clock)
      .WebhookSender(main_.webhook_sender())
      .Outbox(outbox)
      .FactRetention(main_.fact_retention())
      .ScenarioDir(main_.scenario_dir())
      // Not the server's --webhook-url: a job's webhooks go where that job says.
      .DefaultAppSettings(asked.webhook_url, asked.app_secret, asked.verify_token)
      .EveryWorld([prefix = sandbox->token_prefix](WorldBuilder& world) {
        world.RenameTokens([prefix](const std::string& t) {
          if (t.rfind(prefix, 0) == 0) return t;  // renamed already (a scenario loaded onto this world)
          return t == DefaultIds::kAccessToken ? prefix : prefix + "_" + t;
        });
      });
  WorldBuilder world = DefaultWorld();
  b.ApplyDefaultAppSettings(world);
  b.World(std::move(world));
  std::string problem;
  std::shared_ptr<Instance> instance = b.Build(&problem);
  if (!instance) return AdminError(400, "POST /_sim/sandboxes: " + problem);
  if (!base_url.empty()) instance->sim().SetPublicBaseUrl(base_url);
  if (!asked.scenario.empty() || !asked.scenario_yaml.empty()) {
    // Loaded as POST /_sim/sandboxes/{id}/scenarios would load it.
    HttpRequest load;
    load.method = "POST";
    load.path = "/_sim/scenarios";
    if (!asked.scenario.empty()) {
      Json j;
      j["name"] = asked.scenario;
      load.body = j.dump();
      load.headers.emplace("content-type", "application/json");
    } else {
      load.body = asked.scenario_yaml;
      load.headers.emplace("content-type", "application/yaml");
    }
    std::optional<HttpResponse> loaded = instance->admin().Handle(load);
    if (!loaded || loaded->status >= 300) {
      instance->Stop();
      if (!loaded) return AdminError(500, "POST /_sim/sandboxes: the scenario route is missing");
      return *loaded;  // the loader's file:line:column message, as POST /_sim/scenarios gives it
    }
  }
  if (instance->manual_clock()) instance->sim().SettleNow();
  sandbox->instance = std::move(instance);
  sandbox->instance->StartTicker();  // realtime only (a manual clock has none)
  Json described = Describe(*sandbox);
  {
    std::lock_guard lock(mu_);
    live_[n] = sandbox;
  }
  return AdminJson(201, described);
}

Json SandboxRegistry::Describe(const Sandbox& s) const {
  std::string base;
  {
    std::lock_guard lock(mu_);
    base = base_url_;
  }
  Json j;
  j["id"] = s.id;
  s.instance->sim().WithLock([&](Ctx& ctx) {
    const Accounts& a = ctx.state.accounts;
    std::string token;
    if (a.tokens.count(s.token_prefix))
      token = s.token_prefix;
    else if (!a.tokens.empty())
      token = a.tokens.begin()->first;
    j["access_token"] = token;
    const PhoneNumber* phone = SbxPick(a.phone_numbers, DefaultIds::kPhoneNumberId);
    j["phone_number_id"] = phone ? phone->id : "";
    j["display_phone_number"] = phone ? phone->display_phone_number : "";
    const Waba* waba = phone ? a.FindWaba(phone->waba_id) : SbxPick(a.wabas, DefaultIds::kWabaId);
    j["waba_id"] = waba ? waba->id : "";
    const App* app = SbxPick(a.apps, DefaultIds::kAppId);
    j["app_id"] = app ? app->id : "";
    j["app_secret"] = app ? app->secret : "";
    j["webhook_url"] = app ? app->callback_url : "";
    j["now"] = FormatIso8601(ctx.now());
  });
  j["seed"] = s.seed;
  j["clock"] = s.clock;
  j["admin_base"] = std::string(kSandboxesPath) + "/" + s.id;
  j["graph_base"] = base + "/" + DefaultGraphVersion();
  return j;
}

HttpResponse SandboxRegistry::List() const {
  std::vector<std::shared_ptr<Sandbox>> live;
  {
    std::lock_guard lock(mu_);
    for (const auto& [n, s] : live_) live.push_back(s);
  }
  Json data = Json::array();
  for (const auto& s : live) data.push_back(Describe(*s));
  Json j;
  j["data"] = std::move(data);
  j["max"] = main_.max_sandboxes();
  return AdminJson(200, j);
}

HttpResponse SandboxRegistry::Delete(const std::string& id) {
  std::shared_ptr<Sandbox> ending;
  {
    std::lock_guard lock(mu_);
    auto it = live_.find(SbxNumberOfId(id));
    if (it == live_.end()) return AdminError(404, "No sandbox " + id + " (it was deleted, or never created)");
    ending = std::move(it->second);
    live_.erase(it);
  }
  // Outside the lock: stops its ticker and wakes its long-polls; requests
  // still running hold it, and it is freed when the last one is done.
  ending->instance->Stop();
  Json j;
  j["id"] = id;
  j["deleted"] = true;
  return AdminJson(200, j);
}

}  // namespace wasim
