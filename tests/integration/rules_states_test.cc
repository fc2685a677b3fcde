// Recipient and account states: which come back in the HTTP response and
// which as a later failed status (reference 12.1/12.3).
#include <gtest/gtest.h>

#include "tests/integration/rules_helpers.h"

namespace wasim::testing {
namespace {

using namespace rules_e2e;

std::string PhonePath() { return std::string("/_sim/phone_numbers/") + D::kPhoneNumberId; }
std::string WabaPath() { return std::string("/_sim/wabas/") + D::kWabaId; }
std::string BusinessPath() { return std::string("/_sim/businesses/") + D::kBusinessId; }

httplib::Result PutCustomer(LoopbackServer& s, const std::string& wa_id, const std::string& body) {
  return s.client().Put(("/_sim/customers/" + wa_id).c_str(), body, "application/json");
}

TEST(RulesRecipientStatesTest, NotOnWhatsAppIsAccepted131026ThenFailed) {
  LoopbackServer s;
  std::string u = User(7);
  ASSERT_EQ(PutCustomer(s, u, R"({"state":"not_on_whatsapp"})")->status, 200);
  auto r = SendTemplate(s, u);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string w = WamidOf(r);
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, w), "failed");
  EXPECT_EQ(FailureCodeOf(s, w), static_cast<int>(ErrorCode::kMessageUndeliverable));
}

TEST(RulesRecipientStatesTest, TestNumberOnlyReachesItsAllowList) {
  LoopbackServer s;
  auto p = Patch(s, PhonePath(), R"({"is_test_number":true,"allowed_recipients":["16505551234"]})");
  ASSERT_EQ(p->status, 200) << p->body;
  auto refused = SendTemplate(s, User(9));
  EXPECT_GRAPH_ERROR(*refused, ErrorCode::kRecipientNotAllowed);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(SendTemplate(s, D::kCustomerWaId)->status, 200);
  // Meta: at most 5 recipients; a sixth is refused and nothing changes.
  auto six = Patch(s, PhonePath(),
                   R"({"allowed_recipients":["16505550001","16505550002","16505550003","16505550004","16505550005","16505550006"]})");
  EXPECT_EQ(six->status, 400);
  auto bad = Patch(s, PhonePath(), R"({"is_test_number":false,"allowed_recipients":["+1 650"]})");
  EXPECT_EQ(bad->status, 400);
  Json phone = ParseOrDie(s.client().Get(PhonePath().c_str())->body);
  EXPECT_EQ(phone["allowed_recipients"], Json::parse(R"(["16505551234"])"));
  EXPECT_EQ(phone["is_test_number"], true);
}

TEST(RulesRecipientStatesTest, MarketingExperimentOptOutAndPerUserCapFailAsync) {
  LoopbackServer s;
  AddMarketingTemplate(s);
  ASSERT_EQ(Patch(s, "/_sim/rules", R"({"marketing_cap":{"per_user":1}})")->status, 200);
  std::string exp = User(1), opted = User(2), capped = User(3);
  ASSERT_EQ(PutCustomer(s, exp, R"({"in_marketing_experiment":true})")->status, 200);
  ASSERT_EQ(PutCustomer(s, opted, std::string(R"({"phone_number_id":")") + D::kPhoneNumberId +
                                      R"(","marketing_opt_out":true})")
                ->status,
            200);
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
  // The cap's rolling window moves on after 24 h.
  s.Advance("1d");
  std::string w_cap3 = WamidOf(SendTemplate(s, capped, "promo"));
  s.Advance("10s");
  EXPECT_NE(StatusOf(s, w_cap3), "failed");
}

TEST(RulesRecipientStatesTest, RestrictedCountryIs130497InTheResponse) {
  LoopbackServer s;
  auto p = Patch(s, WabaPath(), R"({"restricted_calling_codes":["44"]})");
  ASSERT_EQ(p->status, 200) << p->body;
  auto r = SendTemplate(s, "+447700900123");  // without "+" the business calling code is prepended
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCountryRestricted);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(SendTemplate(s, D::kCustomerWaId)->status, 200);
  EXPECT_EQ(Patch(s, WabaPath(), R"({"restricted_calling_codes":["+44"]})")->status, 400);
}

TEST(RulesAccountStatesTest, PaymentIssueFailsTemplatesButNotRepliesInAnOpenWindow) {
  LoopbackServer s;
  std::string u = D::kCustomerWaId;
  ASSERT_EQ(Inbound(s, u)->status, 200);
  ASSERT_EQ(Patch(s, BusinessPath(), R"({"payment_method_ok":false})")->status, 200);
  auto t = SendTemplate(s, u);
  ASSERT_EQ(t->status, 200) << t->body;
  std::string tmpl = WamidOf(t), reply = WamidOf(SendText(s, u));
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, tmpl), static_cast<int>(ErrorCode::kPaymentIssue));
  EXPECT_EQ(StatusOf(s, reply), "read");
  ASSERT_EQ(Patch(s, BusinessPath(), R"({"payment_method_ok":true})")->status, 200);
  std::string fixed = WamidOf(SendTemplate(s, u));
  s.Advance("10s");
  EXPECT_EQ(StatusOf(s, fixed), "read");
}

TEST(RulesAccountStatesTest, LockedAccountFails131031Async) {
  LoopbackServer s;
  ASSERT_EQ(Patch(s, WabaPath(), R"({"locked":true})")->status, 200);
  auto r = SendTemplate(s, D::kCustomerWaId);
  ASSERT_EQ(r->status, 200) << r->body;
  s.Advance("10s");
  EXPECT_EQ(FailureCodeOf(s, WamidOf(r)), static_cast<int>(ErrorCode::kAccountLocked));
}

TEST(RulesAccountStatesTest, SyncAccountErrors) {
  LoopbackServer s;
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
