// Throughput (per number, per second) and the pair rate limit (per user),
// end to end across their boundaries on the virtual clock: the HTTP response,
// GET /_sim/messages and the status webhooks a real receiver gets.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

TEST(RulesThroughputTest, The81stSendAtOneInstantGets130429) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::vector<std::string> accepted;
  for (int i = 0; i < 80; ++i) {
    auto r = SendTemplate(s, User(i));
    ASSERT_EQ(r->status, 200) << i;
    accepted.push_back(WamidOf(r));
  }
  auto over = SendTemplate(s, User(80));
  EXPECT_GRAPH_ERROR(*over, ErrorCode::kThroughputRateLimit);
  EXPECT_EQ(over->status, 400);
  // Refused sends are not journaled.
  auto journal = ParseOrDie(s.client().Get("/_sim/messages")->body);
  EXPECT_EQ(journal["data"].size(), 80u);
  AdvanceSeconds(s, 0.999);
  EXPECT_EQ(SendTemplate(s, User(81))->status, 400);
  AdvanceSeconds(s, 0.001);
  auto next_second = SendTemplate(s, User(82));
  EXPECT_EQ(next_second->status, 200);
  s.Advance("10s");
  // Webhooks: every accepted message is sent, delivered and read; the refused ones get none.
  for (const auto& w : accepted) EXPECT_EQ(StatusNamesOf(rig.rx, w), kSentDeliveredRead) << w;
  EXPECT_EQ(StatusNamesOf(rig.rx, WamidOf(next_second)), kSentDeliveredRead);
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(80)).empty());
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(81)).empty());
  EXPECT_EQ(ReceivedStatuses(rig.rx).size(), 81u * 3);
}

TEST(RulesThroughputTest, InboundMessagesCountToo) {
  Rig rig;
  LoopbackServer& s = rig.server;
  for (int i = 0; i < 79; ++i) ASSERT_EQ(Inbound(s, User(i))->status, 200) << i;
  std::string w = WamidOf(SendText(s, User(0)));  // the 80th message this second
  ASSERT_FALSE(w.empty());
  EXPECT_GRAPH_ERROR(*SendText(s, User(1)), ErrorCode::kThroughputRateLimit);
  s.Advance("10s");
  EXPECT_TRUE(SentWithoutFailure(rig.rx, w));
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(1)).empty());
}

TEST(RulesThroughputTest, CoexistenceNumbersGet20PerSecond) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p = Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"mode":"coexistence"})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["throughput_mps"], 20);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(20)), ErrorCode::kThroughputRateLimit);
  s.Advance("10s");
  EXPECT_EQ(StatusWebhookIdsTo(rig.rx, User(19)).size(), 1u);
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(20)).empty());
}

TEST(RulesThroughputTest, HighThroughputNumbersGet1000PerSecond) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p =
      Patch(s, std::string("/_sim/phone_numbers/") + D::kPhoneNumberId, R"({"throughput_level":"HIGH"})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["throughput_mps"], 1000);
  // Lower the limit through /_sim/rules to keep the test short: the level picks high_mps.
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"throughput":{"high_mps":100}})")->status, 200);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(SendTemplate(s, User(i))->status, 200) << i;
  EXPECT_GRAPH_ERROR(*SendTemplate(s, User(100)), ErrorCode::kThroughputRateLimit);
  s.Advance("10s");
  EXPECT_EQ(StatusWebhookIdsTo(rig.rx, User(99)).size(), 1u);
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(100)).empty());
}

TEST(RulesPairRateTest, BurstOf45ThenTheNextFails131056UntilThe6thSecond) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string first, last_of_burst;
  for (int i = 0; i < 45; ++i) {
    auto r = SendText(s, u);
    ASSERT_EQ(r->status, 200) << i;
    if (i == 0) first = WamidOf(r);
    last_of_burst = WamidOf(r);
  }
  TimeMs burst_at = Now(s);
  auto r46 = SendText(s, u);
  ASSERT_EQ(r46->status, 200) << r46->body;  // Assumption: async, like the reference's "probably async"
  std::string over = WamidOf(r46);
  AdvanceSeconds(s, 5.999);
  TimeMs still_at = Now(s);
  std::string still_over = WamidOf(SendText(s, u));
  AdvanceSeconds(s, 0.001);
  std::string allowed = WamidOf(SendText(s, u));  // 6 s refilled one message
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, first), "read");
  EXPECT_EQ(FailureCodeOf(s, over), static_cast<int>(ErrorCode::kPairRateLimit));
  EXPECT_EQ(FailureCodeOf(s, still_over), static_cast<int>(ErrorCode::kPairRateLimit));
  EXPECT_EQ(StatusOf(s, allowed), "read");
  // Webhooks: the 45th and the one at the 6th second go out; the 46th and the
  // one 1 ms before the 6th second fail with 131056 (surface: async by default).
  EXPECT_EQ(StatusNamesOf(rig.rx, first), kSentDeliveredRead);
  EXPECT_EQ(StatusNamesOf(rig.rx, last_of_burst), kSentDeliveredRead);
  EXPECT_EQ(StatusNamesOf(rig.rx, over), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, over, ErrorCode::kPairRateLimit, FailureTime(s, burst_at)));
  EXPECT_TRUE(FailedWebhookIs(rig.rx, still_over, ErrorCode::kPairRateLimit, FailureTime(s, still_at)));
  EXPECT_EQ(StatusNamesOf(rig.rx, allowed), kSentDeliveredRead);
  // Another user is unaffected.
  ASSERT_EQ(Inbound(s, User(1))->status, 200);
  std::string other = WamidOf(SendText(s, User(1)));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, other), "read");
  EXPECT_EQ(StatusNamesOf(rig.rx, other), kSentDeliveredRead);
}

TEST(RulesPairRateTest, SurfaceAndCodeAreOverridable) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p = Patch(s, "/_sim/rules", R"({"pair_rate":{"surface":"sync","burst":2}})");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_EQ(ParseOrDie(p->body)["pair_rate"]["surface"], "sync");
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string a = WamidOf(SendText(s, u)), b = WamidOf(SendText(s, u));
  ASSERT_FALSE(b.empty());
  auto over = SendText(s, u);
  EXPECT_GRAPH_ERROR(*over, ErrorCode::kPairRateLimit);
  s.Advance("6s");
  std::string c = WamidOf(SendText(s, u));
  ASSERT_FALSE(c.empty());
  s.Advance("10s");
  // Sync surface: the refused send has no wamid and no status webhook at all.
  EXPECT_EQ(StatusWebhookIdsTo(rig.rx, u), (std::set<std::string>{a, b, c}));
  for (const auto& st : ReceivedStatuses(rig.rx)) EXPECT_NE(st["status"], "failed") << st.dump();
}

}  // namespace
}  // namespace wasim::testing
