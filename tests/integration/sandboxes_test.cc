// Sandboxes over loopback (POST /_sim/sandboxes): parallel CI jobs sharing one
// server each get their own world, clock, ids, token and journals. Graph calls
// are routed by token, admin calls by the sandbox id; main stays as it was.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "simulator/webhooks/signature.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

constexpr const char* kHelloWorld =
    R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";

Json SbxCreate(httplib::Client& c, const Json& body = Json::object(), int expect = 201) {
  auto r = c.Post("/_sim/sandboxes", body.dump(), "application/json");
  EXPECT_TRUE(r);
  if (!r) return Json();
  EXPECT_EQ(r->status, expect) << r->body;
  return ParseOrDie(r->body);
}

httplib::Result SbxSend(httplib::Client& c, const std::string& token, const std::string& body = kHelloWorld) {
  return c.Post((std::string("/v23.0/") + D::kPhoneNumberId + "/messages").c_str(),
                {{"Authorization", "Bearer " + token}}, body, "application/json");
}

Json SbxGet(httplib::Client& c, const std::string& path, int expect = 200) {
  auto r = c.Get(path.c_str());
  EXPECT_TRUE(r);
  if (!r) return Json();
  EXPECT_EQ(r->status, expect) << path << ": " << r->body;
  return ParseOrDie(r->body);
}

std::string SbxAdmin(const Json& sandbox, const std::string& rest) {
  return sandbox["admin_base"].get<std::string>() + rest;
}

TEST(SandboxesTest, CreateAnswersTheSandboxesIdentities) {
  LoopbackServer server;
  Json a = SbxCreate(server.client());
  EXPECT_EQ(a["id"], "sbx_1");
  EXPECT_EQ(a["admin_base"], "/_sim/sandboxes/sbx_1");
  EXPECT_EQ(a["graph_base"], server.base() + "/v23.0");
  EXPECT_EQ(a["phone_number_id"], D::kPhoneNumberId);
  EXPECT_EQ(a["waba_id"], D::kWabaId);
  EXPECT_EQ(a["app_id"], D::kAppId);
  // Its app's secret is its own (an app access token names one sandbox).
  EXPECT_EQ(a["app_secret"].get<std::string>().size(), 32u);
  EXPECT_NE(a["app_secret"], D::kAppSecret);
  std::string token = a["access_token"];
  EXPECT_EQ(token.rfind("EAAwasimSandbox1x", 0), 0u) << token;
  Json b = SbxCreate(server.client());
  EXPECT_EQ(b["id"], "sbx_2");
  EXPECT_NE(b["access_token"], a["access_token"]);
  EXPECT_NE(b["app_secret"], a["app_secret"]);
  Json list = SbxGet(server.client(), "/_sim/sandboxes");
  ASSERT_EQ(list["data"].size(), 2u);
  EXPECT_EQ(list["data"][1]["id"], "sbx_2");
  EXPECT_EQ(list["max"], 256);
  EXPECT_EQ(SbxGet(server.client(), "/_sim/sandboxes/sbx_2")["access_token"], b["access_token"]);
}

TEST(SandboxesTest, ASendWithASandboxTokenIsInThatSandboxsJournalOnly) {
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c), b = SbxCreate(c);
  auto sent = SbxSend(c, a["access_token"]);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 200) << sent->body;
  std::string wamid = ParseOrDie(sent->body)["messages"][0]["id"];

  Json in_a = SbxGet(c, SbxAdmin(a, "/messages"))["data"];
  ASSERT_EQ(in_a.size(), 1u);
  EXPECT_EQ(in_a[0]["id"], wamid);
  EXPECT_EQ(in_a[0]["phone_number_id"], D::kPhoneNumberId);
  EXPECT_TRUE(SbxGet(c, SbxAdmin(b, "/messages"))["data"].empty());
  EXPECT_TRUE(SbxGet(c, "/_sim/messages")["data"].empty());

  // The same number id in B and in main, each with its own journal; the same
  // seed gives the same first wamid everywhere (each is a fresh simulator).
  auto sent_b = SbxSend(c, b["access_token"]);
  ASSERT_EQ(sent_b->status, 200) << sent_b->body;
  EXPECT_EQ(ParseOrDie(sent_b->body)["messages"][0]["id"], wamid);
  auto sent_main = server.PostGraph(std::string(D::kPhoneNumberId) + "/messages", kHelloWorld);
  ASSERT_EQ(sent_main->status, 200) << sent_main->body;
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, "/messages"))["data"].size(), 1u);
  EXPECT_EQ(SbxGet(c, SbxAdmin(b, "/messages"))["data"].size(), 1u);
  EXPECT_EQ(SbxGet(c, "/_sim/messages")["data"].size(), 1u);
  // The api_call facts too: A's log has its own call only.
  Json calls = SbxGet(c, SbxAdmin(a, "/events?type=api_call"))["data"];
  EXPECT_EQ(calls.size(), 1u);
}

TEST(SandboxesTest, TokenInTheQueryStringRoutesToo) {
  LoopbackServer server;
  Json a = SbxCreate(server.client());
  std::string token = a["access_token"];
  auto r =
      server.client().Get((std::string("/v23.0/") + D::kPhoneNumberId + "?access_token=" + token).c_str());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(SbxGet(server.client(), SbxAdmin(a, "/events?type=api_call"))["data"].size(), 1u);
  EXPECT_TRUE(SbxGet(server.client(), "/_sim/events?type=api_call")["data"].empty());
}

TEST(SandboxesTest, AnAppAccessTokenGoesToTheSandboxWithThatSecret) {
  WebhookReceiver rx;
  LoopbackServer server;
  auto& c = server.client();
  SbxCreate(c);
  Json b = SbxCreate(c, {{"webhook_url", rx.url()}, {"verify_token", "vt-b"}});
  std::string app_token = std::string(D::kAppId) + "|" + b["app_secret"].get<std::string>();
  // Meta: POST /{app-id}/subscriptions with the app token, after the verification GET.
  Json sub = {{"object", "whatsapp_business_account"},
              {"callback_url", rx.url()},
              {"verify_token", "vt-b"},
              {"fields", "messages,message_template_status_update"}};
  auto r = c.Post((std::string("/v23.0/") + D::kAppId + "/subscriptions").c_str(),
                  {{"Authorization", "Bearer " + app_token}}, sub.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(rx.gets().size(), 1u);  // B's verification handshake reached B's receiver
  Json in_b = SbxGet(c, SbxAdmin(b, "/events?type=api_call"))["data"];
  EXPECT_EQ(in_b.size(), 1u);
  EXPECT_TRUE(SbxGet(c, "/_sim/events?type=api_call")["data"].empty());
  // Main's own app token still reaches main.
  auto main_sub = c.Get((std::string("/v23.0/") + D::kAppId + "/subscriptions").c_str(),
                        {{"Authorization", std::string("Bearer ") + D::kAppId + "|" + D::kAppSecret}});
  ASSERT_TRUE(main_sub);
  EXPECT_EQ(main_sub->status, 200) << main_sub->body;
  EXPECT_EQ(SbxGet(c, "/_sim/events?type=api_call")["data"].size(), 1u);
}

TEST(SandboxesTest, TheEmbeddedSignupCodeExchangeGoesToTheSandboxWithThatSecret) {
  LoopbackServer server;
  auto& c = server.client();
  SbxCreate(c);
  Json b = SbxCreate(c);
  // Embedded Signup finishes in sandbox B; the app exchanges B's code with B's secret.
  auto es = c.Post(SbxAdmin(b, "/onboarding").c_str(),
                   R"({"business_name":"Lucky Shrub","phone_number":"15550001111","mode":"cloud"})",
                   "application/json");
  ASSERT_TRUE(es);
  ASSERT_EQ(es->status, 200) << es->body;
  std::string code = ParseOrDie(es->body)["code"];
  std::string exchange = std::string("/v23.0/oauth/access_token?client_id=") + D::kAppId +
                         "&client_secret=" + b["app_secret"].get<std::string>() + "&code=" + code;
  auto tok = c.Get(exchange.c_str());
  ASSERT_TRUE(tok);
  EXPECT_EQ(tok->status, 200) << tok->body;
  EXPECT_FALSE(ParseOrDie(tok->body).value("access_token", "").empty());
  EXPECT_EQ(SbxGet(c, SbxAdmin(b, "/events?type=api_call"))["data"].size(), 1u);
  EXPECT_TRUE(SbxGet(c, "/_sim/events?type=api_call")["data"].empty());  // main never saw it
}

TEST(SandboxesTest, MediaUploadAndDownloadFollowTheToken) {
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c);
  httplib::Headers bearer_a = {{"Authorization", "Bearer " + a["access_token"].get<std::string>()}};
  httplib::MultipartFormDataItems items = {{"messaging_product", "whatsapp", "", ""},
                                           {"file", "PNGBYTES-of-sandbox-a", "a.png", "image/png"}};
  auto up = c.Post((std::string("/v23.0/") + D::kPhoneNumberId + "/media").c_str(), bearer_a, items);
  ASSERT_EQ(up->status, 200) << up->body;
  std::string id = ParseOrDie(up->body)["id"];
  auto meta = c.Get(("/v23.0/" + id).c_str(), bearer_a);
  ASSERT_EQ(meta->status, 200) << meta->body;
  std::string url = ParseOrDie(meta->body)["url"];
  std::string path = url.substr(url.find('/', std::string("http://").size()));
  auto dl = c.Get(path.c_str(), bearer_a);
  ASSERT_EQ(dl->status, 200);
  EXPECT_EQ(dl->body, "PNGBYTES-of-sandbox-a");
  // Main does not have it: with main's token the same URL is Meta's 404, and so is the media id.
  httplib::Headers bearer_main = {{"Authorization", std::string("Bearer ") + D::kAccessToken}};
  EXPECT_EQ(c.Get(path.c_str(), bearer_main)->status, 404);
  EXPECT_NE(server.GetGraph(id)->status, 200);
}

TEST(SandboxesTest, AdvancingOneSandboxsClockLeavesTheOthersAlone) {
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c), b = SbxCreate(c, {{"clock_start", "2026-03-01T00:00:00Z"}});
  std::string main_before = SbxGet(c, "/_sim/clock")["now"];
  auto r = c.Post(SbxAdmin(a, "/clock/advance").c_str(), R"({"by":"1d"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, "/clock"))["now"], "2026-01-02T00:00:00.000Z");
  EXPECT_EQ(SbxGet(c, SbxAdmin(b, "/clock"))["now"], "2026-03-01T00:00:00.000Z");
  EXPECT_EQ(SbxGet(c, "/_sim/clock")["now"], main_before);
}

TEST(SandboxesTest, WebhooksGoToTheSandboxsUrlSignedWithItsSecret) {
  WebhookReceiver rx_a, rx_b;
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c, {{"webhook_url", rx_a.url()}, {"app_secret", "secret-a"}});
  Json b = SbxCreate(c, {{"webhook_url", rx_b.url()}, {"app_secret", "secret-b"}});
  EXPECT_EQ(a["app_secret"], "secret-a");
  EXPECT_EQ(a["webhook_url"], rx_a.url());
  ASSERT_EQ(SbxSend(c, a["access_token"])->status, 200);
  ASSERT_EQ(c.Post(SbxAdmin(a, "/clock/advance").c_str(), R"({"by":"1m"})", "application/json")->status, 200);
  auto posts = rx_a.posts();
  ASSERT_FALSE(posts.empty());
  for (const auto& p : posts) {
    EXPECT_TRUE(VerifySignatureHeader("secret-a", p.body, p.signature)) << p.body;
    EXPECT_FALSE(VerifySignatureHeader("secret-b", p.body, p.signature));
  }
  EXPECT_NE(posts[0].body.find("\"statuses\""), std::string::npos) << posts[0].body;
  EXPECT_TRUE(rx_b.posts().empty());
  // A's delivery journal has them; B's is empty.
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, "/webhooks"))["data"].size(), posts.size());
  EXPECT_TRUE(SbxGet(c, SbxAdmin(b, "/webhooks"))["data"].empty());

  // An inbound message in B goes to B's receiver, settled before the admin call answers.
  auto in = c.Post(
      SbxAdmin(b, "/inbound").c_str(),
      R"({"from":"16505551234","phone_number_id":"106540352242922","type":"text","text":{"body":"hi"}})",
      "application/json");
  ASSERT_EQ(in->status, 200) << in->body;
  auto posts_b = rx_b.posts();
  ASSERT_EQ(posts_b.size(), 1u);
  EXPECT_TRUE(VerifySignatureHeader("secret-b", posts_b[0].body, posts_b[0].signature));
  EXPECT_EQ(rx_a.posts().size(), posts.size());
}

TEST(SandboxesTest, UnknownTokenIsStillMains190) {
  LoopbackServer server;
  SbxCreate(server.client());
  for (std::string token : {"EAAnotAToken", "EAAwasimSandbox99x0123456789abcdef", "EAAwasimSandbox1xwrong"}) {
    auto r = SbxSend(server.client(), token);
    ASSERT_TRUE(r);
    // The last one is routed to sandbox 1 (by its number), which does not know it: the same 190.
    EXPECT_EQ(r->status, 401) << r->body;
    EXPECT_EQ(ParseOrDie(r->body)["error"]["code"], 190) << token;
  }
  // Main's own token still reaches main.
  ASSERT_EQ(server.PostGraph(std::string(D::kPhoneNumberId) + "/messages", kHelloWorld)->status, 200);
  EXPECT_EQ(SbxGet(server.client(), "/_sim/messages")["data"].size(), 1u);
}

TEST(SandboxesTest, DeleteEndsTheSandboxItsTokenAndItsAdminPath) {
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c);
  ASSERT_EQ(SbxSend(c, a["access_token"])->status, 200);
  auto del = c.Delete("/_sim/sandboxes/sbx_1");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
  auto after = SbxSend(c, a["access_token"]);
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(ParseOrDie(after->body)["error"]["code"], 190);
  Json gone = SbxGet(c, SbxAdmin(a, "/messages"), 404);
  EXPECT_NE(gone["error"]["message"].get<std::string>().find("sbx_1"), std::string::npos) << gone;
  EXPECT_EQ(c.Delete("/_sim/sandboxes/sbx_1")->status, 404);
  EXPECT_EQ(c.Delete("/_sim/sandboxes/nonsense")->status, 404);
  EXPECT_TRUE(SbxGet(c, "/_sim/sandboxes")["data"].empty());
  // Ids are never reused: the next one is sbx_2, so the old token stays dead.
  EXPECT_EQ(SbxCreate(c)["id"], "sbx_2");
  EXPECT_EQ(SbxSend(c, a["access_token"])->status, 401);
}

TEST(SandboxesTest, TheCapRefusesClearlyAndFreesOnDelete) {
  ServeConfig config;
  config.max_sandboxes = 2;
  LoopbackServer server(config);
  auto& c = server.client();
  SbxCreate(c);
  SbxCreate(c);
  Json refused = SbxCreate(c, Json::object(), 429);
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("Too many sandboxes"), std::string::npos)
      << refused;
  ASSERT_EQ(c.Delete("/_sim/sandboxes/sbx_1")->status, 200);
  EXPECT_EQ(SbxCreate(c)["id"], "sbx_3");
}

TEST(SandboxesTest, BadBodiesAndBadScenariosCreateNothing) {
  LoopbackServer server;
  auto& c = server.client();
  EXPECT_EQ(SbxCreate(c, {{"clokc", "manual"}}, 400)["error"]["message"].get<std::string>().find("clokc") !=
                std::string::npos,
            true);
  SbxCreate(c, {{"clock", "sideways"}}, 400);
  SbxCreate(c, {{"seed", -1}}, 400);
  SbxCreate(c, {{"scenario", "no-such-scenario"}}, 400);
  SbxCreate(c, {{"scenario_yaml", "name: x\nworld: [unclosed"}}, 400);
  EXPECT_TRUE(SbxGet(c, "/_sim/sandboxes")["data"].empty());
  auto not_json = c.Post("/_sim/sandboxes", "{", "application/json");
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(c.Put("/_sim/sandboxes", "", "application/json")->status, 405);
}

TEST(SandboxesTest, AScenarioGetsTheSandboxsOwnTokens) {
  ServeConfig config;
  config.scenario_dir = std::string(WASIM_SOURCE_DIR) + "/scenarios";
  LoopbackServer server(config);
  auto& c = server.client();
  Json a = SbxCreate(c, {{"scenario", "reengagement-131047"}});
  std::string token = a["access_token"];
  EXPECT_EQ(token.rfind("EAAwasimSandbox1x", 0), 0u) << a;
  Json state = SbxGet(c, SbxAdmin(a, "/scenarios/current"));
  EXPECT_EQ(state["name"], "reengagement-131047") << state;
  // Loading a scenario later keeps the tokens the sandbox's.
  auto r = c.Post(SbxAdmin(a, "/scenarios").c_str(), R"({"name":"reengagement-131047"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, ""))["access_token"], token);
  EXPECT_EQ(SbxSend(c, token)->status, 200);
}

TEST(SandboxesTest, MainResetLeavesSandboxesAlone) {
  LoopbackServer server;
  auto& c = server.client();
  Json a = SbxCreate(c);
  ASSERT_EQ(SbxSend(c, a["access_token"])->status, 200);
  ASSERT_EQ(c.Post("/_sim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, "/messages"))["data"].size(), 1u);
  EXPECT_EQ(SbxGet(c, "/_sim/sandboxes")["data"].size(), 1u);
  // A sandbox's own reset clears its journal and keeps its token.
  ASSERT_EQ(c.Post(SbxAdmin(a, "/reset").c_str(), "", "application/json")->status, 200);
  EXPECT_TRUE(SbxGet(c, SbxAdmin(a, "/messages"))["data"].empty());
  EXPECT_EQ(SbxSend(c, a["access_token"])->status, 200);
}

TEST(SandboxesTest, ARealtimeSandboxRunsItsOwnTicker) {
  LoopbackServer server;  // manual main clock
  auto& c = server.client();
  Json a = SbxCreate(c, {{"clock", "realtime"}, {"clock_speed", 10000}});
  EXPECT_EQ(SbxGet(c, SbxAdmin(a, "/clock"))["mode"], "realtime");
  auto sent = SbxSend(c, a["access_token"]);
  ASSERT_EQ(sent->status, 200) << sent->body;
  // Nobody advances it: its ticker moves the message past "accepted".
  std::string status;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    status = SbxGet(c, SbxAdmin(a, "/messages"))["data"][0]["status"];
    if (status == "delivered" || status == "read") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(status == "delivered" || status == "read") << status;
  ASSERT_EQ(c.Delete(SbxAdmin(a, "").c_str())->status, 200);  // stops its ticker
}

TEST(SandboxesTest, ConcurrentCreateUseDeleteFromManyThreads) {
  LoopbackServer server;
  constexpr int kThreads = 6, kRounds = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server.port());
      for (int i = 0; i < kRounds; ++i) {
        auto r = c.Post("/_sim/sandboxes", "{}", "application/json");
        if (!r || r->status != 201) {
          ++failures;
          continue;
        }
        Json s = Json::parse(r->body);
        std::string token = s["access_token"], admin = s["admin_base"];
        auto sent = SbxSend(c, token);
        auto journal = c.Get((admin + "/messages").c_str());
        if (!sent || sent->status != 200 || !journal || Json::parse(journal->body)["data"].size() != 1)
          ++failures;
        auto del = c.Delete(admin.c_str());
        if (!del || del->status != 200) ++failures;
      }
    });
  }
  // Meanwhile: one sandbox used by one thread while another deletes it.
  Json shared = SbxCreate(server.client());
  std::atomic<bool> deleted{false};
  std::thread user([&] {
    httplib::Client c("127.0.0.1", server.port());
    for (int i = 0; i < 40; ++i) {
      auto r = SbxSend(c, shared["access_token"]);
      if (!r || (r->status != 200 && r->status != 401)) ++failures;
      if (r && r->status == 401 && !deleted.load()) ++failures;  // 401 only once deleted
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  {
    httplib::Client c("127.0.0.1", server.port());
    deleted.store(true);  // from here on, 401 is a right answer
    auto del = c.Delete(SbxAdmin(shared, "").c_str());
    if (!del || del->status != 200) ++failures;
  }
  user.join();
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(SbxGet(server.client(), "/_sim/sandboxes")["data"].empty());
  EXPECT_EQ(SbxCreate(server.client())["id"], "sbx_" + std::to_string(kThreads * kRounds + 2));
}

}  // namespace
}  // namespace wasim::testing
