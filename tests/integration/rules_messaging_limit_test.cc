// Portfolio messaging limits: unique users reached by templates outside the
// window in a rolling 24 h, and automatic scaling within 6 h.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

void UseHighThroughput(LoopbackServer& s) {
  ASSERT_EQ(
      Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"throughput_level":"HIGH"})")
          ->status,
      200);
}

TEST(RulesMessagingLimitTest, The251stUniqueUserFailsUntilTheRollingDayMovesOn) {
  Rig rig;
  LoopbackServer& s = rig.server;
  UseHighThroughput(s);
  std::string last_allowed;
  for (int i = 0; i < 250; ++i) {
    auto r = SendTemplate(s, User(i));
    ASSERT_EQ(r->status, 200) << i;
    last_allowed = WamidOf(r);
  }
  TimeMs t0 = Now(s);
  auto r = SendTemplate(s, User(250));
  ASSERT_EQ(r->status, 200) << r->body;  // Assumption: accepted, then failed
  std::string over = WamidOf(r);
  std::string repeat = WamidOf(SendTemplate(s, User(0)));  // repeats count once
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, over), static_cast<int>(ErrorCode::kSpamRateLimit));
  EXPECT_NE(StatusOf(s, repeat), "failed");
  // Webhooks: the 250th unique user is served, the 251st gets the breach code
  // (131048 by default: our assumption, Meta names none) as a failed status.
  EXPECT_EQ(StatusNamesOf(rig.rx, last_allowed), kSentDeliveredRead);
  EXPECT_EQ(StatusNamesOf(rig.rx, over), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, over, ErrorCode::kSpamRateLimit, FailureTime(s, t0)));
  EXPECT_EQ(StatusNamesOf(rig.rx, repeat), kSentDeliveredRead);
  // Users inside an open window are not counted.
  ASSERT_EQ(Inbound(s, User(300))->status, 200);
  std::string in_window = WamidOf(SendTemplate(s, User(300)));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, in_window), "failed");
  EXPECT_TRUE(SentWithoutFailure(rig.rx, in_window));
  // Cross the rolling day (the first 250 were reached at t0; we are at t0 + 20 s).
  AdvanceSeconds(s, 86379.999);
  TimeMs still_at = Now(s);
  std::string still = WamidOf(SendTemplate(s, User(251)));
  AdvanceSeconds(s, 0.001);
  std::string freed = WamidOf(SendTemplate(s, User(252)));
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, still), static_cast<int>(ErrorCode::kSpamRateLimit));
  EXPECT_NE(StatusOf(s, freed), "failed");
  EXPECT_TRUE(FailedWebhookIs(rig.rx, still, ErrorCode::kSpamRateLimit, FailureTime(s, still_at)));
  EXPECT_EQ(StatusNamesOf(rig.rx, freed), kSentDeliveredRead);
  EXPECT_EQ(PricingWebhookOf(rig.rx, freed), Pricing(true, "regular", "utility"));
}

TEST(RulesMessagingLimitTest, BreachCodeAndSurfaceAreOverridable) {
  Rig rig;
  LoopbackServer& s = rig.server;
  UseHighThroughput(s);
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"messaging_limit":{"code":131056,"surface":"sync"}})")->status, 200);
  for (int i = 0; i < 250; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(250)), ErrorCode::kPairRateLimit);
  s.Advance("10s");
  EXPECT_EQ(StatusWebhookIdsTo(rig.rx, User(249)).size(), 1u);
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(250)).empty());  // sync: no status webhook at all
}

// The scaling decision is announced by management webhooks (Meta's
// business_capability_update and phone_number_quality_update fields).
TEST(RulesMessagingLimitTest, HalfTheLimitUsedUpgradesOneLevelAtTheSixthHour) {
  Rig rig;
  LoopbackServer& s = rig.server;
  EditWorld(s.sim(), WorldBuilder().EditApp(D::kAppId, [](App& app) {
    app.subscribed_fields.push_back("business_capability_update");
    app.subscribed_fields.push_back("phone_number_quality_update");
  }));
  UseHighThroughput(s);
  auto p = Patch(s, BusinessPath(), R"({"messaging_limit":2000})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["messaging_limit_tier"], "TIER_2K");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  s.Advance("5h");
  AdvanceSeconds(s, 3599.999);
  EXPECT_EQ(ParseOrDie(s.client().Get(BusinessPath().c_str())->body)["messaging_limit"], 2000);
  auto tiers = [&] {
    std::vector<std::string> out;
    for (const auto& v : ManagementValues(rig.rx, "business_capability_update"))
      out.push_back(v["max_daily_conversations_per_business"]);
    return out;
  };
  EXPECT_EQ(tiers(), (std::vector<std::string>{"TIER_2K"}));  // only the PATCH so far
  AdvanceSeconds(s, 0.001);
  Json b = ParseOrDie(s.client().Get(BusinessPath().c_str())->body);
  EXPECT_EQ(b["messaging_limit"], 10000);
  // Meta: the field exists from v24.0 (changelog).
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + D::kAccessToken}};
  auto g = s.client().Get(
      (std::string("/v24.0/") + D::kPhoneNumberId + "?fields=whatsapp_business_manager_messaging_limit")
          .c_str(),
      auth);
  EXPECT_EQ(ParseOrDie(g->body)["whatsapp_business_manager_messaging_limit"], "TIER_10K");
  EXPECT_EQ(tiers(), (std::vector<std::string>{"TIER_2K", "TIER_10K"}));
  auto quality = ManagementValues(rig.rx, "phone_number_quality_update");
  ASSERT_FALSE(quality.empty());
  EXPECT_EQ(quality.back()["max_daily_conversations_per_business"], "TIER_10K");
  EXPECT_EQ(quality.back()["event"], "UPGRADE");  // Assumption (Meta's older value)
}

TEST(RulesMessagingLimitTest, VerifyingTheBusinessIsAScalingPathTo2000) {
  LoopbackServer s;
  auto p = Patch(s, BusinessPath(), R"({"verified":true})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["messaging_limit"], 2000);
}

TEST(RulesMessagingLimitTest, InvalidPatchIs400AndChangesNothing) {
  LoopbackServer s;
  for (const char* body : {R"({"messaging_limit":1000})", R"({"messaging_limit":"lots"})",
                           R"({"payment_method_ok":false,"colour":"red"})", R"({"payment_method_ok":"no"})",
                           R"([true])", "{not json"}) {
    auto r = Patch(s, BusinessPath(), body);
    EXPECT_EQ(r->status, 400) << body << " -> " << r->body;
  }
  Json b = ParseOrDie(s.client().Get(BusinessPath().c_str())->body);
  EXPECT_EQ(b["messaging_limit"], 250);
  EXPECT_EQ(b["payment_method_ok"], true);
  EXPECT_EQ(Patch(s, "/_sim/businesses/404404", R"({"verified":true})")->status, 404);
}

}  // namespace
}  // namespace wasim::testing
