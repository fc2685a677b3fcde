// account_update VOLUME_BASED_PRICING_TIER_UPDATE (Meta: pricing, "Tiering
// webhooks", from October 1, 2025): raised by the operator, checked, and
// rendered as Meta's example.
#include <gtest/gtest.h>

#include "simulator/domain/accounts/account_events.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/payloads.h"
#include "tests/support/fact_tap.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

using D = DefaultIds;

class VolumeTierTest : public ::testing::Test {
 protected:
  VolumeTierTest() : clock_(std::make_shared<ManualClock>(1743451903000)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  Status Raise(const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) { return accounts::RaiseAccountEvent(ctx, D::kWabaId, body); });
  }
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(VolumeTierTest, TheWebhookIsMetasExampleByteForByte) {
  ASSERT_TRUE(Raise({{"event", "VOLUME_BASED_PRICING_TIER_UPDATE"},
                     {"pricing_category", "UTILITY"},
                     {"tier", "25000001:50000000"},
                     {"effective_month", "2025-11"},
                     {"region", "India"}}));
  auto facts = tap_->TimedOf<AccountUpdated>();
  ASSERT_EQ(facts.size(), 1u);
  Fact fact;
  fact.at = facts[0].at;
  fact.body = facts[0].fact;
  auto events = WebhookEventsOf(fact);
  ASSERT_EQ(events.size(), 1u);
  Json ours = Envelope(events[0].waba_id, {Change{events[0].field, RenderValue(events[0], {}, "v24.0")}},
                       events[0].at);
  Json want = ::wasim::testing::LoadFixture("webhooks/account_update_volume_tier.json");
  const Json& want_value = want["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(DumpMeta(ours["entry"][0]["changes"][0]["value"]), DumpMeta(want_value));
  EXPECT_EQ(ours["entry"][0]["time"], want["entry"][0]["time"]);
  EXPECT_EQ(ours["entry"][0]["changes"][0]["field"], "account_update");
}

TEST_F(VolumeTierTest, TheMonthDefaultsToTheVirtualMonthAndBadFieldsChangeNothing) {
  ASSERT_TRUE(Raise({{"event", "VOLUME_BASED_PRICING_TIER_UPDATE"},
                     {"pricing_category", "AUTHENTICATION"},
                     {"tier", "0:1000000"},
                     {"region", "Brazil"}}));
  auto facts = tap_->Of<AccountUpdated>();
  ASSERT_EQ(facts.size(), 1u);
  ASSERT_TRUE(facts[0].volume_tier);
  EXPECT_EQ(facts[0].volume_tier->effective_month, "2025-03");

  Json base = {{"event", "VOLUME_BASED_PRICING_TIER_UPDATE"},
               {"pricing_category", "UTILITY"},
               {"tier", "1:2"},
               {"region", "India"}};
  auto refused = [&](const char* key, Json value, const char* words) {
    Json b = base;
    b[key] = std::move(value);
    Status s = Raise(b);
    ASSERT_FALSE(s) << key;
    EXPECT_NE(s.error().details.find(words), std::string::npos) << s.error().details;
  };
  refused("pricing_category", "SERVICE", "pricing_category");
  refused("tier", "50000000:1", "tier");
  refused("tier", "many", "tier");
  refused("effective_month", "2025-13", "effective_month");
  refused("region", "", "region");
  refused("colour", "blue", "unknown field");
  EXPECT_EQ(tap_->Of<AccountUpdated>().size(), 1u);
}

}  // namespace
}  // namespace wasim::webhooks
