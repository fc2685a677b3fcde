// Display-name review and account events end to end: the app's Graph call or
// Meta's admin-side decision, the virtual clock, and the signed webhooks a
// real receiver gets on loopback.
#include <gtest/gtest.h>

#include "simulator/webhooks/signature.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

constexpr const char* kSecret = "receiver-secret";

ServeConfig ConfigFor(const std::string& url) {
  ServeConfig c;
  c.webhook_url = url;
  c.app_secret = kSecret;
  c.verify_token = "vt";
  c.webhook_timeout_ms = 2000;
  return c;
}

// The default world with the app delivering to `url` and subscribed to the
// account fields (a world of its own does not take the config's webhook flags).
WorldBuilder Subscribed(const std::string& url) {
  return DefaultWorld().EditApp(D::kAppId, [url](App& a) {
    a.callback_url = url;
    a.secret = kSecret;
    a.subscribed_fields = {"messages", "account_update", "account_review_update", "phone_number_name_update"};
  });
}

// The bodies the receiver got for `field`, each checked for Meta's signature.
std::vector<Json> Received(WebhookReceiver& rx, const std::string& field) {
  std::vector<Json> out;
  for (const auto& p : rx.posts()) {
    Json j = Json::parse(p.body);
    if (j["entry"][0]["changes"][0]["field"] != field) continue;
    EXPECT_TRUE(VerifySignatureHeader(kSecret, p.body, p.signature)) << p.signature;
    out.push_back(j);
  }
  return out;
}

TEST(AccountWebhooksTest, ANewDisplayNameIsDecidedAt48HoursAndAnnouncedSigned) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()), Subscribed(rx.url()));
  auto r = server.PostGraph(D::kPhoneNumberId, R"({"new_display_name":"New Lucky Shrub"})");
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(server.Advance("47h59m59s")->status, 200);
  EXPECT_TRUE(Received(rx, "phone_number_name_update").empty());
  ASSERT_EQ(server.Advance("1s")->status, 200);
  auto got = Received(rx, "phone_number_name_update");
  ASSERT_EQ(got.size(), 1u);
  const Json& entry = got[0]["entry"][0];
  EXPECT_EQ(entry["id"], D::kWabaId);
  EXPECT_EQ(entry["time"], UnixSeconds(server.sim().clock().Now()));
  EXPECT_EQ(
      DumpMeta(entry["changes"][0]["value"]),
      std::string(R"({"display_phone_number":")") + D::kDisplayPhoneNumber +
          R"(","decision":"APPROVED","requested_verified_name":"New Lucky Shrub","rejection_reason":null})");
  auto phone = server.GetGraph(std::string(D::kPhoneNumberId) + "?fields=verified_name,name_status");
  EXPECT_EQ(ParseOrDie(phone->body)["verified_name"], "New Lucky Shrub");
}

TEST(AccountWebhooksTest, ADisabledWabaIsAnnouncedAndItsSendsFailWith131031) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()), Subscribed(rx.url()));
  auto r = server.client().Post(
      (std::string("/_sim/wabas/") + D::kWabaId + "/events").c_str(),
      R"({"event":"DISABLED_UPDATE","ban_state":"DISABLE","ban_date":"January 1, 2026"})",
      "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  auto send = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  ASSERT_EQ(send->status, 200) << send->body;
  ASSERT_EQ(server.Advance("10s")->status, 200);
  auto updates = Received(rx, "account_update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(
      DumpMeta(updates[0]["entry"][0]["changes"][0]["value"]),
      R"({"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":"DISABLE","waba_ban_date":"January 1, 2026"}})");
  bool failed_131031 = false;
  for (const Json& m : Received(rx, "messages")) {
    const Json& v = m["entry"][0]["changes"][0]["value"];
    if (v.contains("statuses") && v["statuses"][0]["status"] == "failed")
      failed_131031 = v["statuses"][0]["errors"][0]["code"] == 131031;
  }
  EXPECT_TRUE(failed_131031);
}

TEST(AccountWebhooksTest, AWabaReviewDecisionIsAnnounced) {
  WebhookReceiver rx;
  LoopbackServer server(ConfigFor(rx.url()), Subscribed(rx.url()));
  auto r = server.client().Patch((std::string("/_sim/wabas/") + D::kWabaId).c_str(),
                                 R"({"account_review_status":"DEFERRED"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(server.Advance("1s")->status, 200);
  auto got = Received(rx, "account_review_update");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(DumpMeta(got[0]["entry"][0]["changes"][0]["value"]), R"({"decision":"DEFERRED"})");
}

}  // namespace
}  // namespace wasim::testing
