// Fields of the phone number, WABA and template nodes (?fields=), derived
// from state, including version-gated ones and health_status.
#include <gtest/gtest.h>

#include "simulator/domain/accounts/account_events.h"
#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

HttpResponse GetAt(PipelineHarness& h, const std::string& version, const std::string& node,
                   const std::string& fields) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/" + version + "/" + node;
  r.query.emplace("fields", fields);
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  return h.Send(r);
}

TEST(NodeFieldsTest, BusinessManagerMessagingLimitExistsFromV24) {
  PipelineHarness h;
  auto v23 = GetAt(h, "v23.0", D::kPhoneNumberId, "whatsapp_business_manager_messaging_limit");
  EXPECT_GRAPH_ERROR(v23, 100);
  EXPECT_NE(ParseOrDie(v23.body)["error"]["message"].get<std::string>().find("nonexisting field"),
            std::string::npos);
  auto v24 = GetAt(h, "v24.0", D::kPhoneNumberId, "whatsapp_business_manager_messaging_limit");
  ASSERT_EQ(v24.status, 200) << v24.body;
  EXPECT_EQ(ParseOrDie(v24.body)["whatsapp_business_manager_messaging_limit"], "TIER_250");
  auto waba = GetAt(h, "v24.0", D::kWabaId, "whatsapp_business_manager_messaging_limit");
  ASSERT_EQ(waba.status, 200) << waba.body;
  EXPECT_EQ(ParseOrDie(waba.body)["whatsapp_business_manager_messaging_limit"], "TIER_250");
  EXPECT_GRAPH_ERROR(GetAt(h, "v23.0", D::kWabaId, "whatsapp_business_manager_messaging_limit"), 100);
}

TEST(NodeFieldsTest, UnknownFieldStillFailsTheRequest) {
  PipelineHarness h;
  EXPECT_GRAPH_ERROR(h.Get(std::string(D::kPhoneNumberId) + "?fields=health_status,no_such_field"), 100);
  EXPECT_GRAPH_ERROR(h.Get(std::string(D::kWabaId) + "?fields=ownership_type,no_such_field"), 100);
}

TEST(NodeFieldsTest, LastOnboardedTimeIsWhenEmbeddedSignupFinished) {
  PipelineHarness h(DefaultWorld().EditPhone(D::kPhoneNumberId,
                                             [](PhoneNumber& p) { p.onboarded_at = kDefaultManualStart; }));
  auto r = h.Get(std::string(D::kPhoneNumberId) + "?fields=last_onboarded_time");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["last_onboarded_time"], "1767225600");
  // A number onboarded before the simulation began has none: left out.
  PipelineHarness before;
  Json j = ParseOrDie(before.Get(std::string(D::kPhoneNumberId) + "?fields=last_onboarded_time").body);
  EXPECT_FALSE(j.contains("last_onboarded_time")) << j.dump();
  EXPECT_EQ(j["id"], D::kPhoneNumberId);
}

TEST(NodeFieldsTest, WebhookConfigurationListsTheCallbacksThatApply) {
  PipelineHarness h(
      DefaultWorld()
          .EditApp(D::kAppId, [](App& a) { a.callback_url = "https://app.example/webhook"; })
          .EditWaba(D::kWabaId, [](Waba& w) { w.override_callback_uri = "https://waba.example/hook"; }));
  auto r = h.Get(std::string(D::kPhoneNumberId) + "?fields=webhook_configuration");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["webhook_configuration"],
            Json({{"whatsapp_business_account", "https://waba.example/hook"},
                  {"application", "https://app.example/webhook"}}));
}

TEST(NodeFieldsTest, PhoneHealthIsBlockedWhenNotRegistered) {
  PipelineHarness h(
      DefaultWorld().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.registered = false; }));
  Json j = ParseOrDie(h.Get(std::string(D::kPhoneNumberId) + "?fields=health_status").body);
  EXPECT_EQ(j["health_status"]["can_send_message"], "BLOCKED");
  const Json& phone = j["health_status"]["entities"][0];
  EXPECT_EQ(phone["entity_type"], "PHONE_NUMBER");
  EXPECT_EQ(phone["errors"][0]["error_code"], 133010);
}

TEST(NodeFieldsTest, WabaHealthIsBlockedWhileLockedAndListsWabaBusinessApp) {
  PipelineHarness h(DefaultWorld().EditWaba(D::kWabaId, [](Waba& w) { w.locked = true; }));
  Json j = ParseOrDie(h.Get(std::string(D::kWabaId) + "?fields=health_status").body);
  const Json& hs = j["health_status"];
  EXPECT_EQ(hs["can_send_message"], "BLOCKED");
  ASSERT_EQ(hs["entities"].size(), 3u);
  EXPECT_EQ(hs["entities"][0]["entity_type"], "WABA");
  EXPECT_EQ(hs["entities"][0]["can_send_message"], "BLOCKED");
  EXPECT_EQ(hs["entities"][1]["entity_type"], "BUSINESS");
  EXPECT_EQ(hs["entities"][1]["id"], D::kBusinessId);
  EXPECT_EQ(hs["entities"][2]["entity_type"], "APP");
  EXPECT_EQ(hs["entities"][2]["id"], D::kAppId);
}

TEST(NodeFieldsTest, WabaOwnershipTypeFollowsTheToken) {
  PipelineHarness h(DefaultWorld().Add([] {
    AccessToken t;
    t.token = "EAAintegration";
    t.app_id = D::kAppId;
    t.type = "BUSINESS_INTEGRATION";
    t.waba_ids = {D::kWabaId};
    return t;
  }()));
  EXPECT_EQ(ParseOrDie(h.Get(std::string(D::kWabaId) + "?fields=ownership_type").body)["ownership_type"],
            "SELF_OWNED");
  EXPECT_EQ(
      ParseOrDie(
          h.Get(std::string(D::kWabaId) + "?fields=ownership_type", "EAAintegration").body)["ownership_type"],
      "CLIENT_OWNED");
}

TEST(NodeFieldsTest, DefaultFieldSetsAreUnchanged) {
  PipelineHarness h;
  Json phone = ParseOrDie(h.Get(D::kPhoneNumberId).body);
  EXPECT_FALSE(phone.contains("health_status"));
  EXPECT_FALSE(phone.contains("webhook_configuration"));
  Json waba = ParseOrDie(h.Get(D::kWabaId).body);
  EXPECT_EQ(waba.size(), 4u) << waba.dump();
  Json tmpl = ParseOrDie(h.Get(D::kHelloWorldTemplateId).body);
  EXPECT_FALSE(tmpl.contains("health_status"));
  EXPECT_FALSE(tmpl.contains("previous_category"));
}

TEST(NodeFieldsTest, PreviousCategoryAfterAnEditChangesIt) {
  // Meta: only APPROVED, REJECTED or PAUSED templates are edited, and an
  // approved one keeps its category: a rejected one is re-categorised here.
  MessageTemplate t;
  t.id = "900000000000077";
  t.waba_id = D::kWabaId;
  t.name = "order_note";
  t.language = "en_US";
  t.category = "UTILITY";
  t.status.state = TemplateStatus::kRejected;
  t.components = Json::parse(R"([{"type":"BODY","text":"Your order shipped"}])");
  PipelineHarness h(DefaultWorld().Add(t));
  Json before = ParseOrDie(h.Get(t.id + "?fields=previous_category,category").body);
  EXPECT_FALSE(before.contains("previous_category")) << before.dump();
  auto edit = h.Post(t.id, R"({"category":"MARKETING"})");
  ASSERT_EQ(edit.status, 200) << edit.body;
  Json after = ParseOrDie(h.Get(t.id + "?fields=previous_category,category").body);
  EXPECT_EQ(after["previous_category"], "UTILITY");
  EXPECT_EQ(after["category"], "MARKETING");
}

TEST(NodeFieldsTest, TemplateHealthIsAvailableWhenApproved) {
  PipelineHarness h;
  Json j = ParseOrDie(h.Get(std::string(D::kHelloWorldTemplateId) + "?fields=health_status").body);
  EXPECT_EQ(j["health_status"]["can_send_message"], "AVAILABLE");
  EXPECT_EQ(j["health_status"]["entities"][0]["entity_type"], "MESSAGE_TEMPLATE");
  EXPECT_EQ(j["health_status"]["entities"][0]["id"], D::kHelloWorldTemplateId);
}

}  // namespace
}  // namespace wasim::testing

namespace wasim::testing {
namespace {

// Meta (whatsapp-business-account-api reference): country and
// primary_business_location are ISO codes; the location is what the account
// event BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE announced (left out before).
TEST(NodeCountryFieldsTest, CountriesAreIsoCodesAndTheLocationFollowsItsEvent) {
  PipelineHarness h;
  Json waba = ParseOrDie(h.Get(std::string(D::kWabaId) + "?fields=country,primary_business_location").body);
  EXPECT_EQ(waba["country"], "US");  // the WABA's number is +1 555…
  EXPECT_FALSE(waba.contains("primary_business_location"));
  h.sim().WithLock([](Ctx& ctx) {
    ASSERT_TRUE(accounts::RaiseAccountEvent(
        ctx, D::kWabaId, {{"event", "BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE"}, {"country", "IN"}}));
  });
  waba = ParseOrDie(h.Get(std::string(D::kWabaId) + "?fields=primary_business_location").body);
  EXPECT_EQ(waba["primary_business_location"], "IN");
  Json phone =
      ParseOrDie(h.Get(std::string(D::kPhoneNumberId) + "?fields=country_code,country_dial_code").body);
  EXPECT_EQ(phone["country_code"], "US");
  EXPECT_EQ(phone["country_dial_code"], "1");
}

// Meta's WhatsAppBusinessUnifiedCertStatus: the reference's examples pair
// APPROVED with an approved name and NAME_PENDING_REVIEW with one in review.
TEST(NodeFieldsTest, UnifiedCertStatusFollowsTheNameAndTheAccountReview) {
  auto cert = [](WorldBuilder w) {
    PipelineHarness h(std::move(w));
    auto r = h.Get(std::string(D::kPhoneNumberId) + "?fields=unified_cert_status");
    EXPECT_EQ(r.status, 200) << r.body;
    return ParseOrDie(r.body).value("unified_cert_status", std::string());
  };
  EXPECT_EQ(cert(DefaultWorld()), "APPROVED");
  EXPECT_EQ(cert(DefaultWorld().EditPhone(
                D::kPhoneNumberId, [](PhoneNumber& p) { p.name_status = NameStatus::kPendingReview; })),
            "NAME_PENDING_REVIEW");
  EXPECT_EQ(cert(DefaultWorld().EditPhone(D::kPhoneNumberId,
                                          [](PhoneNumber& p) { p.name_status = NameStatus::kDeclined; })),
            "NAME_NOT_APPROVED");
  EXPECT_EQ(cert(DefaultWorld().EditWaba(D::kWabaId, [](Waba& w) { w.account_review_status = "PENDING"; })),
            "ACCOUNT_REVIEW_NOT_STARTED");
}

// WABA fields of Meta's reference: selectable; without a value they are left out.
TEST(NodeFieldsTest, WabaReferenceFieldsAreSelectable) {
  PipelineHarness h(DefaultWorld().EditWaba(D::kWabaId, [](Waba& w) { w.purchase_order_number = "PO-7"; }));
  auto r = h.Get(std::string(D::kWabaId) +
                 "?fields=purchase_order_number,is_enabled_for_insights,audiences,schedules,dcc_config");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  EXPECT_EQ(j["purchase_order_number"], "PO-7");
  EXPECT_EQ(j["is_enabled_for_insights"], false);
  for (const char* unset : {"audiences", "schedules", "dcc_config"}) EXPECT_FALSE(j.contains(unset)) << unset;
}

// Meta (analytics.mdx, "Confirming template analytics"): POST
// /{waba-id}?is_enabled_for_insights=true answers {"id": <number>}; it cannot
// be disabled afterwards.
TEST(NodeFieldsTest, ConfirmingTemplateAnalyticsIsForGood) {
  PipelineHarness h;
  auto confirm = [&](const char* value) {
    HttpRequest r;
    r.method = "POST";
    r.path = std::string("/v23.0/") + D::kWabaId;
    r.query.emplace("is_enabled_for_insights", value);
    r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
    return h.Send(r);
  };
  EXPECT_GRAPH_ERROR(confirm("maybe"), 100);
  auto on = confirm("true");
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(ParseOrDie(on.body)["id"], std::stoll(D::kWabaId));  // a number, as in Meta's example
  EXPECT_EQ(
      ParseOrDie(
          h.Get(std::string(D::kWabaId) + "?fields=is_enabled_for_insights").body)["is_enabled_for_insights"],
      true);
  EXPECT_GRAPH_ERROR(confirm("false"), 100);
  EXPECT_EQ(
      ParseOrDie(
          h.Get(std::string(D::kWabaId) + "?fields=is_enabled_for_insights").body)["is_enabled_for_insights"],
      true);
}

}  // namespace
}  // namespace wasim::testing
