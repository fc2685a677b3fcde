// Portfolio messaging limits: unique users reached by templates outside the
// window in a rolling 24 h, and automatic scaling within 6 h.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

std::string BusinessPath() { return std::string("/_sim/businesses/") + D::kBusinessId; }

void UseHighThroughput(LoopbackServer& s) {
  ASSERT_EQ(Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"throughput_level":"HIGH"})")
                ->status,
            200);
}

TEST(RulesMessagingLimitTest, The251stUniqueUserFailsUntilTheRollingDayMovesOn) {
  LoopbackServer s;
  UseHighThroughput(s);
  for (int i = 0; i < 250; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  auto r = SendTemplate(s, User(250));
  ASSERT_EQ(r->status, 200) << r->body;  // Assumption: accepted, then failed
  std::string over = WamidOf(r);
  std::string repeat = WamidOf(SendTemplate(s, User(0)));  // repeats count once
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, over), static_cast<int>(ErrorCode::kSpamRateLimit));
  EXPECT_NE(StatusOf(s, repeat), "failed");
  // Users inside an open window are not counted.
  ASSERT_EQ(Inbound(s, User(300))->status, 200);
  std::string in_window = WamidOf(SendTemplate(s, User(300)));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, in_window), "failed");
  // Cross the rolling day (the first 250 were reached at t0; we are at t0 + 20 s).
  s.client().Post("/_sim/clock/advance", R"({"seconds":86379.999})", "application/json");
  std::string still = WamidOf(SendTemplate(s, User(251)));
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  std::string freed = WamidOf(SendTemplate(s, User(252)));
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, still), static_cast<int>(ErrorCode::kSpamRateLimit));
  EXPECT_NE(StatusOf(s, freed), "failed");
}

TEST(RulesMessagingLimitTest, BreachCodeAndSurfaceAreOverridable) {
  LoopbackServer s;
  UseHighThroughput(s);
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"messaging_limit":{"code":131056,"surface":"sync"}})")->status, 200);
  for (int i = 0; i < 250; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(250)), ErrorCode::kPairRateLimit);
}

TEST(RulesMessagingLimitTest, HalfTheLimitUsedUpgradesOneLevelAtTheSixthHour) {
  LoopbackServer s;
  UseHighThroughput(s);
  auto p = Patch(s, BusinessPath(), R"({"messaging_limit":2000})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["messaging_limit_tier"], "TIER_2K");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  s.Advance("5h");
  s.client().Post("/_sim/clock/advance", R"({"seconds":3599.999})", "application/json");
  EXPECT_EQ(ParseOrDie(s.client().Get(BusinessPath().c_str())->body)["messaging_limit"], 2000);
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  Json b = ParseOrDie(s.client().Get(BusinessPath().c_str())->body);
  EXPECT_EQ(b["messaging_limit"], 10000);
  auto g = s.GetGraph(std::string(D::kPhoneNumberId) + "?fields=whatsapp_business_manager_messaging_limit");
  EXPECT_EQ(ParseOrDie(g->body)["whatsapp_business_manager_messaging_limit"], "TIER_10K");
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
