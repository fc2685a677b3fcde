// Display-name review and account events through the admin API and the Graph
// API: what the app sees (fields, send answers) and the webhooks Meta sends.
#include <gtest/gtest.h>

#include "simulator/admin/admin_api.h"
#include "simulator/domain/accounts/account_events.h"
#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

const std::string kTemplateBody =
    R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
const std::string kTextBody = R"(","type":"text","text":{"body":"hi"}})";

class AccountEventsAdminTest : public ::testing::Test {
 protected:
  AccountEventsAdminTest() : admin_(h_.sim()) {}
  HttpResponse Admin(const std::string& method, const std::string& path, const std::string& body) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    return *admin_.Handle(r);
  }
  HttpResponse NameReview(const std::string& body) {
    return Admin("POST", std::string("/_sim/phone_numbers/") + D::kPhoneNumberId + "/name_review", body);
  }
  HttpResponse Event(const std::string& body) {
    return Admin("POST", std::string("/_sim/wabas/") + D::kWabaId + "/events", body);
  }
  HttpResponse Send(const std::string& rest) {
    return h_.Post(std::string(D::kPhoneNumberId) + "/messages",
                   std::string(R"({"messaging_product":"whatsapp","to":")") + D::kCustomerWaId + rest);
  }
  Json PhoneFields(const std::string& fields) {
    auto r = h_.Get(std::string(D::kPhoneNumberId) + "?fields=" + fields);
    EXPECT_EQ(r.status, 200) << r.body;
    return ParseOrDie(r.body);
  }
  // Statuses of the failed messages since `tap`, as their error codes.
  static std::vector<int> FailedCodes(FactTap& tap) {
    std::vector<int> out;
    for (const auto& s : tap.Of<StatusChanged>())
      if (s.status == MessageStatus::kFailed && s.error) out.push_back(static_cast<int>(s.error->code));
    return out;
  }

  PipelineHarness h_;
  AdminApi admin_;
};

TEST_F(AccountEventsAdminTest, GraphNewDisplayNameIsReviewedWhileTheApprovedNameStays) {
  FactTap tap(h_.sim());
  auto r = h_.Post(D::kPhoneNumberId, R"({"new_display_name":"New Lucky Shrub"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body), Json({{"success", true}}));
  Json j = PhoneFields("new_display_name,new_name_status,name_status");
  EXPECT_EQ(j["new_display_name"], "New Lucky Shrub");
  EXPECT_EQ(j["new_name_status"], "PENDING_REVIEW");
  EXPECT_EQ(j["name_status"], "APPROVED");
  // The approved name still sends (no 131037).
  EXPECT_EQ(Send(kTemplateBody).status, 200);
  h_.sim().AdvanceBy(48 * kHour);
  j = PhoneFields("verified_name,new_name_status");
  EXPECT_EQ(j["verified_name"], "New Lucky Shrub");
  EXPECT_EQ(j["new_name_status"], "APPROVED");
  auto values = tap.ManagementValues("phone_number_name_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0]["requested_verified_name"], "New Lucky Shrub");
}

TEST_F(AccountEventsAdminTest, TheCertificateIsAvailableOnlyForAnApprovedName) {
  Json before = PhoneFields("certificate,name_status");
  ASSERT_TRUE(before.contains("certificate"));  // the default number's name is approved
  // No change requested: Graph leaves out new_display_name and new_name_status.
  Json fresh = PhoneFields("name_status,new_display_name,new_name_status");
  EXPECT_FALSE(fresh.contains("new_display_name"));
  EXPECT_FALSE(fresh.contains("new_name_status"));
  ASSERT_EQ(Admin("PATCH", std::string("/_sim/phone_numbers/") + D::kPhoneNumberId,
                  R"({"name_status":"PENDING_REVIEW"})")
                .status,
            200);
  EXPECT_FALSE(PhoneFields("certificate,name_status").contains("certificate"));  // Meta: not while pending
  ASSERT_EQ(NameReview(R"({"decision":"APPROVED"})").status, 200);
  EXPECT_EQ(PhoneFields("certificate")["certificate"], before["certificate"]);  // same number, same name
  // An approved change of name: a new certificate, for the new name.
  ASSERT_EQ(h_.Post(D::kPhoneNumberId, R"({"new_display_name":"New Lucky Shrub"})").status, 200);
  EXPECT_FALSE(PhoneFields("new_name_status,new_certificate").contains("new_certificate"));
  ASSERT_EQ(NameReview(R"({"decision":"APPROVED"})").status, 200);
  Json after = PhoneFields("certificate,new_certificate,new_name_status");
  EXPECT_EQ(after["new_name_status"], "APPROVED");
  EXPECT_EQ(after["new_certificate"], after["certificate"]);
  EXPECT_NE(after["certificate"], before["certificate"]);
}

TEST_F(AccountEventsAdminTest, GraphNewDisplayNameMustBeGiven) {
  FactTap tap(h_.sim());
  EXPECT_GRAPH_ERROR(h_.Post(D::kPhoneNumberId, R"({"new_display_name":""})"), 100);
  EXPECT_GRAPH_ERROR(h_.Post(D::kPhoneNumberId, R"({"colour":"blue"})"), 100);
  EXPECT_TRUE(tap.Of<LifecycleChanged>().empty());
}

TEST_F(AccountEventsAdminTest, A555NumberPendingReviewCannotSendUntilApproved) {
  // The default number is a 555 number (Meta: 131037 until its name is approved).
  auto r = Admin("PATCH", std::string("/_sim/phone_numbers/") + D::kPhoneNumberId,
                 R"({"name_status":"PENDING_REVIEW"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["name_review"]["pending"], true);
  EXPECT_GRAPH_ERROR(Send(kTemplateBody), 131037);
  r = NameReview(R"({"decision":"APPROVED","after":"36h"})");
  ASSERT_EQ(r.status, 200) << r.body;
  h_.sim().AdvanceBy(36 * kHour - 1);
  EXPECT_GRAPH_ERROR(Send(kTemplateBody), 131037);
  h_.sim().AdvanceBy(1);
  EXPECT_EQ(Send(kTemplateBody).status, 200);
}

TEST_F(AccountEventsAdminTest, NameReviewAdminDecidesNowOrLater) {
  FactTap tap(h_.sim());
  auto r = NameReview(
      R"({"new_name":"Jane Doe","decision":"DECLINED","reason":"NAME_INDIVIDUAL_ISSUE","after":"2h"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json review = ParseOrDie(r.body)["name_review"];
  EXPECT_EQ(review["new_display_name"], "Jane Doe");
  EXPECT_EQ(review["decides_at"], FormatIso8601(h_.sim().clock().Now() + 2 * kHour));
  h_.sim().AdvanceBy(2 * kHour);
  auto values = tap.ManagementValues("phone_number_name_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0]["decision"], "REJECTED");
  EXPECT_EQ(values[0]["rejection_reason"], "NAME_INDIVIDUAL_ISSUE");
  // An appeal decided now.
  r = NameReview(R"({"new_name":"Lucky Shrub Garden"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = NameReview(R"({"decision":"APPROVED"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["verified_name"], "Lucky Shrub Garden");
  EXPECT_EQ(tap.ManagementValues("phone_number_name_update").size(), 2u);
}

TEST_F(AccountEventsAdminTest, BadNameReviewBodiesChangeNothing) {
  FactTap tap(h_.sim());
  EXPECT_EQ(NameReview(R"({"decision":"MAYBE"})").status, 400);
  EXPECT_EQ(NameReview(R"({"decision":"APPROVED","reason":"UNKNOWN"})").status, 400);
  EXPECT_EQ(NameReview(R"({"decision":"DECLINED","reason":"TOO_SHORT"})").status, 400);
  EXPECT_EQ(NameReview(R"({"new_name":""})").status, 400);
  EXPECT_EQ(NameReview(R"({"after":"soon","new_name":"X"})").status, 400);
  EXPECT_EQ(NameReview(R"({"colour":"blue"})").status, 400);
  EXPECT_EQ(NameReview(R"({})").status, 400);
  EXPECT_EQ(NameReview(R"({"after":"1h"})").status, 409);  // nothing pending
  EXPECT_EQ(Admin("POST", "/_sim/phone_numbers/999/name_review", R"({"decision":"APPROVED"})").status, 404);
  EXPECT_TRUE(tap.All().empty());
}

TEST_F(AccountEventsAdminTest, AccountViolationIsAnnouncedAsMetaShapesIt) {
  FactTap tap(h_.sim());
  auto r = Event(R"({"event":"ACCOUNT_VIOLATION","violation_type":"ADULT"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto values = tap.ManagementValues("account_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(DumpMeta(values[0]),
            R"({"event":"ACCOUNT_VIOLATION","violation_info":{"violation_type":"ADULT"}})");
}

TEST_F(AccountEventsAdminTest, VerificationAndPricingEventsCarryTheirObjects) {
  FactTap tap(h_.sim());
  ASSERT_EQ(Event(R"({"event":"PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE","status":"FAILED",
                      "rejection_reasons":["MALFORMED DOCUMENTS"]})")
                .status,
            200);
  ASSERT_EQ(Event(R"({"event":"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE","start_time":1748780624})").status, 200);
  auto values = tap.ManagementValues("account_update");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(DumpMeta(values[0]["partner_client_certification_info"]),
            std::string(R"({"client_business_id":")") + D::kBusinessId +
                R"(","status":"FAILED","rejection_reasons":["MALFORMED DOCUMENTS"]})");
  EXPECT_EQ(DumpMeta(values[1]),
            R"({"auth_international_rate_eligibility":{"exception_countries":[],"start_time":1748780624},)"
            R"("event":"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE"})");
  FactTap none(h_.sim());
  EXPECT_EQ(Event(R"({"event":"PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE","status":"LOST"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE","status":"FAILED",
                      "rejection_reasons":["BAD VIBES"]})")
                .status,
            400);
  EXPECT_EQ(Event(R"({"event":"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE","start_time":1,
                      "exception_countries":[{"country_code":"Indonesia","start_time":2}]})")
                .status,
            400);
  EXPECT_TRUE(none.All().empty());
}

TEST_F(AccountEventsAdminTest, ADisabledWabaFailsSendsWith131031UntilReinstated) {
  FactTap tap(h_.sim());
  auto r = Event(R"({"event":"DISABLED_UPDATE","ban_state":"DISABLE"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["ban_state"], "DISABLE");
  auto values = tap.ManagementValues("account_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0]["ban_info"]["waba_ban_state"], "DISABLE");
  EXPECT_EQ(values[0]["ban_info"]["waba_ban_date"], accounts::BanDate(h_.sim().clock().Now()));
  ASSERT_EQ(Send(kTemplateBody).status, 200);
  h_.sim().AdvanceBy(10 * kSecond);
  EXPECT_EQ(FailedCodes(tap), std::vector<int>{131031});
  ASSERT_EQ(Event(R"({"event":"DISABLED_UPDATE","ban_state":"REINSTATE"})").status, 200);
  FactTap after(h_.sim());
  ASSERT_EQ(Send(kTemplateBody).status, 200);
  h_.sim().AdvanceBy(10 * kSecond);
  EXPECT_TRUE(FailedCodes(after).empty());
}

TEST_F(AccountEventsAdminTest, ARestrictionOnBusinessInitiatedMessagingBlocksTemplatesFor3Days) {
  FactTap tap(h_.sim());
  auto r = Event(
      R"({"event":"ACCOUNT_RESTRICTION","restriction_info":[{"restriction_type":"RESTRICTED_BIZ_INITIATED_MESSAGING","after":"3d"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto values = tap.ManagementValues("account_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0]["restriction_info"][0]["expiration"], UnixSeconds(h_.sim().clock().Now() + 3 * kDay));
  EXPECT_GRAPH_ERROR(Send(kTemplateBody), 368);
  EXPECT_EQ(Send(kTextBody).status, 200);  // replies are not business-initiated
  h_.sim().AdvanceBy(3 * kDay - 1);
  EXPECT_GRAPH_ERROR(Send(kTemplateBody), 368);
  h_.sim().AdvanceBy(1);
  EXPECT_EQ(Send(kTemplateBody).status, 200);
}

TEST_F(AccountEventsAdminTest, BadEventsChangeNothing) {
  FactTap tap(h_.sim());
  EXPECT_EQ(Event(R"({"event":"PARTY"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"ACCOUNT_VIOLATION"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"ACCOUNT_VIOLATION","violation_type":"adult"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"DISABLED_UPDATE","ban_state":"OFF"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"ACCOUNT_DELETED","why":"x"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE","country":"India"})").status, 400);
  EXPECT_EQ(Event(R"({"event":"ACCOUNT_RESTRICTION","restriction_info":[]})").status, 400);
  EXPECT_EQ(
      Event(
          R"({"event":"ACCOUNT_RESTRICTION","restriction_info":[{"restriction_type":"X","after":"3d","expiration":1}]})")
          .status,
      400);
  EXPECT_EQ(
      Event(
          R"({"event":"ACCOUNT_RESTRICTION","phone_number_id":"999","restriction_info":[{"restriction_type":"X"}]})")
          .status,
      400);
  EXPECT_EQ(Admin("POST", "/_sim/wabas/999/events", R"({"event":"ACCOUNT_DELETED"})").status, 404);
  EXPECT_TRUE(tap.All().empty());
  auto w = ParseOrDie(Admin("GET", std::string("/_sim/wabas/") + D::kWabaId, "").body);
  EXPECT_TRUE(w["ban_state"].is_null());
  EXPECT_TRUE(w["templates_blocked_until"].is_null());
}

TEST_F(AccountEventsAdminTest, AWabaReviewDecisionSendsAccountReviewUpdateAndBlocksSends) {
  FactTap tap(h_.sim());
  const std::string path = std::string("/_sim/wabas/") + D::kWabaId;
  ASSERT_EQ(Admin("PATCH", path, R"({"account_review_status":"REJECTED"})").status, 200);
  ASSERT_EQ(Admin("PATCH", path, R"({"account_review_status":"REJECTED"})").status, 200);  // no change
  EXPECT_EQ(Admin("PATCH", path, R"({"account_review_status":"MAYBE"})").status, 400);
  auto values = tap.ManagementValues("account_review_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(DumpMeta(values[0]), R"({"decision":"REJECTED"})");
  ASSERT_EQ(Send(kTemplateBody).status, 200);
  h_.sim().AdvanceBy(10 * kSecond);
  EXPECT_EQ(FailedCodes(tap), std::vector<int>{131031});
}

}  // namespace
}  // namespace wasim::testing

namespace wasim::testing {
namespace {

// POST /_sim/wabas/{id}/alerts answers the alert as sent; unknown WABAs are
// 404 and bad bodies 400.
TEST(AccountAlertsAdminTest, AnswersTheAlertAndRefusesBadRequests) {
  PipelineHarness h;
  AdminApi admin(h.sim());
  auto post = [&](const std::string& waba, const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/_sim/wabas/" + waba + "/alerts";
    r.body = body;
    return *admin.Handle(r);
  };
  auto ok = post(D::kWabaId, R"({"alert_type":"OBA_APPROVED"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  Json j = ParseOrDie(ok.body);
  EXPECT_EQ(j["entity_type"], "PHONE_NUMBER");
  EXPECT_EQ(j["entity_id"], D::kPhoneNumberId);
  EXPECT_EQ(j["alert_info"]["alert_type"], "OBA_APPROVED");
  EXPECT_EQ(j["alert_info"]["alert_severity"], "INFORMATIONAL");
  EXPECT_EQ(post("404404", R"({"alert_type":"OBA_APPROVED"})").status, 404);
  EXPECT_EQ(post(D::kWabaId, R"({"alert_type":"NOPE"})").status, 400);
  EXPECT_EQ(post(D::kWabaId, "not json").status, 400);
}

}  // namespace
}  // namespace wasim::testing
