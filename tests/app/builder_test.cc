// SimulatorBuilder: a simulator from a seed, a clock, a webhook sender and a
// world, in-process or listening; `wasim serve` flags map onto the same builder.
#include "simulator/app/builder.h"

#include <gtest/gtest.h>

#include "simulator/app/wiring.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/test_support.h"
#include "tests/webhooks/fake_sender.h"

namespace wasim {
namespace {

using D = DefaultIds;

HttpRequest SendText(const std::string& to) {
  HttpRequest r;
  r.method = "POST";
  r.path = std::string("/v23.0/") + D::kPhoneNumberId + "/messages";
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  r.headers.emplace("content-type", "application/json");
  r.body = R"({"messaging_product":"whatsapp","to":")" + to + R"(","type":"text","text":{"body":"hi"}})";
  return r;
}

TEST(SimulatorBuilderTest, InProcessWithAnInjectedSenderClockAndWorld) {
  auto clock = std::make_shared<ManualClock>(kDefaultManualStart);
  auto sender = std::make_shared<webhooks::testing::FakeSender>();
  auto world = DefaultWorld()
                   .EditApp(D::kAppId, [](App& a) { a.callback_url = "http://receiver.test/hook"; })
                   .EditRelation(D::kPhoneNumberId, D::kCustomerWaId,
                                 [](CustomerRelation& r) { r.last_inbound_at = kDefaultManualStart; });
  auto instance = SimulatorBuilder().Seed(7).Clock(clock).WebhookSender(sender).World(world).Build();
  EXPECT_EQ(instance->port(), -1);  // no listener
  EXPECT_EQ(instance->Start(), 0);
  HttpResponse sent = instance->pipeline().Handle(SendText(D::kCustomerWaId));
  ASSERT_EQ(sent.status, 200) << sent.body;
  instance->sim().AdvanceBy(kMinute);
  // The statuses went to the injected sender at the world's callback, on the injected clock.
  auto calls = sender->calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls[0].url, "http://receiver.test/hook");
  EXPECT_EQ(&instance->sim().clock(), clock.get());
}

TEST(SimulatorBuilderTest, TheSeedDecidesTheIds) {
  auto wamid = [](std::uint64_t seed) {
    auto instance = SimulatorBuilder().Seed(seed).Build();
    Json body = Json::parse(instance->pipeline().Handle(SendText(D::kCustomerWaId)).body);
    return body["messages"][0]["id"].get<std::string>();
  };
  EXPECT_EQ(wamid(1), wamid(1));
  EXPECT_NE(wamid(1), wamid(2));
}

TEST(SimulatorBuilderTest, ABadWorldIsAValueOrAnException) {
  PhoneNumber orphan;
  orphan.id = "9";
  orphan.waba_id = "404";
  orphan.display_phone_number = "15550001111";
  SimulatorBuilder b;
  b.World(DefaultWorld().Add(orphan));
  std::string problem;
  EXPECT_EQ(b.Build(&problem), nullptr);
  EXPECT_EQ(problem, "invalid world: phone_number 9: waba 404 does not exist");
  EXPECT_THROW(b.Build(), std::invalid_argument);
}

TEST(SimulatorBuilderTest, ResetRestoresTheBuildersWorld) {
  auto instance =
      SimulatorBuilder()
          .World(DefaultWorld().EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 2000; }))
          .Build();
  auto limit = [&] {
    return instance->sim().WithLock(
        [](Ctx& ctx) { return ctx.state.accounts.businesses.at(D::kBusinessId).messaging_limit; });
  };
  ASSERT_FALSE(instance->sim().ApplyWorld(
      WorldBuilder().EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 250; })));
  EXPECT_EQ(limit(), 250);
  instance->sim().Reset();
  EXPECT_EQ(limit(), 2000);
}

TEST(SimulatorBuilderTest, ServeFlagsBecomeTheDefaultAppsWebhookAndAListener) {
  ServeConfig c;
  c.port = 0;
  c.clock = "manual";
  c.webhook_url = "http://127.0.0.1:9/hook";
  c.app_secret = "s3cret";
  auto instance = SimulatorBuilder::FromConfig(c).Build();
  int port = instance->Start();
  EXPECT_GT(port, 0);
  instance->sim().WithLock([](Ctx& ctx) {
    const App& app = ctx.state.accounts.apps.at(D::kAppId);
    EXPECT_EQ(app.callback_url, "http://127.0.0.1:9/hook");
    EXPECT_EQ(app.secret, "s3cret");
    EXPECT_TRUE(app.verify_token.empty());  // not given: unchanged
  });
  httplib::Client client("127.0.0.1", port);
  auto r = client.Get("/_sim/clock");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  instance->Stop();
}

}  // namespace
}  // namespace wasim
