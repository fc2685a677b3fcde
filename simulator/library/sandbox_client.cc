// wasim::SandboxClient (include/wasim/sandbox.h): a sandbox of a shared server,
// driven over HTTP (POST/DELETE /_sim/sandboxes, admin calls under its admin
// base, Graph calls with its token).
#include <httplib.h>

#include <algorithm>
#include <mutex>

#include "simulator/core/graph_versions.h"
#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/library/advance_until.h"
#include "simulator/library/journal_json.h"
#include "wasim/sandbox.h"

namespace wasim {
namespace {

std::string SandboxClientStr(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

}  // namespace

struct SandboxClient::Impl {
  std::string root;
  Json described;
  std::string id, admin_path;  // admin_path: /_sim/sandboxes/sbx_N
  bool ended = false;

  // A client per call, not one shared behind a lock: a receiver handler (the
  // app under test) may call while the test thread's own call is answered.
  Reply Send(const std::string& method, const std::string& path, const std::string& body,
             const httplib::Headers& headers = {}) {
    httplib::Client client(root);
    const char* type = "application/json";
    httplib::Result res = method == "GET"      ? client.Get(path, headers)
                          : method == "DELETE" ? client.Delete(path, headers, body, type)
                          : method == "PUT"    ? client.Put(path, headers, body, type)
                          : method == "PATCH"  ? client.Patch(path, headers, body, type)
                                               : client.Post(path, headers, body, type);
    if (!res) {
      Json e;
      e["error"] = httplib::to_string(res.error());
      return Reply{0, e.dump()};
    }
    return Reply{res->status, res->body};
  }
};

SandboxClient::SandboxClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SandboxClient::~SandboxClient() {
  if (impl_ && !impl_->ended) End();
}

std::unique_ptr<SandboxClient> SandboxClient::Create(const std::string& root_url, const Options& o,
                                                     std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return std::unique_ptr<SandboxClient>();
  };
  auto impl = std::make_unique<Impl>();
  impl->root = root_url;
  while (!impl->root.empty() && impl->root.back() == '/') impl->root.pop_back();
  if (!httplib::Client(impl->root).is_valid()) return fail("not a server URL: " + root_url);
  Json body = Json::object();
  if (o.seed != 42) body["seed"] = o.seed;
  if (!o.clock_start.empty()) body["clock_start"] = o.clock_start;
  if (!o.scenario.empty()) body["scenario"] = o.scenario;
  if (!o.scenario_yaml.empty()) body["scenario_yaml"] = o.scenario_yaml;
  if (!o.webhook_url.empty()) body["webhook_url"] = o.webhook_url;
  if (!o.app_secret.empty()) body["app_secret"] = o.app_secret;
  if (!o.verify_token.empty()) body["verify_token"] = o.verify_token;
  Reply r = impl->Send("POST", "/_sim/sandboxes", body.dump());
  if (r.status != 201)
    return fail("POST " + impl->root + "/_sim/sandboxes: " + std::to_string(r.status) + " " + r.body);
  impl->described = Json::parse(r.body, nullptr, false);
  impl->id = SandboxClientStr(impl->described, "id");
  impl->admin_path = SandboxClientStr(impl->described, "admin_base");
  if (impl->id.empty() || impl->admin_path.empty()) return fail("unexpected answer: " + r.body);
  return std::unique_ptr<SandboxClient>(new SandboxClient(std::move(impl)));
}

std::string SandboxClient::id() const { return impl_->id; }
std::string SandboxClient::root_url() const { return impl_->root; }
// Built from the URL the test reached the server at (the server's own idea of
// its address may be a container-internal one).
std::string SandboxClient::base_url() const { return impl_->root + "/" + DefaultGraphVersion(); }
std::string SandboxClient::admin_base() const { return impl_->root + impl_->admin_path; }
std::string SandboxClient::access_token() const { return SandboxClientStr(impl_->described, "access_token"); }
std::string SandboxClient::phone_number_id() const {
  return SandboxClientStr(impl_->described, "phone_number_id");
}
std::string SandboxClient::display_phone_number() const {
  return SandboxClientStr(impl_->described, "display_phone_number");
}
std::string SandboxClient::waba_id() const { return SandboxClientStr(impl_->described, "waba_id"); }
std::string SandboxClient::app_id() const { return SandboxClientStr(impl_->described, "app_id"); }
std::string SandboxClient::app_secret() const { return SandboxClientStr(impl_->described, "app_secret"); }
std::string SandboxClient::description() const { return impl_->described.dump(); }

Reply SandboxClient::Admin(const std::string& method, const std::string& path_and_query,
                           const std::string& body) {
  std::string rest = path_and_query.rfind("/_sim", 0) == 0 ? path_and_query.substr(5) : path_and_query;
  if (!rest.empty() && rest[0] != '/' && rest[0] != '?') rest = "/" + rest;
  return impl_->Send(method, impl_->admin_path + rest, body);
}

Reply SandboxClient::Graph(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& token) {
  std::string full =
      "/" + std::string(DefaultGraphVersion()) + "/" + (path.rfind('/', 0) == 0 ? path.substr(1) : path);
  return impl_->Send(method, full, body,
                     {{"Authorization", "Bearer " + (token.empty() ? access_token() : token)}});
}

std::int64_t SandboxClient::NowMs() {
  Json j = Json::parse(Admin("GET", "/_sim/clock").body, nullptr, false);
  return j.is_object() && j.contains("now_ms") && j["now_ms"].is_number_integer()
             ? j["now_ms"].get<std::int64_t>()
             : 0;
}

std::optional<std::int64_t> SandboxClient::NextDueMs() {
  Json j = Json::parse(Admin("GET", "/_sim/clock").body, nullptr, false);
  std::string next = SandboxClientStr(j, "next_due");
  if (next.empty()) return std::nullopt;
  return ParseIso8601(next);
}

Reply SandboxClient::AdvanceBy(const std::string& duration) {
  Json j;
  j["by"] = duration;
  return Admin("POST", "/_sim/clock/advance", j.dump());
}

bool SandboxClient::AdvanceToNextDue() {
  Json clock = Json::parse(Admin("GET", "/_sim/clock").body, nullptr, false);
  std::string next = SandboxClientStr(clock, "next_due");
  if (next.empty() || !clock.contains("now_ms") || !clock["now_ms"].is_number_integer()) return false;
  // A record due now (or overdue) runs without moving the clock.
  auto due = ParseIso8601(next);
  std::int64_t now = clock["now_ms"].get<std::int64_t>();
  Json j;
  if (due && *due > now)
    j["to"] = next;
  else
    j["seconds"] = 0;
  return Admin("POST", "/_sim/clock/advance", j.dump()).ok();
}

WaitResult SandboxClient::AdvanceUntil(const std::function<bool()>& done, std::chrono::milliseconds horizon,
                                       const std::function<std::string()>& describe) {
  SteppableClock clock{[this] { return NowMs(); }, [this] { return NextDueMs(); },
                       [this] { return AdvanceToNextDue(); }, " in sandbox " + impl_->id};
  return AdvanceClockUntil(clock, done, horizon, describe);
}

Reply SandboxClient::CustomerWrites(const std::string& text, const std::string& from,
                                    const std::string& phone_number_id) {
  Json j;
  j["from"] = from.empty() ? std::string(DefaultIds::kCustomerWaId) : from;
  j["phone_number_id"] = phone_number_id.empty() ? this->phone_number_id() : phone_number_id;
  j["type"] = "text";
  j["text"] = {{"body", text}};
  return Admin("POST", "/_sim/inbound", j.dump());
}

Reply SandboxClient::InjectFault(const std::string& json) { return Admin("POST", "/_sim/faults", json); }

Reply SandboxClient::Reset() { return Admin("POST", "/_sim/reset"); }

std::vector<SentMessage> SandboxClient::Messages(const std::string& to) {
  return ParseSentMessages(Admin("GET", MessagesPath(to)).body);
}

std::vector<DeliveryRecord> SandboxClient::Deliveries() {
  return ParseDeliveries(Admin("GET", kDeliveriesPath).body);
}

std::vector<FactRecord> SandboxClient::Facts(const std::string& type, std::uint64_t after_seq) {
  return ReadFacts([this](const std::string& path) { return Admin("GET", path); }, type, after_seq);
}

std::vector<ApiCallRecord> SandboxClient::ApiCalls() { return ApiCallsOf(Facts("api_call")); }

Reply SandboxClient::End() {
  impl_->ended = true;
  return impl_->Send("DELETE", impl_->admin_path, "");
}

}  // namespace wasim
