// account_alerts (Meta: webhooks/reference/account_alerts): raised by the
// operator with Meta's types, rendered as Meta's example, checked, and a lost
// profile picture is gone from the business profile.
#include "simulator/domain/accounts/account_alerts.h"

#include <gtest/gtest.h>

#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/payloads.h"
#include "tests/support/fact_tap.h"
#include "tests/support/golden_json.h"
#include "tests/support/world.h"

namespace wasim::webhooks {
namespace {

using D = DefaultIds;

class AccountAlertsTest : public ::testing::Test {
 protected:
  AccountAlertsTest() : clock_(std::make_shared<ManualClock>(1745612159000)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  Status Raise(const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) { return accounts::RaiseAccountAlert(ctx, D::kWabaId, body); });
  }
  Json Sent() {
    auto facts = tap_->All();
    EXPECT_EQ(facts.size(), 1u);
    auto events = WebhookEventsOf(facts.at(0));
    EXPECT_EQ(events.size(), 1u);
    const WebhookEvent& e = events.at(0);
    return Envelope(e.waba_id, {Change{e.field, RenderValue(e, {}, "v24.0")}}, e.at);
  }
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(AccountAlertsTest, TheDeferredIncreaseIsMetasExampleByteForByte) {
  Json want = ::wasim::testing::LoadFixture("webhooks/account_alerts_deferred.json");
  const Json& info = want["entry"][0]["changes"][0]["value"]["alert_info"];
  ASSERT_TRUE(Raise({{"alert_type", "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"},
                     {"alert_description", info["alert_description"]}}));
  Json ours = Sent();
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST_F(AccountAlertsTest, DefaultsNameThePortfolioAndMetasText) {
  ASSERT_TRUE(Raise({{"alert_type", "INCREASED_CAPABILITIES_ELIGIBILITY_FAILED"}}));
  const Json v = Sent()["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(v["entity_type"], "BUSINESS");
  EXPECT_EQ(v["entity_id"], D::kBusinessId);
  EXPECT_EQ(v["alert_info"]["alert_severity"], "CRITICAL");
  EXPECT_EQ(v["alert_info"]["alert_status"], "ACTIVE");
  EXPECT_EQ(v["alert_info"]["alert_description"],
            "Based on your activity, limits cannot be increased for your business. Contact support for more "
            "information.");
}

TEST_F(AccountAlertsTest, ALostProfilePictureIsRemovedFromTheProfile) {
  wasim::testing::EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) {
    p.business_profile.profile_picture_url = "https://pps/x.jpg";
  }));
  ASSERT_TRUE(Raise({{"alert_type", "PROFILE_PICTURE_LOST"}}));
  const Json v = Sent()["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(v["entity_type"], "CURRENT_STATUS_ID");
  EXPECT_EQ(v["entity_id"], D::kPhoneNumberId);
  EXPECT_EQ(v["alert_info"]["alert_description"], "Please reupload your profile picture");
  sim_->WithLock([](Ctx& ctx) {
    EXPECT_TRUE(
        ctx.state.accounts.FindPhone(D::kPhoneNumberId)->business_profile.profile_picture_url.empty());
  });
}

TEST_F(AccountAlertsTest, BadBodiesChangeNothing) {
  for (const Json& bad :
       {Json({{"alert_type", "SOMETHING"}}), Json({{"alert_type", "OBA_APPROVED"}, {"x", 1}}),
        Json({{"alert_type", "OBA_APPROVED"}, {"alert_severity", "LOW"}}),
        Json({{"alert_type", "OBA_APPROVED"}, {"entity_id", "999"}}),
        Json({{"alert_type", "OBA_APPROVED"}, {"alert_status", "GONE"}}), Json::array()}) {
    EXPECT_FALSE(Raise(bad)) << bad.dump();
  }
  EXPECT_TRUE(tap_->All().empty());
}

}  // namespace
}  // namespace wasim::webhooks
