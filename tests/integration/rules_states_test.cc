// Recipient and account states: which come back in the HTTP response and
// which as a later failed status webhook (reference 12.1/12.3), end to end
// with a real webhook receiver.
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

std::string PhonePath() { return std::string("/_sim/phone_numbers/") + D::kPhoneNumberId; }
std::string WabaPath() { return std::string("/_sim/wabas/") + D::kWabaId; }

httplib::Result PutCustomer(LoopbackServer& s, const std::string& wa_id, const std::string& body) {
  return s.client().Put(("/_sim/customers/" + wa_id).c_str(), body, "application/json");
}

TEST(RulesRecipientStatesTest, NotOnWhatsAppIsAccepted131026ThenFailed) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::string u = User(7);
  ASSERT_EQ(PutCustomer(s, u, R"({"state":"not_on_whatsapp"})")->status, 200);
  TimeMs at = Now(s);
  auto r = SendTemplate(s, u);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string w = WamidOf(r);
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, w), "failed");
  EXPECT_EQ(FailureCodeOf(s, w), static_cast<int>(ErrorCode::kMessageUndeliverable));
  // Capture: 200, then `sent`, then `failed` 131026.
  EXPECT_EQ(StatusNamesOf(rig.rx, w), (Names{"sent", "failed"}));
  EXPECT_TRUE(FailedWebhookIs(rig.rx, w, ErrorCode::kMessageUndeliverable, FailureTime(s, at)));
}

TEST(RulesRecipientStatesTest, TestNumberOnlyReachesItsAllowList) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p = Patch(s, PhonePath(), R"({"is_test_number":true,"allowed_recipients":["16505551234"]})");
  ASSERT_EQ(p->status, 200) << p->body;
  auto refused = SendTemplate(s, User(9));
  EXPECT_GRAPH_ERROR(*refused, ErrorCode::kRecipientNotAllowed);
  EXPECT_EQ(refused->status, 400);
  std::string allowed = WamidOf(SendTemplate(s, D::kCustomerWaId));
  EXPECT_FALSE(allowed.empty());
  s.Advance("10s");
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, User(9)).empty());  // sync: no status webhook
  EXPECT_EQ(StatusNamesOf(rig.rx, allowed), kSentDeliveredRead);
  // Meta: at most 5 recipients; a sixth is refused and nothing changes.
  auto six = Patch(
      s, PhonePath(),
      R"({"allowed_recipients":["16505550001","16505550002","16505550003","16505550004","16505550005","16505550006"]})");
  EXPECT_EQ(six->status, 400);
  auto bad = Patch(s, PhonePath(), R"({"is_test_number":false,"allowed_recipients":["+1 650"]})");
  EXPECT_EQ(bad->status, 400);
  Json phone = ParseOrDie(s.client().Get(PhonePath().c_str())->body);
  EXPECT_EQ(phone["allowed_recipients"], Json::parse(R"(["16505551234"])"));
  EXPECT_EQ(phone["is_test_number"], true);
}

TEST(RulesRecipientStatesTest, MarketingExperimentOptOutAndPerUserCapFailAsync) {
  Rig rig;
  LoopbackServer& s = rig.server;
  AddMarketingTemplate(s);
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"marketing_cap":{"per_user":1}})")->status, 200);
  std::string exp = User(1), opted = User(2), capped = User(3);
  ASSERT_EQ(PutCustomer(s, exp, R"({"in_marketing_experiment":true})")->status, 200);
  ASSERT_EQ(PutCustomer(
                s, opted,
                std::string(R"({"phone_number_id":")") + D::kPhoneNumberId + R"(","marketing_opt_out":true})")
                ->status,
            200);
  TimeMs t0 = Now(s);
  std::string w_exp = WamidOf(SendTemplate(s, exp, "promo"));
  std::string w_opted = WamidOf(SendTemplate(s, opted, "promo"));
  std::string w_opted_utility = WamidOf(SendTemplate(s, opted));  // opt-out covers marketing only
  std::string w_cap1 = WamidOf(SendTemplate(s, capped, "promo"));
  std::string w_cap2 = WamidOf(SendTemplate(s, capped, "promo"));
  ASSERT_FALSE(w_cap2.empty());
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, w_exp), static_cast<int>(ErrorCode::kMarketingExperiment));
  EXPECT_EQ(FailureCodeOf(s, w_opted), static_cast<int>(ErrorCode::kMarketingOptOut));
  EXPECT_NE(StatusOf(s, w_opted_utility), "failed");
  EXPECT_NE(StatusOf(s, w_cap1), "failed");
  EXPECT_EQ(FailureCodeOf(s, w_cap2), static_cast<int>(ErrorCode::kEcosystemEngagement));
  // Webhooks (Meta: each of these is a `failed` status webhook).
  TimeMs failed_at = FailureTime(s, t0);
  EXPECT_EQ(StatusNamesOf(rig.rx, w_exp), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, w_exp, ErrorCode::kMarketingExperiment, failed_at));
  EXPECT_EQ(StatusNamesOf(rig.rx, w_opted), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, w_opted, ErrorCode::kMarketingOptOut, failed_at));
  EXPECT_TRUE(SentWithoutFailure(rig.rx, w_opted_utility));
  EXPECT_TRUE(SentWithoutFailure(rig.rx, w_cap1));
  EXPECT_EQ(PricingWebhookOf(rig.rx, w_cap1), Pricing(true, "regular", "marketing"));
  EXPECT_EQ(StatusNamesOf(rig.rx, w_cap2), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, w_cap2, ErrorCode::kEcosystemEngagement, failed_at));
  // Meta's own example of this webhook (status webhook reference).
  Json cap_error = StatusesOf(rig.rx, w_cap2).back()["errors"][0];
  EXPECT_EQ(cap_error["title"], "This message was not delivered to maintain healthy ecosystem engagement.");
  // The cap's rolling window moves on after 24 h.
  s.Advance("1d");
  std::string w_cap3 = WamidOf(SendTemplate(s, capped, "promo"));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, w_cap3), "failed");
  EXPECT_TRUE(SentWithoutFailure(rig.rx, w_cap3));
}

TEST(RulesRecipientStatesTest, RestrictedCountryIs130497InTheResponse) {
  Rig rig;
  LoopbackServer& s = rig.server;
  auto p = Patch(s, WabaPath(), R"({"restricted_calling_codes":["44"]})");
  ASSERT_EQ(p->status, 200) << p->body;
  auto r = SendTemplate(s, "+447700900123");  // without "+" the business calling code is prepended
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCountryRestricted);
  EXPECT_EQ(r->status, 403);
  std::string ok = WamidOf(SendTemplate(s, D::kCustomerWaId));
  EXPECT_FALSE(ok.empty());
  s.Advance("10s");
  EXPECT_TRUE(StatusWebhookIdsTo(rig.rx, "447700900123").empty());
  EXPECT_EQ(StatusWebhookIdsTo(rig.rx, D::kCustomerWaId), (std::set<std::string>{ok}));
  EXPECT_EQ(Patch(s, WabaPath(), R"({"restricted_calling_codes":["+44"]})")->status, 400);
}

TEST(RulesAccountStatesTest, PaymentIssueFailsTemplatesButNotRepliesInAnOpenWindow) {
  Rig rig;
  LoopbackServer& s = rig.server;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  ASSERT_EQ(Patch(s, BusinessPath(), R"({"payment_method_ok":false})")->status, 200);
  TimeMs at = Now(s);
  auto t = SendTemplate(s, u);
  ASSERT_EQ(t->status, 200) << t->body;
  std::string tmpl = WamidOf(t), reply = WamidOf(SendText(s, u));
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, tmpl), static_cast<int>(ErrorCode::kPaymentIssue));
  EXPECT_EQ(StatusOf(s, reply), "read");
  EXPECT_EQ(StatusNamesOf(rig.rx, tmpl), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, tmpl, ErrorCode::kPaymentIssue, FailureTime(s, at)));
  EXPECT_EQ(StatusNamesOf(rig.rx, reply), kSentDeliveredRead);
  ASSERT_EQ(Patch(s, BusinessPath(), R"({"payment_method_ok":true})")->status, 200);
  std::string fixed = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, fixed), "read");
  EXPECT_EQ(StatusNamesOf(rig.rx, fixed), kSentDeliveredRead);
}

TEST(RulesAccountStatesTest, LockedAccountFails131031Async) {
  Rig rig;
  LoopbackServer& s = rig.server;
  ASSERT_EQ(Patch(s, WabaPath(), R"({"locked":true})")->status, 200);
  TimeMs at = Now(s);
  auto r = SendTemplate(s, D::kCustomerWaId);
  ASSERT_EQ(r->status, 200) << r->body;
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, WamidOf(r)), static_cast<int>(ErrorCode::kAccountLocked));
  EXPECT_EQ(StatusNamesOf(rig.rx, WamidOf(r)), kFailedOnly);
  EXPECT_TRUE(FailedWebhookIs(rig.rx, WamidOf(r), ErrorCode::kAccountLocked, FailureTime(s, at)));
}

TEST(RulesAccountStatesTest, SyncAccountErrors) {
  Rig rig;
  LoopbackServer& s = rig.server;
  // A 555 number without an approved display name: 131037.
  ASSERT_EQ(Patch(s, PhonePath(), R"({"name_status":"PENDING_REVIEW"})")->status, 200);
  EXPECT_GRAPH_ERROR(*SendTemplate(s, D::kCustomerWaId), ErrorCode::kDisplayNameApprovalNeeded);
  ASSERT_EQ(Patch(s, PhonePath(), R"({"name_status":"APPROVED"})")->status, 200);
  // Policy block: 368, HTTP 403.
  ASSERT_EQ(Patch(s, WabaPath(), R"({"policy_blocked":true})")->status, 200);
  auto blocked = SendTemplate(s, D::kCustomerWaId);
  EXPECT_GRAPH_ERROR(*blocked, ErrorCode::kPolicyBlocked);
  EXPECT_EQ(blocked->status, 403);
  ASSERT_EQ(Patch(s, WabaPath(), R"({"policy_blocked":false})")->status, 200);
  // Not registered: 133010.
  ASSERT_EQ(Patch(s, PhonePath(), R"({"registered":false})")->status, 200);
  EXPECT_GRAPH_ERROR(*SendTemplate(s, D::kCustomerWaId), ErrorCode::kNotRegistered);
  ASSERT_EQ(Patch(s, PhonePath(), R"({"registered":true})")->status, 200);
  // Deleted: 33.
  ASSERT_EQ(Patch(s, PhonePath(), R"({"deleted":true})")->status, 200);
  EXPECT_GRAPH_ERROR(*SendTemplate(s, D::kCustomerWaId), ErrorCode::kPhoneNumberDeleted);
  auto journal = ParseOrDie(s.client().Get("/_sim/messages")->body);
  EXPECT_TRUE(journal["data"].empty());
  // Sync errors: no status webhook for any of the refused sends.
  s.Advance("1m");
  EXPECT_TRUE(ReceivedStatuses(rig.rx).empty());
}

TEST(RulesAdminTest, RulesEndpointValidatesAndChangesNothingOnError) {
  LoopbackServer s;
  Json before = ParseOrDie(s.client().Get("/_sim/rules")->body);
  EXPECT_EQ(before["throughput"]["standard_mps"], 80);
  auto bad = Patch(s, "/_sim/rules", R"({"throughput":{"standard_mps":10},"pair_rate":{"surface":"never"}})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(ParseOrDie(s.client().Get("/_sim/rules")->body), before);
  EXPECT_EQ(Patch(s, PhonePath(), R"({"throughput_level":"TURBO"})")->status, 400);
  EXPECT_EQ(Patch(s, WabaPath(), R"({"locked":1})")->status, 400);
  EXPECT_EQ(Patch(s, "/_sim/phone_numbers/1", R"({"locked":true})")->status, 404);
  // Reset restores the defaults.
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"throughput":{"standard_mps":10}})")->status, 200);
  s.client().Post("/_sim/reset", "{}", "application/json");
  EXPECT_EQ(ParseOrDie(s.client().Get("/_sim/rules")->body), before);
}

}  // namespace
}  // namespace wasim::testing
