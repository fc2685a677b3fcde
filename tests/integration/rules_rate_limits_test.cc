// Throughput (per number, per second) and the pair rate limit (per user),
// end to end across their boundaries on the virtual clock.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

TEST(RulesThroughputTest, The81stSendAtOneInstantGets130429) {
  LoopbackServer s;
  for (int i = 0; i < 80; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  auto over = SendTemplate(s, User(80));
  EXPECT_GRAPH_ERROR(*over, ErrorCode::kThroughputRateLimit);
  EXPECT_EQ(over->status, 400);
  // Refused sends are not journaled.
  auto journal = ParseOrDie(s.client().Get("/_sim/messages")->body);
  EXPECT_EQ(journal["data"].size(), 80u);
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.999})", "application/json");
  EXPECT_EQ(SendTemplate(s, User(81))->status, 400);
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  EXPECT_EQ(SendTemplate(s, User(82))->status, 200);
}

TEST(RulesThroughputTest, InboundMessagesCountToo) {
  LoopbackServer s;
  for (int i = 0; i < 79; ++i) ASSERT_EQ(Inbound(s, User(i))->status, 200) << i;
  EXPECT_EQ(SendText(s, User(0))->status, 200);  // the 80th message this second
  EXPECT_GRAPH_ERROR(*SendText(s, User(1)), ErrorCode::kThroughputRateLimit);
}

TEST(RulesThroughputTest, CoexistenceNumbersGet20PerSecond) {
  LoopbackServer s;
  auto p = Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"mode":"coexistence"})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["throughput_mps"], 20);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(20)), ErrorCode::kThroughputRateLimit);
}

TEST(RulesThroughputTest, HighThroughputNumbersGet1000PerSecond) {
  LoopbackServer s;
  auto p = Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"throughput_level":"HIGH"})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["throughput_mps"], 1000);
  // Lower the limit through /_sim/rules to keep the test short: the level picks high_mps.
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"throughput":{"high_mps":100}})")->status, 200);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(100)), ErrorCode::kThroughputRateLimit);
}

TEST(RulesPairRateTest, BurstOf45ThenTheNextFails131056UntilThe6thSecond) {
  LoopbackServer s;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string first;
  for (int i = 0; i < 45; ++i) {
    auto r = SendText(s, u);
    ASSERT_EQ(r->status, 200) << i;
    if (i == 0) first = WamidOf(r);
  }
  auto r46 = SendText(s, u);
  ASSERT_EQ(r46->status, 200) << r46->body;  // Assumption: async, like the reference's "probably async"
  std::string over = WamidOf(r46);
  s.client().Post("/_sim/clock/advance", R"({"seconds":5.999})", "application/json");
  std::string still_over = WamidOf(SendText(s, u));
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  std::string allowed = WamidOf(SendText(s, u));  // 6 s refilled one message
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, first), "read");
  EXPECT_EQ(FailureCodeOf(s, over), static_cast<int>(ErrorCode::kPairRateLimit));
  EXPECT_EQ(FailureCodeOf(s, still_over), static_cast<int>(ErrorCode::kPairRateLimit));
  EXPECT_EQ(StatusOf(s, allowed), "read");
  // Another user is unaffected.
  ASSERT_EQ(Inbound(s, User(1))->status, 200);
  std::string other = WamidOf(SendText(s, User(1)));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, other), "read");
}

TEST(RulesPairRateTest, SurfaceAndCodeAreOverridable) {
  LoopbackServer s;
  auto p = Patch(s, "/_sim/rules", R"({"pair_rate":{"surface":"sync","burst":2}})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["pair_rate"]["surface"], "sync");
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  EXPECT_EQ(SendText(s, u)->status, 200);
  EXPECT_EQ(SendText(s, u)->status, 200);
  auto over = SendText(s, u);
  EXPECT_GRAPH_ERROR(*over, ErrorCode::kPairRateLimit);
  s.Advance("6s");
  EXPECT_EQ(SendText(s, u)->status, 200);
}

}  // namespace
}  // namespace wasim::testing
