// "See what happened" over a real socket: the console log (request and
// webhook lines through a captured sink), GET /_sim/requests, the journal
// filters of /_sim/messages and /_sim/inbound, the customer service window,
// the admin index (GET /_sim/) and the error catalog (GET /_sim/errors).
#include <gtest/gtest.h>
#include <httplib.h>

#include <set>

#include "simulator/admin/index_admin.h"
#include "simulator/app/builder.h"
#include "simulator/app/wiring.h"
#include "simulator/core/log.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

constexpr TimeMs kObserveWall = 1796225695123;  // the injected wall clock of the log lines

const std::string kTemplateSend = R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                                  R"("template":{"name":"hello_world","language":{"code":"en_US"}}})";

// A server on port 0 (manual clock, default world) whose console log goes to a captured sink.
class ObserveServer {
 public:
  explicit ObserveServer(ServeConfig config = {}, LogLevel level = LogLevel::kInfo,
                         LogFormat format = LogFormat::kHuman)
      : sink_(std::make_shared<MemoryLogSink>()) {
    config.port = 0;
    config.bind = "127.0.0.1";
    config.clock = "manual";
    config.threads = 8;
    SimulatorBuilder builder = SimulatorBuilder::FromConfig(config);
    builder.Log(std::make_shared<Logger>(sink_, level, format, [] { return kObserveWall; }));
    instance_ = builder.Build();
    port_ = instance_->Start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
  }
  ~ObserveServer() { instance_->Stop(); }

  httplib::Client& client() { return *client_; }
  Instance& instance() { return *instance_; }
  MemoryLogSink& log() { return *sink_; }

  httplib::Result Graph(const std::string& method, const std::string& path, const std::string& body = "",
                        const std::string& token = D::kAccessToken) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    if (method == "GET") return client_->Get(path.c_str(), h);
    return client_->Post(path.c_str(), h, body, "application/json");
  }
  std::string SendTemplate() {
    auto r = Graph("POST", std::string("/v23.0/") + D::kPhoneNumberId + "/messages", kTemplateSend);
    EXPECT_TRUE(r && r->status == 200);
    return r ? ParseOrDie(r->body)["messages"][0]["id"].get<std::string>() : "";
  }
  // GET an admin path; the status must be `status`; the parsed body.
  Json Admin(const std::string& path, int status = 200) {
    auto r = client_->Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return Json();
    EXPECT_EQ(r->status, status) << path << ": " << r->body;
    return ParseOrDie(r->body);
  }
  Json AdminPost(const std::string& path, const std::string& body) {
    auto r = client_->Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(r && r->status == 200) << path << ": " << (r ? r->body : "");
    return r ? ParseOrDie(r->body) : Json();
  }

 private:
  std::shared_ptr<MemoryLogSink> sink_;
  std::unique_ptr<Instance> instance_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = -1;
};

std::string ObservePhonePath(const std::string& edge = "messages") {
  return std::string("/v23.0/") + D::kPhoneNumberId + "/" + edge;
}

std::vector<std::string> ObserveMatching(const std::vector<std::string>& lines, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.find(needle) != std::string::npos) out.push_back(l);
  return out;
}

// --- the console log ---

TEST(ObserveLogTest, OneInfoLinePerGraphCallWithStatusErrorCodeAndLatency) {
  ObserveServer server;
  server.SendTemplate();
  server.Graph("POST", ObservePhonePath(), kTemplateSend, "not-a-token");
  server.Admin("/_sim/health");  // admin calls are debug: not at info
  auto lines = server.log().Lines();
  ASSERT_EQ(lines.size(), 2u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0].rfind("2026-12-02 15:34:55.123 [virtual 2026-01-01T00:00:00.000Z] INFO  POST " +
                               ObservePhonePath() + " -> 200 ",
                           0),
            0u)
      << lines[0];
  EXPECT_NE(lines[1].find(" -> 401 (#190) "), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("ms"), std::string::npos);
}

TEST(ObserveLogTest, DebugLevelAddsAdminCallsAndJsonFormatIsOneObjectPerLine) {
  ObserveServer server({}, LogLevel::kDebug, LogFormat::kJson);
  server.Admin("/_sim/clock");
  server.SendTemplate();
  auto lines = server.log().Lines();
  ASSERT_EQ(lines.size(), 2u);
  Json admin = Json::parse(lines[0]);
  EXPECT_EQ(admin["level"], "debug");
  EXPECT_EQ(admin["path"], "/_sim/clock");
  EXPECT_EQ(admin["admin"], true);
  Json graph = Json::parse(lines[1]);
  EXPECT_EQ(graph["event"], "request");
  EXPECT_EQ(graph["level"], "info");
  EXPECT_EQ(graph["status"], 200);
  EXPECT_TRUE(graph["error_code"].is_null());
  EXPECT_EQ(graph["virtual_time"], "2026-01-01T00:00:00.000Z");
  EXPECT_GE(graph["latency_ms"].get<double>(), 0.0);
}

TEST(ObserveLogTest, AFailingWebhookIsAWarnLineVisibleAtTheDefaultLevel) {
  WebhookReceiver rx;
  rx.set_status(500);
  ServeConfig c;
  c.webhook_url = rx.url();
  c.app_secret = "s";
  ObserveServer server(c);
  server.AdminPost("/_sim/inbound", std::string(R"({"from":"16505551234","phone_number_id":")") +
                                        D::kPhoneNumberId + R"(","type":"text","text":{"body":"hi"}})");
  auto warns = server.log().LinesAt(LogLevel::kWarn);
  ASSERT_FALSE(warns.empty()) << ::testing::PrintToString(server.log().Lines());
  EXPECT_NE(warns[0].find("WARN  webhook whd_"), std::string::npos) << warns[0];
  EXPECT_NE(warns[0].find(" messages -> " + rx.url() + ": HTTP 500 (attempt 1, retry at "), std::string::npos)
      << warns[0];
  // Once the receiver answers 200, the next attempt is an info line saying so.
  rx.set_status(200);
  ASSERT_EQ(server.client().Post("/_sim/clock/advance", R"({"by":"1h"})", "application/json")->status, 200);
  auto delivered = ObserveMatching(server.log().LinesAt(LogLevel::kInfo), ", delivered)");
  ASSERT_EQ(delivered.size(), 1u) << ::testing::PrintToString(server.log().Lines());
  EXPECT_NE(delivered[0].find("HTTP 200"), std::string::npos);
}

TEST(ObserveLogTest, AtWarnLevelOnlyWebhookFailuresAreLogged) {
  WebhookReceiver rx;
  rx.set_status(503);
  ServeConfig c;
  c.webhook_url = rx.url();
  c.app_secret = "s";
  ObserveServer server(c, LogLevel::kWarn, LogFormat::kJson);
  server.SendTemplate();
  server.AdminPost("/_sim/inbound", std::string(R"({"from":"16505551234","phone_number_id":")") +
                                        D::kPhoneNumberId + R"(","type":"text","text":{"body":"hi"}})");
  auto lines = server.log().Lines();
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) {
    Json j = Json::parse(l);
    EXPECT_EQ(j["event"], "webhook") << l;
    EXPECT_EQ(j["status"], 503) << l;
    EXPECT_EQ(j["field"], "messages") << l;
  }
}

// --- GET /_sim/requests ---

TEST(ObserveRequestsTest, ListsGraphCallsRefusedOnesIncludedWithRequestAndResponse) {
  ObserveServer server;
  std::string wamid = server.SendTemplate();
  server.Graph("POST", ObservePhonePath(), kTemplateSend, "bad-token");
  server.Graph("POST", ObservePhonePath(), R"({"messaging_product":"whatsapp","type":"text"})");
  server.Admin("/_sim/health");  // not a Graph call
  Json page = server.Admin("/_sim/requests");
  ASSERT_EQ(page["data"].size(), 3u) << page.dump();
  const Json& ok = page["data"][0];
  EXPECT_EQ(ok["request"]["method"], "POST");
  EXPECT_EQ(ok["request"]["path"], ObservePhonePath());
  EXPECT_EQ(ok["request"]["json"]["template"]["name"], "hello_world");
  EXPECT_EQ(ok["response"]["status"], 200);
  EXPECT_TRUE(ok["response"]["error_code"].is_null());
  EXPECT_EQ(ok["response"]["json"]["messages"][0]["id"], wamid);
  EXPECT_EQ(page["data"][1]["response"]["status"], 401);
  EXPECT_EQ(page["data"][1]["response"]["error_code"], 190);
  EXPECT_EQ(page["data"][2]["response"]["status"], 400);
  EXPECT_EQ(page["data"][2]["response"]["error_code"], 100);
  EXPECT_LT(ok["seq"].get<std::uint64_t>(), page["data"][1]["seq"].get<std::uint64_t>());
  EXPECT_EQ(ok["at"], "2026-01-01T00:00:00.000Z");
  EXPECT_TRUE(page["paging"].empty());
}

TEST(ObserveRequestsTest, TheAccessTokenIsRedactedFromQueryAndBody) {
  ObserveServer server;
  std::string path =
      std::string("/v23.0/") + D::kPhoneNumberId + "?fields=id&access_token=" + D::kAccessToken;
  ASSERT_EQ(server.client().Get(path.c_str())->status, 200);
  httplib::Headers h;
  ASSERT_TRUE(
      server.client().Post(ObservePhonePath().c_str(), h,
                           std::string("access_token=") + D::kAccessToken + "&messaging_product=whatsapp",
                           "application/x-www-form-urlencoded"));
  auto r = server.client().Get("/_sim/requests");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find(D::kAccessToken), std::string::npos) << r->body;
  Json data = ParseOrDie(r->body)["data"];
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0]["request"]["query"]["access_token"], "<redacted>");
  EXPECT_EQ(data[0]["request"]["query"]["fields"], "id");
  EXPECT_EQ(data[1]["request"]["body"], "access_token=<redacted>&messaging_product=whatsapp");
  EXPECT_TRUE(data[1]["request"]["query"].empty()) << data[1].dump();  // form fields are the body's
}

TEST(ObserveRequestsTest, FiltersByPathMethodStatusCodeAndPhoneNumber) {
  ObserveServer server;
  server.SendTemplate();
  server.Graph("POST", ObservePhonePath(), kTemplateSend, "bad-token");
  server.Graph("GET", std::string("/v23.0/") + D::kPhoneNumberId);
  server.Graph("GET", std::string("/v23.0/") + D::kWabaId + "/phone_numbers");
  auto count = [&](const std::string& query) {
    return server.Admin("/_sim/requests?" + query)["data"].size();
  };
  EXPECT_EQ(count("path=" + ObservePhonePath()), 2u);
  // Whole segments: the node's own path and everything under it, not a longer id.
  EXPECT_EQ(count(std::string("path=/v23.0/") + D::kPhoneNumberId), 3u);
  EXPECT_EQ(count(std::string("path=/v23.0/") + std::string(D::kPhoneNumberId).substr(0, 6)), 0u);
  EXPECT_EQ(count("method=get"), 2u);
  EXPECT_EQ(count("status=200"), 3u);
  EXPECT_EQ(count("status=4xx"), 1u);
  EXPECT_EQ(count("code=190"), 1u);
  EXPECT_EQ(count("code=131030"), 0u);
  EXPECT_EQ(count(std::string("phone_number=") + D::kPhoneNumberId), 3u);
  EXPECT_EQ(count("phone_number=%2B1%20555-078-3881"), 3u);  // the display number, any notation
  EXPECT_EQ(count("phone_number=19999999999"), 0u);
  EXPECT_EQ(count("status=2xx&method=POST"), 1u);
}

TEST(ObserveRequestsTest, SinceTakesAVirtualTimeOrASeqAndPagesFollowTheCursor) {
  ObserveServer server;
  server.SendTemplate();
  server.SendTemplate();
  ASSERT_EQ(server.client().Post("/_sim/clock/advance", R"({"by":"1h"})", "application/json")->status, 200);
  server.SendTemplate();
  Json later = server.Admin("/_sim/requests?since=2026-01-01T01:00:00Z");
  ASSERT_EQ(later["data"].size(), 1u);
  EXPECT_EQ(later["data"][0]["at"], "2026-01-01T01:00:00.000Z");
  std::uint64_t second = server.Admin("/_sim/requests")["data"][1]["seq"].get<std::uint64_t>();
  EXPECT_EQ(server.Admin("/_sim/requests?since=" + std::to_string(second))["data"].size(), 2u);

  Json first = server.Admin("/_sim/requests?limit=2");
  ASSERT_EQ(first["data"].size(), 2u);
  std::string after = first["paging"]["cursors"]["after"].get<std::string>();
  Json rest = server.Admin("/_sim/requests?limit=2&after=" + after);
  ASSERT_EQ(rest["data"].size(), 1u);
  EXPECT_TRUE(rest["paging"].empty());
  EXPECT_EQ(rest["data"][0]["at"], "2026-01-01T01:00:00.000Z");
}

TEST(ObserveRequestsTest, BadParametersAreAdminErrorsNamingWhatIsAllowed) {
  ObserveServer server;
  Json unknown = server.Admin("/_sim/requests?stauts=400", 400);
  std::string message = unknown["error"]["message"];
  EXPECT_NE(message.find("'stauts'"), std::string::npos) << message;
  EXPECT_NE(message.find("status"), std::string::npos) << message;
  EXPECT_NE(message.find("phone_number"), std::string::npos) << message;
  EXPECT_EQ(unknown["error"]["type"], "WasimAdminException");
  server.Admin("/_sim/requests?status=abc", 400);
  server.Admin("/_sim/requests?status=6xx", 400);
  server.Admin("/_sim/requests?code=x", 400);
  server.Admin("/_sim/requests?since=yesterday", 400);
  server.Admin("/_sim/requests?limit=0", 400);
  server.Admin("/_sim/requests?limit=1001", 400);
  server.Admin("/_sim/requests?after=x", 400);
  server.Admin("/_sim/requests?path=v23.0", 400);
}

// --- journals ---

TEST(ObserveJournalTest, MessagesFilterByStatusToAndSinceAndPage) {
  ObserveServer server;
  std::string a = server.SendTemplate();
  std::string b = server.SendTemplate();
  std::string c = server.SendTemplate();
  server.AdminPost("/_sim/messages/" + b + "/status", R"({"status":"delivered"})");
  EXPECT_EQ(server.Admin("/_sim/messages")["data"].size(), 3u);
  Json delivered = server.Admin("/_sim/messages?status=delivered")["data"];
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0]["id"], b);
  EXPECT_EQ(server.Admin("/_sim/messages?status=accepted")["data"].size(), 2u);
  EXPECT_EQ(server.Admin("/_sim/messages?to=16505551234")["data"].size(), 3u);
  EXPECT_EQ(server.Admin("/_sim/messages?to=19990000000")["data"].size(), 0u);
  EXPECT_EQ(server.Admin("/_sim/messages?since=2026-01-01T00:00:00Z")["data"].size(), 3u);
  EXPECT_EQ(server.Admin("/_sim/messages?since=2026-01-01T00:00:01Z")["data"].size(), 0u);

  Json page = server.Admin("/_sim/messages?limit=2");
  ASSERT_EQ(page["data"].size(), 2u);
  EXPECT_EQ(page["data"][0]["id"], a);
  Json rest =
      server.Admin("/_sim/messages?limit=2&after=" + page["paging"]["cursors"]["after"].get<std::string>());
  ASSERT_EQ(rest["data"].size(), 1u);
  EXPECT_EQ(rest["data"][0]["id"], c);
  EXPECT_TRUE(rest["paging"].empty());
}

TEST(ObserveJournalTest, MessagesRefuseUnknownAndBadParameters) {
  ObserveServer server;
  Json e = server.Admin("/_sim/messages?recipient=1", 400);
  std::string message = e["error"]["message"];
  EXPECT_NE(message.find("'recipient'"), std::string::npos) << message;
  EXPECT_NE(message.find("to, phone_number_id, status, since, limit, after"), std::string::npos) << message;
  server.Admin("/_sim/messages?status=lost", 400);
  server.Admin("/_sim/messages?since=2026", 400);
  server.Admin("/_sim/messages?limit=0", 400);
  server.Admin("/_sim/messages?after=-1", 400);
}

TEST(ObserveJournalTest, OneMessageByWamidOr404) {
  ObserveServer server;
  std::string wamid = server.SendTemplate();
  Json m = server.Admin("/_sim/messages/" + wamid);
  EXPECT_EQ(m["id"], wamid);
  Json missing = server.Admin("/_sim/messages/wamid.nope", 404);
  EXPECT_EQ(missing["error"]["type"], "WasimAdminException");
  EXPECT_NE(missing["error"]["message"].get<std::string>().find("wamid.nope"), std::string::npos);
}

TEST(ObserveJournalTest, InboundJournalFiltersAndPages) {
  ObserveServer server;
  std::string base =
      std::string(R"({"from":"16505551234","phone_number_id":")") + D::kPhoneNumberId + R"(",)";
  std::string first =
      server.AdminPost("/_sim/inbound", base + R"("type":"text","text":{"body":"hi"}})")["id"];
  server.AdminPost("/_sim/inbound",
                   base + R"("type":"location","location":{"latitude":1.5,"longitude":2.5}})");
  Json all = server.Admin("/_sim/inbound")["data"];
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["wamid"], first);
  EXPECT_EQ(all[0]["content"]["body"], "hi");
  EXPECT_EQ(all[0]["from"], "16505551234");
  EXPECT_EQ(server.Admin("/_sim/inbound?type=location")["data"].size(), 1u);
  EXPECT_EQ(server.Admin("/_sim/inbound?from=19990000000")["data"].size(), 0u);
  EXPECT_EQ(server.Admin(std::string("/_sim/inbound?phone_number_id=") + D::kPhoneNumberId)["data"].size(),
            2u);
  EXPECT_EQ(server.Admin("/_sim/inbound?since=2026-01-02T00:00:00Z")["data"].size(), 0u);
  Json page = server.Admin("/_sim/inbound?limit=1");
  ASSERT_EQ(page["data"].size(), 1u);
  Json rest =
      server.Admin("/_sim/inbound?limit=1&after=" + page["paging"]["cursors"]["after"].get<std::string>());
  ASSERT_EQ(rest["data"].size(), 1u);
  EXPECT_EQ(rest["data"][0]["type"], "location");
  std::string message = server.Admin("/_sim/inbound?to=1", 400)["error"]["message"];
  EXPECT_NE(message.find("from, phone_number_id, type, since, limit, after"), std::string::npos) << message;
}

TEST(ObserveJournalTest, CustomerViewShowsTheServiceWindowOpenUntilThenClosed) {
  ObserveServer server;
  server.AdminPost("/_sim/inbound", std::string(R"({"from":"16505551234","phone_number_id":")") +
                                        D::kPhoneNumberId + R"(","type":"text","text":{"body":"hi"}})");
  auto relation = [&] {
    Json customer = server.Admin("/_sim/customers/16505551234");
    for (const Json& r : customer["relations"])
      if (r["phone_number_id"] == D::kPhoneNumberId) return r;
    return Json();
  };
  Json open = relation();
  EXPECT_EQ(open["service_window"], "open");
  EXPECT_EQ(open["service_window_open_until"], "2026-01-02T00:00:00.000Z");  // Meta: 24 h
  ASSERT_EQ(server.client().Post("/_sim/clock/advance", R"({"by":"24h"})", "application/json")->status, 200);
  Json closed = relation();
  EXPECT_EQ(closed["service_window"], "closed");
  EXPECT_TRUE(closed["service_window_open_until"].is_null());
}

// --- the admin index and the error catalog ---

TEST(ObserveIndexTest, ListsEveryRegisteredRouteWithADescription) {
  ObserveServer server;
  Json index = server.Admin("/_sim/");
  std::set<std::pair<std::string, std::string>> listed;
  for (const Json& e : index["data"]) {
    listed.insert({e["method"].get<std::string>(), e["path"].get<std::string>()});
    EXPECT_FALSE(e["description"].get<std::string>().empty()) << e.dump();
  }
  std::set<std::pair<std::string, std::string>> registered;
  server.instance().admin().router().ForEachRoute([&](const std::string& method, const std::string& pattern) {
    registered.insert({method, pattern});
    EXPECT_TRUE(listed.count({method, pattern})) << method << " " << pattern << " is not listed";
  });
  EXPECT_GT(registered.size(), 50u);
  // No description outlives its route.
  for (const auto& [key, text] : AdminRouteDescriptions())
    EXPECT_TRUE(registered.count(key))
        << key.first << " " << key.second << " is described but not registered";
  EXPECT_TRUE(listed.count({"POST", "/_sim/sandboxes"}));
  EXPECT_EQ(server.Admin("/_sim")["data"].size(), index["data"].size());
}

TEST(ObserveIndexTest, ErrorsListTheCatalogWithSurfacesFromTheRules) {
  ObserveServer server;
  Json errors = server.Admin("/_sim/errors");
  ASSERT_EQ(errors["data"].size(), ErrorCatalog().size());
  auto find = [](const Json& list, int code) {
    for (const Json& e : list["data"])
      if (e["code"] == code) return e;
    return Json();
  };
  Json window = find(errors, 131047);
  EXPECT_EQ(window["surface"], "status_webhook");
  EXPECT_EQ(window["rules"], Json::array({"service_window"}));
  EXPECT_EQ(window["http_status"], 400);
  EXPECT_EQ(window["name"], "kReengagementMessage");
  EXPECT_EQ(window["forced_status"], true);
  EXPECT_EQ(window["fault_rule"], true);
  Json throughput = find(errors, 130429);
  EXPECT_EQ(throughput["subcode"], 2494055);
  EXPECT_EQ(throughput["surface"], "sync");
  Json token = find(errors, 190);
  EXPECT_EQ(token["http_status"], 401);
  EXPECT_TRUE(token["subcode"].is_null());
  // The surface follows /_sim/rules.
  auto patched =
      server.client().Patch("/_sim/rules", R"({"service_window":{"surface":"sync"}})", "application/json");
  ASSERT_TRUE(patched && patched->status == 200) << (patched ? patched->body : "");
  EXPECT_EQ(find(server.Admin("/_sim/errors"), 131047)["surface"], "sync");
}

}  // namespace
}  // namespace wasim::testing
