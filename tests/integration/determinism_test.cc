// Exact time: two servers with the same seed, driven side by side over HTTP
// through the same calls (a real outbox and real receivers, a failing
// delivery and its retries, an undeliverable customer, a 30-day advance),
// produce byte-identical webhook bodies, ids and journals.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>

#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

struct Side {
  WebhookReceiver rx;
  std::unique_ptr<LoopbackServer> server;

  Side() {
    ServeConfig c;
    c.seed = 7;
    c.webhook_url = rx.url();
    c.app_secret = "determinism-secret";
    server = std::make_unique<LoopbackServer>(c);
  }
  std::string Call(const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Headers h = {{"Authorization", std::string("Bearer ") + D::kAccessToken}};
    auto r = method == "GET"   ? server->client().Get(path.c_str(), h)
             : method == "PUT" ? server->client().Put(path.c_str(), h, body, "application/json")
                               : server->client().Post(path.c_str(), h, body, "application/json");
    EXPECT_TRUE(r) << path;
    return r ? std::to_string(r->status) + " " + r->body : "no response";
  }
};

// The receivers' ports differ between the sides; nothing else may.
std::string WithoutPorts(const std::string& s) {
  return std::regex_replace(s, std::regex(R"(127\.0\.0\.1:\d+)"), "127.0.0.1:PORT");
}

// Journals also record real latencies, which differ run to run.
std::string WithoutLatencies(const std::string& s) {
  return std::regex_replace(s, std::regex(R"("latency_ms": \d+)"), R"("latency_ms": 0)");
}

TEST(DeterminismTest, SameSeedSameCallsGiveIdenticalWebhooksIdsAndJournals) {
  Side a, b;
  std::vector<std::pair<std::string, std::string>> answers;  // (a, b) per call
  auto both = [&](const std::string& method, const std::string& path, const std::string& body = "") {
    answers.emplace_back(a.Call(method, path, body), b.Call(method, path, body));
  };
  const std::string phone = D::kPhoneNumberId;
  a.rx.set_status(500);  // the first deliveries fail and are retried
  b.rx.set_status(500);
  both("PUT", "/_sim/customers/16505550999", R"({"state":"not_on_whatsapp"})");
  both("POST", "/_sim/inbound",
       R"({"from":")" + std::string(D::kCustomerWaId) + R"(","phone_number_id":")" + phone +
           R"(","type":"text","text":{"body":"hello"}})");
  both("POST", "/v23.0/" + phone + "/messages",
       R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
           R"(","type":"text","text":{"body":"hi there"}})");
  both("POST", "/v23.0/" + phone + "/messages",
       R"({"messaging_product":"whatsapp","to":"16505550999","type":"template",
           "template":{"name":"hello_world","language":{"code":"en_US"}}})");
  both("POST", "/_sim/clock/advance", R"({"by":"2m"})");
  a.rx.set_status(200);
  b.rx.set_status(200);
  both("POST", "/_sim/clock/advance", R"({"by":"30d"})");
  both("GET", "/_sim/messages");
  both("GET", "/_sim/webhooks?limit=1000");
  both("GET", "/_sim/events?limit=1000");

  for (const auto& [x, y] : answers)
    EXPECT_EQ(WithoutLatencies(WithoutPorts(x)), WithoutLatencies(WithoutPorts(y)));
  auto pa = a.rx.posts(), pb = b.rx.posts();
  ASSERT_EQ(pa.size(), pb.size());
  EXPECT_GE(pa.size(), 6u);  // failed attempts, retries, statuses, the inbound message
  for (size_t i = 0; i < pa.size(); ++i) {
    EXPECT_EQ(pa[i].body, pb[i].body) << i;
    EXPECT_EQ(pa[i].signature, pb[i].signature) << i;
  }
  // The story really happened: a retried delivery, a 131026 failure, a delivered reply.
  std::string journal = answers[answers.size() - 2].first;
  EXPECT_NE(journal.find("\"next_retry_at\""), std::string::npos);
  std::string messages = answers[answers.size() - 3].first;
  EXPECT_NE(messages.find("131026"), std::string::npos) << messages;
  EXPECT_NE(messages.find("delivered"), std::string::npos) << messages;
}

// Manual clock: no ticker; what a request makes due now (here an inbound
// message's webhook) is delivered before its response returns.
TEST(ExactTimeTest, ARequestReturnsAfterTheWebhooksItMadeDueNow) {
  Side s;
  std::string r = s.Call("POST", "/_sim/inbound",
                         R"({"from":")" + std::string(D::kCustomerWaId) + R"(","phone_number_id":")" +
                             D::kPhoneNumberId + R"(","type":"text","text":{"body":"now"}})");
  ASSERT_EQ(r.substr(0, 3), "200") << r;
  auto posts = s.rx.posts();  // no advance, no waiting
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].body.find("\"body\":\"now\""), std::string::npos) << posts[0].body;
}

// A bot that answers from inside its webhook handler: its send's settle finds
// the server busy delivering the inbound webhook, so the request being settled
// processes the reply's `sent` (due at once here) before it answers. Nothing
// is left waiting for a later request.
TEST(ExactTimeTest, AReplySentFromTheWebhookHandlerIsSettledBeforeTheOuterRequestAnswers) {
  Side s;
  EditWorld(s.server->sim(), WorldBuilder().EditConfig([](SimConfig& c) { c.sent_latency = 0; }));
  std::atomic<int> replies{0};
  s.rx.set_on_post([&](const std::string& body) {
    if (body.find("\"messages\":[") == std::string::npos || replies++) return;  // the inbound message only
    httplib::Client c("127.0.0.1", s.server->port());
    c.Post(("/v23.0/" + std::string(D::kPhoneNumberId) + "/messages").c_str(),
           {{"Authorization", std::string("Bearer ") + D::kAccessToken}},
           R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
               R"(","type":"text","text":{"body":"auto-reply"}})",
           "application/json");
  });
  std::string r = s.Call("POST", "/_sim/inbound",
                         R"({"from":")" + std::string(D::kCustomerWaId) + R"(","phone_number_id":")" +
                             D::kPhoneNumberId + R"(","type":"text","text":{"body":"hello bot"}})");
  ASSERT_EQ(r.substr(0, 3), "200") << r;
  ASSERT_EQ(replies.load(), 1);
  auto posts = s.rx.posts();  // no advance, no waiting
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_NE(posts[1].body.find("\"status\":\"sent\""), std::string::npos) << posts[1].body;
}

}  // namespace
}  // namespace wasim::testing
