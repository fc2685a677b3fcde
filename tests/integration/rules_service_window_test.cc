// Meta's 24 h customer service window and the 72 h free entry point window,
// end to end: HTTP response, the status in GET /_sim/messages, and the status
// webhooks (with `pricing` and, by the app's webhook version, `conversation`)
// a real receiver gets.
#include <gtest/gtest.h>

#include <set>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

TEST(RulesServiceWindowTest, FreeFormIsAcceptedThenFails131047FromThe24thHour) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  s.Advance("23h");
  AdvanceSeconds(s, 3599.999);
  std::string inside = WamidOf(SendText(s, u));  // 1 ms before the window closes
  ASSERT_FALSE(inside.empty());
  AdvanceSeconds(s, 0.001);
  TimeMs at_24h = Now(s);
  auto r = SendText(s, u);               // exactly 24 h after the user's message
  ASSERT_EQ(r->status, 200) << r->body;  // Meta: accepted with a wamid...
  std::string outside = WamidOf(r);
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, inside), "read");
  EXPECT_EQ(StatusOf(s, outside), "failed");  // ...then a failed status
  EXPECT_EQ(FailureCodeOf(s, outside), static_cast<int>(ErrorCode::kReengagementMessage));
  // The webhooks: the last in-window message is sent, delivered and read, free;
  // the first one past the 24th hour only fails, 8 s after acceptance.
  EXPECT_EQ(StatusNamesOf(rig.rx, inside), kSentDeliveredRead);
  EXPECT_EQ(PricingWebhookOf(rig.rx, inside), Pricing(false, "free_customer_service", "service"));
  EXPECT_EQ(StatusNamesOf(rig.rx, outside), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, outside, ErrorCode::kReengagementMessage, FailureTime(s, at_24h)));
  Json error =
      StatusesOf(rig.rx, outside).back()["errors"][0];  // Meta's wording (error-codes page, captures)
  EXPECT_EQ(error["title"], "Re-engagement message");
  EXPECT_EQ(
      error["error_data"]["details"],
      "Message failed to send because more than 24 hours have passed since the customer last replied to "
      "this number.");
  // Templates are allowed outside the window (billed).
  std::string tmpl = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, tmpl), "failed");
  EXPECT_EQ(StatusNamesOf(rig.rx, tmpl), kSentDeliveredRead);
  EXPECT_EQ(PricingWebhookOf(rig.rx, tmpl), Pricing(true, "regular", "utility"));
  // A new user message reopens it.
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string reopened = WamidOf(SendText(s, u));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, reopened), "read");
  EXPECT_EQ(StatusNamesOf(rig.rx, reopened), kSentDeliveredRead);
}

TEST(RulesServiceWindowTest, PricingFollowsTheWindow) {
  Rig rig;
  LoopbackServer& s = rig.server;
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
  EXPECT_EQ(PricingWebhookOf(rig.rx, reply), Pricing(false, "free_customer_service", "service"));
  EXPECT_EQ(PricingWebhookOf(rig.rx, utility_inside), Pricing(false, "free_customer_service", "utility"));
  EXPECT_EQ(PricingWebhookOf(rig.rx, utility_outside), Pricing(true, "regular", "utility"));
}

TEST(RulesServiceWindowTest, DisabledRuleLetsFreeFormThrough) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p = Patch(s, "/_sim/rules", R"({"service_window":{"enabled":false}})");
  ASSERT_EQ(p->status, 200) << p->body;
  std::string w = WamidOf(SendText(s, D::kCustomerWaId));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, w), "read");
  EXPECT_EQ(StatusNamesOf(rig.rx, w), kSentDeliveredRead);
}

// ---- pricing and conversation on status webhooks, per webhook version ---------

class RulesPricingWebhookTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool v23() const { return GetParam() == "v23.0"; }
};

// Meta: `pricing` rides on `sent` and on one of delivered/read (wasim: delivered);
// `conversation` goes with it on v23.0 and older (id unique per message,
// expiration_timestamp on `sent` only) and is omitted on v24.0+ outside a free
// entry point window.
TEST_P(RulesPricingWebhookTest, PricingOnSentAndDeliveredConversationByVersion) {
  Rig rig(GetParam());
  LoopbackServer& s = rig.server;
  AddMarketingTemplate(s);
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  std::string reply = WamidOf(SendText(s, u));
  std::string utility_inside = WamidOf(SendTemplate(s, u));
  std::string marketing_inside = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("1d");
  std::string marketing_outside = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("10s");
  struct Case {
    std::string wamid;
    Json pricing;
  };
  std::vector<Case> cases = {
      {reply, Pricing(false, "free_customer_service", "service")},
      {utility_inside,
       Pricing(false, "free_customer_service", "utility")},       // utility in an open window: free
      {marketing_inside, Pricing(true, "regular", "marketing")},  // marketing is billed anyway
      {marketing_outside, Pricing(true, "regular", "marketing")},
  };
  std::set<std::string> conversation_ids;
  for (const auto& c : cases) {
    auto sts = StatusesOf(rig.rx, c.wamid);
    ASSERT_EQ(sts.size(), 3u) << c.wamid;
    const Json &sent = sts[0], &delivered = sts[1], &read = sts[2];
    EXPECT_EQ(sent["pricing"], c.pricing) << c.wamid;
    EXPECT_EQ(delivered["pricing"], c.pricing) << c.wamid;
    EXPECT_FALSE(read.contains("pricing"));
    EXPECT_FALSE(read.contains("conversation"));
    EXPECT_EQ(sent.contains("conversation"), v23()) << sent.dump();
    EXPECT_EQ(delivered.contains("conversation"), v23()) << delivered.dump();
    if (!v23()) continue;
    EXPECT_EQ(sent["conversation"]["origin"]["type"], c.pricing["category"]);
    EXPECT_TRUE(sent["conversation"].contains("expiration_timestamp"));
    EXPECT_FALSE(delivered["conversation"].contains("expiration_timestamp"));
    EXPECT_EQ(delivered["conversation"]["id"], sent["conversation"]["id"]);
    conversation_ids.insert(sent["conversation"]["id"].get<std::string>());
  }
  if (v23()) {
    EXPECT_EQ(conversation_ids.size(), cases.size());  // Meta (v23.0-): unique per message
  }
}

// Meta: a reply within 24 h to a click-to-WhatsApp referral opens a 72 h free
// entry point window; the status `conversation` names the window (same id for
// every message in it, on every version) and expires with it.
TEST_P(RulesPricingWebhookTest, FreeEntryPointConversationIsTheWindowOnEveryVersion) {
  Rig rig(GetParam());
  LoopbackServer& s = rig.server;
  AddMarketingTemplate(s);
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u, /*with_referral=*/true)->status, 200);
  s.Advance("1h");
  TimeMs window_start = Now(s);
  std::string reply = WamidOf(SendText(s, u));
  s.Advance("30h");
  std::string promo = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("10s");
  Json fep = Pricing(false, "free_entry_point", "referral_conversion");
  std::string window_id;
  for (const std::string& w : {reply, promo}) {
    auto sts = StatusesOf(rig.rx, w);
    ASSERT_EQ(sts.size(), 3u) << w;
    EXPECT_EQ(sts[0]["pricing"], fep);
    Json conv = sts[0]["conversation"];
    ASSERT_TRUE(conv.is_object()) << sts[0].dump();
    EXPECT_EQ(conv["origin"]["type"], "referral_conversion");
    EXPECT_EQ(conv["expiration_timestamp"], UnixSecondsString(window_start + 72 * kHour));
    EXPECT_EQ(sts[1]["conversation"]["id"], conv["id"]);
    if (window_id.empty()) window_id = conv["id"];
    EXPECT_EQ(conv["id"], window_id);
  }
  EXPECT_EQ(window_id.size(), 32u);
  // Past the window: billed, and outside a window v24.0+ has no conversation.
  s.Advance("42h");
  std::string billed = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("10s");
  auto sts = StatusesOf(rig.rx, billed);
  ASSERT_FALSE(sts.empty());
  EXPECT_EQ(sts[0]["pricing"], Pricing(true, "regular", "marketing"));
  EXPECT_EQ(sts[0].contains("conversation"), v23());
  if (v23()) {
    EXPECT_NE(sts[0]["conversation"]["id"], window_id);
  }
}

INSTANTIATE_TEST_SUITE_P(WebhookVersions, RulesPricingWebhookTest, ::testing::Values("v23.0", "v24.0"),
                         [](const auto& info) { return info.param == "v23.0" ? "v23" : "v24"; });

// ---- free entry point ------------------------------------------------------------

TEST(RulesFreeEntryPointTest, ReplyToAnAdClickOpens72FreeHours) {
  Rig rig;  // v24.0
  LoopbackServer& s = rig.server;
  AddMarketingTemplate(s);
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u, /*with_referral=*/true)->status, 200);
  s.Advance("2h");
  std::string reply = WamidOf(SendText(s, u));  // the FEP window starts here
  s.Advance("48h");
  std::string promo = WamidOf(SendTemplate(s, u, "promo"));  // outside 24 h, inside 72 h
  TimeMs late_at = Now(s);
  std::string late_text = WamidOf(SendText(s, u));  // the 24 h window still governs free-form
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, reply)["pricing"]["type"], "free_entry_point");
  EXPECT_EQ(JournalEntry(s, reply)["pricing"]["category"], "referral_conversion");
  EXPECT_EQ(JournalEntry(s, promo)["pricing"],
            Json::parse(R"({"billable":false,"type":"free_entry_point","category":"referral_conversion"})"));
  EXPECT_EQ(StatusOf(s, promo), "read");
  EXPECT_EQ(FailureCodeOf(s, late_text), static_cast<int>(ErrorCode::kReengagementMessage));
  Json fep = Pricing(false, "free_entry_point", "referral_conversion");
  EXPECT_EQ(PricingWebhookOf(rig.rx, reply), fep);
  EXPECT_EQ(StatusNamesOf(rig.rx, promo), kSentDeliveredRead);
  EXPECT_EQ(PricingWebhookOf(rig.rx, promo), fep);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, late_text, ErrorCode::kReengagementMessage, FailureTime(s, late_at)));
  // Cross the 72nd hour after the reply: billed again.
  AdvanceSeconds(s, 86389.999);  // reply + 72h - 1ms
  std::string last_free = WamidOf(SendTemplate(s, u, "promo"));
  AdvanceSeconds(s, 0.001);
  std::string billed = WamidOf(SendTemplate(s, u, "promo"));
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, last_free)["pricing"]["type"], "free_entry_point");
  EXPECT_EQ(JournalEntry(s, billed)["pricing"],
            Json::parse(R"({"billable":true,"type":"regular","category":"marketing"})"));
  EXPECT_EQ(PricingWebhookOf(rig.rx, last_free), fep);
  EXPECT_TRUE(StatusesOf(rig.rx, last_free).front().contains("conversation"));  // v24: kept inside the window
  EXPECT_EQ(StatusNamesOf(rig.rx, billed), kSentDeliveredRead);
  EXPECT_EQ(PricingWebhookOf(rig.rx, billed), Pricing(true, "regular", "marketing"));
  EXPECT_FALSE(StatusesOf(rig.rx, billed).front().contains("conversation"));  // v24: omitted outside it
}

TEST(RulesFreeEntryPointTest, NoWindowWhenTheBusinessRepliesAfter24h) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u, true)->status, 200);
  s.Advance("24h");
  std::string late = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_EQ(JournalEntry(s, late)["pricing"]["type"], "regular");
  EXPECT_EQ(PricingWebhookOf(rig.rx, late), Pricing(true, "regular", "utility"));
  EXPECT_FALSE(StatusesOf(rig.rx, late).front().contains("conversation"));
}

}  // namespace
}  // namespace wasim::testing
