// WebhookReceiver: the signature check an app must make, scripted answers and
// their effect on the simulator's retries, the verification GET.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "wasim/testing.h"

namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::Not;
using ::testing::SizeIs;
using wasim::testing::Answer;
using wasim::testing::ReceivedWebhook;
using wasim::testing::SignatureValid;
using wasim::testing::StatusWebhook;
using wasim::testing::WebhookReceiver;
using namespace std::chrono_literals;

httplib::Result ReceiverPost(const WebhookReceiver& r, const std::string& body,
                             const std::string& signature) {
  httplib::Client c("127.0.0.1", r.port());
  httplib::Headers h;
  if (!signature.empty()) h.emplace("X-Hub-Signature-256", signature);
  return c.Post("/webhook", h, body, "application/json");
}

TEST(WebhookReceiverSignature, SignIsHexHmacSha256) {
  // RFC 4231 test case 2 (key "Jefe").
  EXPECT_EQ(WebhookReceiver::Sign("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const std::string body = R"({"object":"whatsapp_business_account"})";
  const std::string good = WebhookReceiver::Sign("s3cret", body);
  EXPECT_TRUE(WebhookReceiver::VerifySignature("s3cret", body, good));
  EXPECT_FALSE(WebhookReceiver::VerifySignature("other", body, good));
  EXPECT_FALSE(WebhookReceiver::VerifySignature("s3cret", body + " ", good));
  EXPECT_FALSE(WebhookReceiver::VerifySignature("s3cret", body, good.substr(7)));  // no "sha256="
  EXPECT_FALSE(WebhookReceiver::VerifySignature("s3cret", body, ""));
}

TEST(WebhookReceiverSignature, RecordsWhetherEachDeliveryIsSignedWithTheAppSecret) {
  WebhookReceiver receiver("s3cret");
  const std::string body = R"({"object":"whatsapp_business_account","entry":[]})";
  ASSERT_TRUE(ReceiverPost(receiver, body, WebhookReceiver::Sign("s3cret", body)));
  ASSERT_TRUE(ReceiverPost(receiver, body, WebhookReceiver::Sign("forged", body)));
  ASSERT_TRUE(ReceiverPost(receiver, body, ""));
  auto got = receiver.Deliveries();
  ASSERT_THAT(got, SizeIs(3));
  EXPECT_TRUE(got[0].signature_valid);
  EXPECT_FALSE(got[1].signature_valid);
  EXPECT_FALSE(got[2].signature_valid);
  EXPECT_EQ(got[2].signature, "");
  EXPECT_EQ(got[0].headers.at("content-type"), "application/json");
}

TEST(WebhookReceiverSignature, TheSimulatorsDeliveriesVerifyOnlyWithItsSecret) {
  WebhookReceiver right(wasim::EmbeddedSimulator::DefaultAppSecret());
  WebhookReceiver wrong("not-the-app-secret");
  for (WebhookReceiver* r : {&right, &wrong}) {
    wasim::EmbeddedSimulator::Options o;
    o.webhook_url = r->url();
    std::string error;
    auto sim = wasim::EmbeddedSimulator::Start(o, &error);
    ASSERT_TRUE(sim) << error;
    ASSERT_EQ(sim->CustomerWrites("hi").status, 200);
  }
  ASSERT_THAT(right.Deliveries(), SizeIs(1));
  ASSERT_THAT(wrong.Deliveries(), SizeIs(1));
  EXPECT_THAT(right.Deliveries(), Each(SignatureValid()));
  EXPECT_THAT(wrong.Deliveries(), Each(Not(SignatureValid())));
  // Same seed, same event: the same bytes, signed once, verified differently.
  EXPECT_EQ(right.Deliveries()[0].body, wrong.Deliveries()[0].body);
}

class ReceiverScriptTest : public wasim::testing::SimulatorTest {};

TEST_F(ReceiverScriptTest, A500ThenA200IsARetryTheReceiverSeesTwice) {
  receiver().Script({Answer{500}, Answer{200}});
  ASSERT_EQ(sim().CustomerWrites("hello?").status, 200);
  // Meta retries a failed delivery; attempt 2 is immediate (README: retry table).
  EXPECT_TRUE(AdvanceUntil([&] { return receiver().DeliveryCount() >= 2; }, 1h));
  auto got = receiver().Deliveries();
  ASSERT_THAT(got, SizeIs(2));
  EXPECT_EQ(got[0].body, got[1].body);
  EXPECT_EQ(got[0].answered_status, 500);
  EXPECT_EQ(got[1].answered_status, 200);
  auto journal = sim().Deliveries();
  ASSERT_THAT(journal, SizeIs(1));
  EXPECT_EQ(journal[0].state, "delivered");
  EXPECT_EQ(journal[0].attempts, 2);
  EXPECT_EQ(journal[0].last_response_status, 200);
}

TEST_F(ReceiverScriptTest, TheHandlerDecidesWhenNothingIsScripted) {
  int calls = 0;
  receiver().SetHandler([&](const ReceivedWebhook& w) { return ++calls == 1 ? 503 : 200; });
  ASSERT_EQ(sim().CustomerWrites("hello?").status, 200);
  EXPECT_TRUE(AdvanceUntil([&] { return receiver().DeliveryCount() >= 2; }, 1h));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(receiver().Deliveries()[0].answered_status, 503);
}

TEST_F(ReceiverScriptTest, ADefaultAnswerOfFailureIsRetriedOnTheVirtualClock) {
  receiver().SetDefaultAnswer(Answer{500});
  ASSERT_EQ(sim().CustomerWrites("hello?").status, 200);
  // Attempts 1 and 2 are immediate, attempt 3 after 15 s (README retry table).
  EXPECT_EQ(receiver().DeliveryCount(), 2u);
  const std::int64_t start = sim().NowMs();
  EXPECT_TRUE(AdvanceUntil([&] { return receiver().DeliveryCount() >= 3; }, 1h));
  EXPECT_EQ(sim().NowMs(), start + 15'000);
}

class SlowReceiverTest : public wasim::testing::SimulatorTest {
 protected:
  wasim::EmbeddedSimulator::Options SimulatorOptions() const override {
    wasim::EmbeddedSimulator::Options o;
    o.webhook_timeout = 300ms;
    return o;
  }
};

TEST_F(SlowReceiverTest, AnAnswerSlowerThanTheTimeoutCountsAsFailedAndIsRetried) {
  receiver().Script({Answer{200, 1500ms}});
  ASSERT_EQ(sim().CustomerWrites("hello?").status, 200);
  EXPECT_TRUE(AdvanceUntil([&] { return receiver().DeliveryCount() >= 2; }, 1h));
  auto journal = sim().Deliveries();
  ASSERT_THAT(journal, SizeIs(1));
  // The first attempt timed out although the receiver answered 200 (too late);
  // a loaded machine may time out a later one too, hence "at least".
  EXPECT_GE(journal[0].attempts, 2);
  EXPECT_EQ(journal[0].last_response_status, 200);
  EXPECT_EQ(journal[0].state, "delivered");
  EXPECT_EQ(receiver().Deliveries()[0].body, receiver().Deliveries()[1].body);
}

TEST(WebhookReceiverVerification, EchoesTheChallengeOnlyForTheVerifyToken) {
  WebhookReceiver receiver("s3cret", "my-token");
  httplib::Client c("127.0.0.1", receiver.port());
  auto ok = c.Get("/webhook?hub.mode=subscribe&hub.verify_token=my-token&hub.challenge=1158201444");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "1158201444");
  auto bad = c.Get("/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  EXPECT_THAT(receiver.Received(), SizeIs(2));
  EXPECT_THAT(receiver.Deliveries(), SizeIs(0));
}

TEST(WebhookReceiverWait, WaitsForDeliveriesWithARealTimeBound) {
  WebhookReceiver receiver("s3cret");
  EXPECT_FALSE(receiver.WaitForDeliveries(1, 10ms));
  ASSERT_TRUE(ReceiverPost(receiver, "{}", ""));
  EXPECT_TRUE(receiver.WaitForDeliveries(1, 10ms));
  receiver.Clear();
  EXPECT_EQ(receiver.DeliveryCount(), 0u);
}

// A delivery answered after Clear() forgot it does not touch what came after
// (review: the late answer used to write into the cleared record list).
TEST(WebhookReceiverClear, ALateAnswerAfterClearLandsNowhere) {
  WebhookReceiver r("s3cret");
  r.Script({{500, 300ms}});
  std::thread slow([&] { ReceiverPost(r, R"({"n":1})", ""); });
  while (r.DeliveryCount() == 0) std::this_thread::sleep_for(1ms);  // recorded on arrival, answered later
  r.Clear();
  ASSERT_TRUE(ReceiverPost(r, R"({"n":2})", ""));  // recorded after the clear, answered at once
  slow.join();
  auto all = r.Deliveries();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].body, R"({"n":2})");
  EXPECT_EQ(all[0].answered_status, 200);  // not the late 500 meant for the cleared one
  EXPECT_EQ(all[0].index, 0);
}

}  // namespace
