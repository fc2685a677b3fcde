// wasim::EmbeddedSimulator (include/wasim/simulator.h): the public facade over
// the same wiring `wasim serve` uses (SimulatorBuilder -> Instance), with a
// manual clock, a listener on 127.0.0.1:0 and admin calls made in-process.
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "simulator/app/builder.h"
#include "simulator/app/http_webhook_sender.h"
#include "simulator/app/wiring.h"
#include "simulator/core/graph_versions.h"
#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/http/http_types.h"
#include "simulator/library/advance_until.h"
#include "simulator/library/journal_json.h"
#include "simulator/scenario/loader.h"
#include "wasim/simulator.h"

namespace wasim {
namespace {

Json EmbeddedParse(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

std::string EmbeddedStr(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

std::string EmbeddedErrorBody(const std::vector<std::string>& errors) {
  Json j;
  j["error"] = errors.empty() ? std::string("scenario not loaded") : errors.front();
  j["errors"] = errors;
  return j.dump();
}

// The loader's errors as "file:line:column: message" lines.
std::vector<std::string> EmbeddedLoadErrors(const scenario::LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.ToString());
  return out;
}

}  // namespace

struct EmbeddedSimulator::Impl {
  std::unique_ptr<Instance> instance;
  int port = -1;
  std::string app_secret;
  std::string webhook_url, verify_token;

  Reply Admin(const std::string& method, const std::string& path_and_query, const std::string& body) {
    HttpRequest req;
    req.method = method;
    auto q = path_and_query.find('?');
    req.path = path_and_query.substr(0, q);
    if (q != std::string::npos) req.query = ParseQueryString(path_and_query.substr(q + 1));
    req.headers.emplace("content-type", "application/json");
    req.body = body;
    auto resp = instance->admin().Handle(req);
    // What the server does after every request on a manual clock: process what
    // the call made due now (webhooks included) before answering.
    instance->sim().SettleNow();
    if (!resp) return Reply{404, R"({"error":"no such admin path"})"};
    return Reply{resp->status, resp->body};
  }

  Reply Load(const scenario::LoadResult& loaded) {
    if (!loaded.ok()) return Reply{400, EmbeddedErrorBody(EmbeddedLoadErrors(loaded))};
    if (auto problem = instance->LoadScenario(loaded.scenario))
      return Reply{400, EmbeddedErrorBody({*problem})};
    instance->sim().SettleNow();
    Json j;
    j["loaded"] = loaded.scenario.name;
    return Reply{200, j.dump()};
  }
};

EmbeddedSimulator::EmbeddedSimulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

EmbeddedSimulator::~EmbeddedSimulator() {
  if (!impl_) return;
  if (impl_->instance) impl_->instance->Stop();
}

std::unique_ptr<EmbeddedSimulator> EmbeddedSimulator::Start(const Options& o, std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return std::unique_ptr<EmbeddedSimulator>();
  };
  // Parse the scenario first: a bad one fails before anything starts.
  std::optional<scenario::LoadResult> loaded;
  if (!o.scenario_file.empty()) {
    loaded = scenario::LoadScenarioFile(o.scenario_file);
  } else if (!o.scenario_yaml.empty()) {
    loaded = scenario::LoadScenarioText(o.scenario_yaml, "scenario.yaml");
  }
  if (loaded && !loaded->ok()) {
    std::string all;
    for (const auto& line : EmbeddedLoadErrors(*loaded)) all += (all.empty() ? "" : "\n") + line;
    return fail(all);
  }
  TimeMs start = kDefaultManualStart;
  if (!o.start_time.empty()) {
    auto t = ParseIso8601(o.start_time);
    if (!t) return fail("start_time is not an ISO 8601 instant: " + o.start_time);
    start = *t;
  }
  webhooks::HttpSenderOptions sender;
  sender.timeout = static_cast<DurationMs>(o.webhook_timeout.count());
  webhooks::OutboxOptions outbox;
  outbox.seed = o.seed;
  ServerOptions server;
  server.bind = "127.0.0.1";
  server.port = 0;
  server.threads = 8;  // a test's app uses a few connections at most
  SimulatorBuilder b;
  b.Seed(o.seed)
      .Clock(std::make_shared<ManualClock>(start))
      .WebhookSender(std::make_shared<webhooks::HttpWebhookSender>(sender))
      .Outbox(outbox)
      .DefaultAppSettings(o.webhook_url, o.app_secret, o.verify_token)
      .Listen(server);
  WorldBuilder world = DefaultWorld();
  b.ApplyDefaultAppSettings(world);
  b.World(std::move(world));
  std::string problem;
  auto instance = b.Build(&problem);
  if (!instance) return fail("the world does not apply: " + problem);
  auto impl = std::make_unique<Impl>();
  impl->instance = std::move(instance);
  impl->app_secret = o.app_secret.empty() ? DefaultIds::kAppSecret : o.app_secret;
  impl->webhook_url = o.webhook_url;
  impl->verify_token = o.verify_token;
  if (loaded) {
    Reply r = impl->Load(*loaded);
    if (!r.ok()) return fail(EmbeddedStr(EmbeddedParse(r.body), "error"));
  }
  impl->port = impl->instance->Start();
  if (impl->port <= 0) return fail("cannot bind 127.0.0.1:0");
  return std::unique_ptr<EmbeddedSimulator>(new EmbeddedSimulator(std::move(impl)));
}

std::string EmbeddedSimulator::root_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }
std::string EmbeddedSimulator::base_url() const { return root_url() + "/" + graph_version(); }
std::string EmbeddedSimulator::graph_version() const { return DefaultGraphVersion(); }
int EmbeddedSimulator::port() const { return impl_->port; }
std::string EmbeddedSimulator::access_token() const { return DefaultIds::kAccessToken; }
std::string EmbeddedSimulator::phone_number_id() const { return DefaultIds::kPhoneNumberId; }
std::string EmbeddedSimulator::display_phone_number() const { return DefaultIds::kDisplayPhoneNumber; }
std::string EmbeddedSimulator::waba_id() const { return DefaultIds::kWabaId; }
std::string EmbeddedSimulator::business_id() const { return DefaultIds::kBusinessId; }
std::string EmbeddedSimulator::app_id() const { return DefaultIds::kAppId; }
std::string EmbeddedSimulator::app_secret() const { return impl_->app_secret; }
std::string EmbeddedSimulator::DefaultAppSecret() { return DefaultIds::kAppSecret; }
std::string EmbeddedSimulator::customer_wa_id() const { return DefaultIds::kCustomerWaId; }
std::string EmbeddedSimulator::hello_world_template_id() const { return DefaultIds::kHelloWorldTemplateId; }

std::int64_t EmbeddedSimulator::NowMs() { return impl_->instance->sim().clock().Now(); }

std::optional<std::int64_t> EmbeddedSimulator::NextDueMs() { return impl_->instance->sim().NextDue(); }

Reply EmbeddedSimulator::Advance(std::chrono::milliseconds by) {
  Json j;
  j["to"] = FormatIso8601(NowMs() + static_cast<TimeMs>(by.count()));
  return impl_->Admin("POST", "/_sim/clock/advance", j.dump());
}

Reply EmbeddedSimulator::AdvanceBy(const std::string& duration) {
  Json j;
  j["by"] = duration;
  return impl_->Admin("POST", "/_sim/clock/advance", j.dump());
}

Reply EmbeddedSimulator::AdvanceTo(const std::string& iso_time) {
  Json j;
  j["to"] = iso_time;
  return impl_->Admin("POST", "/_sim/clock/advance", j.dump());
}

bool EmbeddedSimulator::AdvanceToNextDue() {
  auto next = NextDueMs();
  if (!next) return false;
  // A record due now (or overdue) runs without moving the clock.
  impl_->instance->sim().AdvanceTo(std::max<TimeMs>(*next, NowMs()));
  return true;
}

WaitResult EmbeddedSimulator::AdvanceUntil(const std::function<bool()>& done,
                                           std::chrono::milliseconds horizon,
                                           const std::function<std::string()>& describe) {
  SteppableClock clock{[this] { return NowMs(); }, [this] { return NextDueMs(); },
                       [this] { return AdvanceToNextDue(); }, ""};
  return AdvanceClockUntil(clock, done, horizon, describe);
}

Reply EmbeddedSimulator::Admin(const std::string& method, const std::string& path_and_query,
                               const std::string& body) {
  return impl_->Admin(method, path_and_query, body);
}

Reply EmbeddedSimulator::Graph(const std::string& method, const std::string& path, const std::string& body,
                               const std::string& token) {
  std::string m = method;
  for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (m != "GET" && m != "POST" && m != "PUT" && m != "PATCH" && m != "DELETE")
    return Reply{0, "{\"error\":\"unsupported method " + method + " (GET, POST, PUT, PATCH, DELETE)\"}"};
  std::string full = "/" + graph_version() + "/" + (path.rfind('/', 0) == 0 ? path.substr(1) : path);
  httplib::Headers headers = {{"Authorization", "Bearer " + (token.empty() ? access_token() : token)}};
  // A client per call, not one shared behind a lock: a receiver handler (the
  // app under test) may call the Graph API while the test thread's own call
  // is still being answered (it delivers the webhooks that fell due).
  httplib::Client client("127.0.0.1", impl_->port);
  httplib::Result res = m == "GET"      ? client.Get(full, headers)
                        : m == "DELETE" ? client.Delete(full, headers, body, "application/json")
                        : m == "PUT"    ? client.Put(full, headers, body, "application/json")
                        : m == "PATCH"  ? client.Patch(full, headers, body, "application/json")
                                        : client.Post(full, headers, body, "application/json");
  if (!res) return Reply{0, "{\"error\":\"" + httplib::to_string(res.error()) + "\"}"};
  return Reply{res->status, res->body};
}

Reply EmbeddedSimulator::SubscribeWebhookFields(const std::string& fields) {
  Json j;
  j["object"] = "whatsapp_business_account";
  j["callback_url"] = impl_->webhook_url;
  j["verify_token"] = impl_->verify_token;
  j["fields"] = fields;
  // Meta: /{app-id}/subscriptions takes the app access token "{app-id}|{app-secret}".
  return Graph("POST", app_id() + "/subscriptions", j.dump(), app_id() + "|" + app_secret());
}

Reply EmbeddedSimulator::CustomerWrites(const std::string& text, const std::string& from,
                                        const std::string& phone_number_id) {
  Json j;
  j["from"] = from.empty() ? customer_wa_id() : from;
  j["phone_number_id"] = phone_number_id.empty() ? this->phone_number_id() : phone_number_id;
  j["type"] = "text";
  j["text"] = {{"body", text}};
  return Inbound(j.dump());
}

Reply EmbeddedSimulator::Inbound(const std::string& json) { return Admin("POST", "/_sim/inbound", json); }

Reply EmbeddedSimulator::SetCustomer(const std::string& wa_id, const std::string& json) {
  return Admin("PUT", "/_sim/customers/" + wa_id, json);
}

Reply EmbeddedSimulator::SetBusiness(const std::string& business_id, const std::string& json) {
  return Admin("PATCH", "/_sim/businesses/" + business_id, json);
}

Reply EmbeddedSimulator::SetWaba(const std::string& waba_id, const std::string& json) {
  return Admin("PATCH", "/_sim/wabas/" + waba_id, json);
}

Reply EmbeddedSimulator::SetPhoneNumber(const std::string& phone_number_id, const std::string& json) {
  return Admin("PATCH", "/_sim/phone_numbers/" + phone_number_id, json);
}

Reply EmbeddedSimulator::DecideTemplateReview(const std::string& template_id, const std::string& status,
                                              const std::string& reason) {
  Json j;
  j["status"] = status;
  if (!reason.empty()) j["reason"] = reason;
  return Admin("POST", "/_sim/templates/" + template_id + "/status", j.dump());
}

Reply EmbeddedSimulator::DecideNameReview(const std::string& phone_number_id, const std::string& decision,
                                          const std::string& reason) {
  Json j;
  j["decision"] = decision;
  if (!reason.empty()) j["reason"] = reason;
  return Admin("POST", "/_sim/phone_numbers/" + phone_number_id + "/name_review", j.dump());
}

Reply EmbeddedSimulator::SetMessageStatus(const std::string& wamid, const std::string& json) {
  return Admin("POST", "/_sim/messages/" + wamid + "/status", json);
}

Reply EmbeddedSimulator::InjectFault(const std::string& json) { return Admin("POST", "/_sim/faults", json); }

Reply EmbeddedSimulator::ClearFaults() { return Admin("DELETE", "/_sim/faults"); }

Reply EmbeddedSimulator::LoadScenario(const std::string& yaml, const std::string& name) {
  // Text from a test, like text over HTTP: no includes from the file system.
  return impl_->Load(scenario::LoadScenarioText(yaml, name, /*allow_includes=*/false));
}

Reply EmbeddedSimulator::LoadScenarioFile(const std::string& path) {
  return impl_->Load(scenario::LoadScenarioFile(path));
}

Reply EmbeddedSimulator::ScenarioVerdict() { return Admin("GET", "/_sim/scenarios/current/verdict"); }

Reply EmbeddedSimulator::Reset() { return Admin("POST", "/_sim/reset"); }

std::vector<SentMessage> EmbeddedSimulator::Messages(const std::string& to) {
  return ParseSentMessages(Admin("GET", MessagesPath(to)).body);
}

std::vector<DeliveryRecord> EmbeddedSimulator::Deliveries() {
  return ParseDeliveries(Admin("GET", kDeliveriesPath).body);
}

std::vector<FactRecord> EmbeddedSimulator::Facts(const std::string& type, std::uint64_t after_seq) {
  return ReadFacts([this](const std::string& path) { return Admin("GET", path); }, type, after_seq);
}

std::vector<ApiCallRecord> EmbeddedSimulator::ApiCalls() { return ApiCallsOf(Facts("api_call")); }

std::uint64_t EmbeddedSimulator::LastFactSeq() {
  return impl_->instance->sim().WithLock([](Ctx& ctx) { return ctx.facts.last_seq(); });
}

}  // namespace wasim
