// Webhook delivery over real HTTP to a real receiver on loopback, on the
// virtual clock: signature over Meta's escaped bytes, the status lifecycle,
// retries across the horizon, faults and redelivery.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "simulator/webhooks/retry_policy.h"
#include "simulator/webhooks/signature.h"
#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

constexpr const char* kSecret = "receiver-secret";

ServeConfig ConfigFor(const std::string& url, long long timeout_ms = 2000) {
  ServeConfig c;
  c.webhook_url = url;
  c.app_secret = kSecret;
  c.verify_token = "vt";
  c.webhook_timeout_ms = timeout_ms;
  return c;
}

// Records a customer's text as the domain would (at the current virtual time).
void RecordInboundText(LoopbackServer& server, const std::string& wamid, const std::string& text) {
  InboundReceived e;
  e.waba_id = D::kWabaId;
  e.phone_number_id = D::kPhoneNumberId;
  e.from = D::kCustomerWaId;
  e.profile_name = "Sheena Nelson";
  e.wamid = wamid;
  e.type = "text";
  e.content = Json::object({{"body", text}});
  RecordFact(server.sim(), std::move(e));
}

Json Journal(LoopbackServer& server, const std::string& query = "") {
  auto r = server.client().Get(("/_sim/webhooks" + query).c_str());
  EXPECT_TRUE(r && r->status == 200);
  return ParseOrDie(r->body)["data"];
}

std::string FirstId(const std::string& body) {
  Json j = Json::parse(body);
  const Json& v = j["entry"][0]["changes"][0]["value"];
  return v.contains("statuses") ? v["statuses"][0]["id"] : v["messages"][0]["id"];
}

TEST(WebhooksDeliveryTest, ReceiverVerifiesSignatureOverEscapedNonAsciiAndSlash) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()));
  RecordInboundText(server, "wamid.in1", "caf\xC3\xA9 \xF0\x9F\x98\x80 see https://x.test/a/b");
  ASSERT_EQ(server.Advance("1s")->status, 200);
  auto posts = rx.posts();
  ASSERT_EQ(posts.size(), 1u);
  const auto& p = posts[0];
  EXPECT_TRUE(VerifySignatureHeader(kSecret, p.body, p.signature)) << p.signature;
  EXPECT_FALSE(VerifySignatureHeader("other-secret", p.body, p.signature));
  EXPECT_NE(p.body.find(R"(caf\u00e9 \ud83d\ude00 see https:\/\/x.test\/a\/b)"), std::string::npos) << p.body;
  EXPECT_EQ(p.body.find("\xC3\xA9"), std::string::npos);  // no raw UTF-8 on the wire
  EXPECT_EQ(p.user_agent, "facebookexternalua");
  EXPECT_EQ(p.content_type, "application/json");
  EXPECT_EQ(p.content_length, std::to_string(p.body.size()));
  EXPECT_EQ(p.path, "/webhook");
}

TEST(WebhooksDeliveryTest, GraphSendProducesSentDeliveredReadInOrder) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()));
  auto res = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  ASSERT_EQ(res->status, 200) << res->body;
  std::string wamid = ParseOrDie(res->body)["messages"][0]["id"];
  ASSERT_EQ(server.Advance("30s")->status, 200);
  std::vector<std::string> statuses;
  for (const auto& p : rx.posts()) {
    EXPECT_TRUE(VerifySignatureHeader(kSecret, p.body, p.signature));
    Json v = Json::parse(p.body)["entry"][0]["changes"][0]["value"];
    if (!v.contains("statuses")) continue;
    EXPECT_EQ(v["statuses"][0]["id"], wamid);
    statuses.push_back(v["statuses"][0]["status"]);
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"sent", "delivered", "read"}));
}

TEST(WebhooksDeliveryTest, Receiver500IsRetriedOnTheWholeScheduleThenGivenUp) {
  WebhookReceiver rx;
  rx.set_status(500);
  LoopbackServer server(ConfigFor(rx.url()));
  TimeMs t0 = server.sim().clock().Now();
  RecordInboundText(server, "wamid.r1", "retry me");
  ASSERT_EQ(server.Advance("37h")->status, 200);
  auto schedule = webhooks::RetryPolicy{}.Schedule();
  EXPECT_EQ(rx.posts().size(), schedule.size());
  Json d = Journal(server)[0];
  EXPECT_EQ(d["state"], "given_up");
  ASSERT_EQ(d["attempts"].size(), schedule.size());
  for (size_t i = 0; i < schedule.size(); ++i) {
    EXPECT_EQ(d["attempts"][i]["at"], FormatIso8601(t0 + schedule[i]));
    EXPECT_EQ(d["attempts"][i]["response_status"], 500);
    Json next = d["attempts"][i]["next_retry_at"];
    if (i + 1 < schedule.size())
      EXPECT_EQ(next, FormatIso8601(t0 + schedule[i + 1]));
    else
      EXPECT_TRUE(next.is_null());
  }
}

TEST(WebhooksDeliveryTest, UnreachableCallbackIsRetriedAndNothingIsLostWhenItComesBack) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/hook"));
  for (int i = 0; i < 5; ++i) {
    RecordInboundText(server, "wamid.lost" + std::to_string(i), "m" + std::to_string(i));
    ASSERT_EQ(server.Advance("1s")->status, 200);
  }
  Json pending = Journal(server, "?state=pending");
  ASSERT_EQ(pending.size(), 5u);
  EXPECT_NE(pending[0]["attempts"][0]["error"].get<std::string>().find("connection"), std::string::npos);
  EXPECT_TRUE(pending[0]["attempts"][0]["response_status"].is_null());
  // The receiver comes back at another URL (retries follow the app's callback).
  EditWorld(server.sim(), WorldBuilder().EditApp(D::kAppId, [&](App& app) { app.callback_url = rx.url(); }));
  ASSERT_EQ(server.Advance("2h")->status, 200);
  std::vector<std::string> got;
  for (const auto& p : rx.posts()) got.push_back(FirstId(p.body));
  // Every event arrives, in order (one customer: a failing event holds those behind it).
  ASSERT_EQ(got.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(got[i], "wamid.lost" + std::to_string(i));
  EXPECT_EQ(Journal(server, "?state=pending").size(), 0u);
}

TEST(WebhooksDeliveryTest, HangingReceiverNeverBlocksTheApi) {
  // The receiver holds the delivery until the test releases it: no timing involved.
  WebhookReceiver rx;
  rx.Hold();
  LoopbackServer server(ConfigFor(rx.url(), 30000));
  RecordInboundText(server, "wamid.slow", "slow");
  auto advance = std::async(std::launch::async, [&] {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(60, 0);
    auto r = c.Post("/_sim/clock/advance", R"({"by":"1s"})", "application/json");
    return r ? r->status : -1;
  });
  while (rx.waiting() == 0) std::this_thread::yield();  // the delivery is now in flight
  httplib::Client c("127.0.0.1", server.port());
  auto health = c.Get("/_sim/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto graph = server.GetGraph(D::kPhoneNumberId);
  ASSERT_TRUE(graph);
  EXPECT_EQ(graph->status, 200);
  EXPECT_EQ(advance.wait_for(std::chrono::seconds(0)), std::future_status::timeout);  // still delivering
  rx.Release();
  EXPECT_EQ(advance.get(), 200);
  EXPECT_EQ(Journal(server)[0]["state"], "delivered");
}

TEST(WebhooksDeliveryTest, SlowReceiverIsCutByTheAttemptTimeoutAndRetried) {
  WebhookReceiver rx;
  rx.set_delay_ms(4000);
  LoopbackServer server(ConfigFor(rx.url(), 1000));
  RecordInboundText(server, "wamid.slow", "slow");
  ASSERT_EQ(server.Advance("1s")->status, 200);
  Json d = Journal(server)[0];
  EXPECT_EQ(d["state"], "pending");
  ASSERT_GE(d["attempts"].size(), 1u);
  EXPECT_NE(d["attempts"][0]["error"].get<std::string>().find("timeout"), std::string::npos);
  EXPECT_FALSE(d["next_attempt_at"].is_null());
}

TEST(WebhooksDeliveryTest, ConnectionClosedWithoutResponseIsRetried) {
  ClosingListener closer;
  LoopbackServer server(ConfigFor("http://127.0.0.1:" + std::to_string(closer.port()) + "/x"));
  RecordInboundText(server, "wamid.closed", "x");
  ASSERT_EQ(server.Advance("1m")->status, 200);
  Json d = Journal(server)[0];
  EXPECT_EQ(d["state"], "pending");
  EXPECT_GE(d["attempts"].size(), 3u);
  EXPECT_FALSE(d["attempts"][0]["error"].is_null());
  EXPECT_FALSE(d["next_attempt_at"].is_null());
}

TEST(WebhooksDeliveryTest, HugeResponseBodyCostsBoundedMemory) {
  WebhookReceiver rx;
  rx.set_huge_body(size_t{512} << 20);  // 512 MiB, streamed by the receiver
  LoopbackServer server(ConfigFor(rx.url()));
  long before = ResidentKib();
  RecordInboundText(server, "wamid.huge", "x");
  ASSERT_EQ(server.Advance("1s")->status, 200);
  Json d = Journal(server)[0];
  EXPECT_EQ(d["state"], "delivered");
  EXPECT_LE(d["attempts"][0]["response_body"].get<std::string>().size(), 512u);
  EXPECT_LT(ResidentKib() - before, 128 * 1024);
}

TEST(WebhooksDeliveryTest, FailingDeliveriesLeakNoThreads) {
  LoopbackServer server(ConfigFor("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/x"));
  ASSERT_EQ(server.Advance("1s")->status, 200);
  size_t before = ThreadCount();
  for (int i = 0; i < 20; ++i) {
    RecordInboundText(server, "wamid.t" + std::to_string(i), "x");
    ASSERT_EQ(server.Advance("1h")->status, 200);
  }
  EXPECT_LE(ThreadCount(), before + 2);
  EXPECT_EQ(Journal(server, "?state=pending").size(), 20u);
}

TEST(WebhooksDeliveryTest, AdminRedeliverSendsTheJournaledBodyAgain) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()));
  RecordInboundText(server, "wamid.again", "again");
  ASSERT_EQ(server.Advance("1s")->status, 200);
  std::string id = Journal(server)[0]["id"];
  auto r = server.client().Post(("/_sim/webhooks/" + id + "/redeliver").c_str(), "", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(ParseOrDie(r->body)["redelivery_of"], id);
  auto posts = rx.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[1].body, posts[0].body);
  EXPECT_EQ(posts[1].signature, posts[0].signature);
  EXPECT_EQ(server.client().Post("/_sim/webhooks/whd_424242/redeliver", "", "application/json")->status, 404);
  EXPECT_EQ(Journal(server, "?wamid=wamid.again").size(), 2u);
  EXPECT_EQ(server.client().Get("/_sim/webhooks?state=bogus")->status, 400);
}

}  // namespace
}  // namespace wasim::testing
