// Meta's 24 h customer service window and the 72 h free entry point window,
// end to end: HTTP response, then the status in GET /_sim/messages.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

TEST(RulesServiceWindowTest, FreeFormIsAcceptedThenFails131047FromThe24thHour) {
  LoopbackServer s;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  s.Advance("23h");
  s.client().Post("/_sim/clock/advance", R"({"seconds":3599.999})", "application/json");
  std::string inside = WamidOf(SendText(s, u));  // 1 ms before the window closes
  ASSERT_FALSE(inside.empty());
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  auto r = SendText(s, u);  // exactly 24 h after the user's message
  ASSERT_EQ(r->status, 200) << r->body;  // Meta: accepted with a wamid...
  std::string outside = WamidOf(r);
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, inside), "read");
  EXPECT_EQ(StatusOf(s, outside), "failed");  // ...then a failed status
  EXPECT_EQ(FailureCodeOf(s, outside), static_cast<int>(ErrorCode::kReengagementMessage));
  // Templates are allowed outside the window.
  std::string tmpl = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, tmpl), "failed");
  // A new user message reopens it.
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string reopened = WamidOf(SendText(s, u));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, reopened), "read");
}

TEST(RulesServiceWindowTest, PricingFollowsTheWindow) {
  LoopbackServer s;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string reply = WamidOf(SendText(s, u));
  std::string utility_inside = WamidOf(SendTemplate(s, u));
  s.Advance("1d");
  std::string utility_outside = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  Json a = JournalEntry(s, reply)["pricing"], b = JournalEntry(s, utility_inside)["pricing"],
       c = JournalEntry(s, utility_outside)["pricing"];
  EXPECT_EQ(a, Json::parse(R"({"billable":false,"type":"free_customer_service","category":"service"})"));
  EXPECT_EQ(b, Json::parse(R"({"billable":false,"type":"free_customer_service","category":"utility"})"));
  EXPECT_EQ(c, Json::parse(R"({"billable":true,"type":"regular","category":"utility"})"));
}

TEST(RulesServiceWindowTest, DisabledRuleLetsFreeFormThrough) {
  LoopbackServer s;
  auto p = Patch(s, "/_sim/rules", R"({"service_window":{"enabled":false}})");
  ASSERT_EQ(p->status, 200) << p->body;
  std::string w = WamidOf(SendText(s, D::kCustomerWaId));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, w), "read");
}

TEST(RulesFreeEntryPointTest, ReplyToAnAdClickOpens72FreeHours) {
  LoopbackServer s;
  AddMarketingTemplate(s);
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u, /*with_referral=*/true)->status, 200);
  s.Advance("2h");
  std::string reply = WamidOf(SendText(s, u));  // the FEP window starts here
  s.Advance("48h");
  std::string promo = WamidOf(SendTemplate(s, u, "promo"));  // outside 24 h, inside 72 h
  std::string late_text = WamidOf(SendText(s, u));           // the 24 h window still governs free-form
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, reply)["pricing"]["type"], "free_entry_point");
  EXPECT_EQ(JournalEntry(s, reply)["pricing"]["category"], "referral_conversion");
  EXPECT_EQ(JournalEntry(s, promo)["pricing"],
            Json::parse(R"({"billable":false,"type":"free_entry_point","category":"referral_conversion"})"));
  EXPECT_EQ(StatusOf(s, promo), "read");
  EXPECT_EQ(FailureCodeOf(s, late_text), static_cast<int>(ErrorCode::kReengagementMessage));
  // Cross the 72nd hour after the reply: billed again.
  s.client().Post("/_sim/clock/advance", R"({"seconds":86389.999})", "application/json");  // reply + 72h - 1ms
  std::string last_free = WamidOf(SendTemplate(s, u, "promo"));
  s.client().Post("/_sim/clock/advance", R"({"seconds":0.001})", "application/json");
  std::string billed = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, last_free)["pricing"]["type"], "free_entry_point");
  EXPECT_EQ(JournalEntry(s, billed)["pricing"],
            Json::parse(R"({"billable":true,"type":"regular","category":"marketing"})"));
}

TEST(RulesFreeEntryPointTest, NoWindowWhenTheBusinessRepliesAfter24h) {
  LoopbackServer s;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u, true)->status, 200);
  s.Advance("24h");
  std::string late = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, late)["pricing"]["type"], "regular");
}

}  // namespace
}  // namespace wasim::testing
