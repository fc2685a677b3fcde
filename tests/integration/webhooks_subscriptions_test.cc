// Graph webhook subscriptions with Meta's verification handshake against a
// real receiver: /{app-id}/subscriptions and /{waba-id}/subscribed_apps.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

const std::string kAppToken = std::string(D::kAppId) + "|" + D::kAppSecret;

httplib::Result Delete(LoopbackServer& s, const std::string& path, const std::string& token) {
  httplib::Headers h{{"Authorization", "Bearer " + token}};
  return s.client().Delete(("/v23.0/" + path).c_str(), h);
}

std::string SubscribeBody(const std::string& url, const std::string& token) {
  Json b = Json::object();
  b["object"] = "whatsapp_business_account";
  b["callback_url"] = url;
  b["verify_token"] = token;
  b["fields"] = "messages,account_update";
  return b.dump();
}

Json Subscriptions(LoopbackServer& s) {
  auto r = s.GetGraph(std::string(D::kAppId) + "/subscriptions", kAppToken);
  EXPECT_EQ(r->status, 200) << r->body;
  return ParseOrDie(r->body)["data"];
}

TEST(WebhooksSubscriptionsTest, AppSubscriptionRunsTheHandshakeThenDeliversThere) {
  WebhookReceiver rx;
  LoopbackServer server;
  auto r = server.PostGraph(std::string(D::kAppId) + "/subscriptions",
                            SubscribeBody(rx.url("/wh"), "my token"), kAppToken);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(ParseOrDie(r->body)["success"], true);
  auto gets = rx.gets();
  ASSERT_EQ(gets.size(), 1u);
  EXPECT_EQ(gets[0].path, "/wh");
  EXPECT_EQ(gets[0].hub_mode, "subscribe");
  EXPECT_EQ(gets[0].hub_verify_token, "my token");
  EXPECT_FALSE(gets[0].hub_challenge.empty());
  Json data = Subscriptions(server);
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]["object"], "whatsapp_business_account");
  EXPECT_EQ(data[0]["callback_url"], rx.url("/wh"));
  EXPECT_EQ(data[0]["active"], true);
  EXPECT_EQ(data[0]["fields"][1]["name"], "account_update");
  EXPECT_EQ(data[0]["fields"][0]["version"], "v23.0");

  auto send = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  ASSERT_EQ(send->status, 200);
  ASSERT_EQ(server.Advance("10s")->status, 200);
  EXPECT_GE(rx.posts().size(), 1u);
}

TEST(WebhooksSubscriptionsTest, FailedHandshakeIsMetas2200AndChangesNothing) {
  WebhookReceiver good, wrong, missing;
  wrong.set_echo_challenge(false);
  missing.set_get_status(404);
  LoopbackServer server;
  ASSERT_EQ(
      server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody(good.url(), "t"), kAppToken)
          ->status,
      200);

  auto r =
      server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody(wrong.url(), "t"), kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCallbackVerificationFailed);
  Json err = ParseOrDie(r->body)["error"];
  EXPECT_EQ(err["message"].get<std::string>().rfind(
                "(#2200) Callback verification failed with the following errors: ", 0),
            0u);
  EXPECT_NE(err["message"].get<std::string>().find("does not match challenge"), std::string::npos);

  r = server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody(missing.url(), "t"),
                       kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCallbackVerificationFailed);
  EXPECT_NE(r->body.find("HTTP Status Code = 404"), std::string::npos);

  r = server.PostGraph(std::string(D::kAppId) + "/subscriptions",
                       SubscribeBody("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/", "t"),
                       kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCallbackVerificationFailed);

  r = server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody("ftp://example.test/wh", "t"),
                       kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kInvalidParameter);

  EXPECT_EQ(Subscriptions(server)[0]["callback_url"], good.url());  // unchanged
}

TEST(WebhooksSubscriptionsTest, AppSubscriptionsNeedAnAppTokenAndValidParams) {
  LoopbackServer server;
  WebhookReceiver rx;
  auto r = server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody(rx.url(), "t"));
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kAppAccessTokenRequired);
  r = server.PostGraph(std::string(D::kAppId) + "/subscriptions",
                       R"({"object":"page","callback_url":"http://x.test/"})", kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kInvalidParameter);
  r = server.PostGraph(
      std::string(D::kAppId) + "/subscriptions",
      R"({"object":"whatsapp_business_account","callback_url":"http://x.test/","fields":"nope"})", kAppToken);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kInvalidParameter);
  EXPECT_TRUE(rx.gets().empty());
  EXPECT_EQ(Subscriptions(server).size(), 0u);

  ASSERT_EQ(
      server.PostGraph(std::string(D::kAppId) + "/subscriptions", SubscribeBody(rx.url(), "t"), kAppToken)
          ->status,
      200);
  ASSERT_EQ(
      Delete(server, std::string(D::kAppId) + "/subscriptions?fields=account_update", kAppToken)->status,
      200);
  EXPECT_EQ(Subscriptions(server)[0]["fields"].size(), 1u);
  ASSERT_EQ(
      Delete(server, std::string(D::kAppId) + "/subscriptions?object=whatsapp_business_account", kAppToken)
          ->status,
      200);
  EXPECT_EQ(Subscriptions(server).size(), 0u);
}

TEST(WebhooksSubscriptionsTest, WabaOverrideCallbackIsVerifiedListedUsedAndRemoved) {
  WebhookReceiver app_rx, alt_rx, bad_rx;
  bad_rx.set_echo_challenge(false);
  ServeConfig c;
  c.webhook_url = app_rx.url();
  LoopbackServer server(c);
  std::string path = std::string(D::kWabaId) + "/subscribed_apps";

  auto r =
      server.PostGraph(path, R"({"override_callback_uri":")" + bad_rx.url() + R"(","verify_token":"v"})");
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kCallbackVerificationFailed);
  r = server.PostGraph(path, R"({"override_callback_uri":")" + alt_rx.url() + R"("})");
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kInvalidParameter);  // verify_token required

  r = server.PostGraph(path, R"({"override_callback_uri":")" + alt_rx.url() + R"(","verify_token":"v"})");
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(alt_rx.gets().size(), 1u);
  EXPECT_EQ(alt_rx.gets()[0].hub_verify_token, "v");
  Json listed = ParseOrDie(server.GetGraph(path)->body)["data"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["whatsapp_business_api_data"]["id"], D::kAppId);
  EXPECT_EQ(listed[0]["override_callback_uri"], alt_rx.url());

  auto send = [&] {
    auto s = server.PostGraph(
        std::string(D::kPhoneNumberId) + "/messages",
        R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
    ASSERT_EQ(s->status, 200);
    ASSERT_EQ(server.Advance("2s")->status, 200);
  };
  send();
  EXPECT_EQ(alt_rx.posts().size(), 1u);
  EXPECT_EQ(app_rx.posts().size(), 0u);

  // Meta: subscribing again without a body removes the override.
  ASSERT_EQ(server.PostGraph(path, "{}")->status, 200);
  EXPECT_FALSE(ParseOrDie(server.GetGraph(path)->body)["data"][0].contains("override_callback_uri"));
  send();
  EXPECT_EQ(app_rx.posts().size(), 1u);

  ASSERT_EQ(Delete(server, path, D::kAccessToken)->status, 200);
  EXPECT_EQ(ParseOrDie(server.GetGraph(path)->body)["data"].size(), 0u);
  size_t before = app_rx.posts().size() + alt_rx.posts().size();
  send();
  ASSERT_EQ(server.Advance("1m")->status, 200);
  EXPECT_EQ(app_rx.posts().size() + alt_rx.posts().size(), before);  // unsubscribed: nothing
}

}  // namespace
}  // namespace wasim::testing
