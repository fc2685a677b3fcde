// Coexistence end to end over loopback with a real webhook receiver: Embedded
// Signup -> code exchange -> subscribed_apps (PARTNER_ADDED) -> smb_app_data
// (contacts and history webhooks) -> an echo -> heartbeat -> disconnection
// for inactivity (PARTNER_REMOVED) -> sends fail.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

constexpr const char* kWaba = "200000000000001";
constexpr const char* kPhone = "300000000000001";

WorldBuilder World(const std::string& callback_url) {
  WorldBuilder w = DefaultWorld();
  w.EditApp(D::kAppId, [callback_url](App& a) {
    a.callback_url = callback_url;
    a.subscribed_fields = {"messages", "account_update", "history", "smb_app_state_sync",
                           "smb_message_echoes"};
  });
  Waba waba;
  waba.id = kWaba;
  waba.name = "Lucky Shrub";
  waba.business_id = D::kBusinessId;
  w.Add(waba);
  PhoneNumber p;
  p.id = kPhone;
  p.waba_id = kWaba;
  p.display_phone_number = "15550009999";
  p.verified_name = "Lucky Shrub";
  p.mode = NumberMode::kCoexistence;
  p.business_app.companions = 1;
  p.business_app.contacts = {{"16505551234", "Pablo Morales", "Pablo"}};
  p.business_app.threads = {
      {"16505551234",
       {{3 * kHour, false, "text", "In stock?", "READ"}, {2 * kHour, true, "image", "Here", "DELIVERED"}}}};
  w.Add(p);
  return w;
}

std::vector<Json> Values(WebhookReceiver& rx, const std::string& field) {
  std::vector<Json> out;
  for (const auto& p : rx.posts()) {
    Json body = ParseOrDie(p.body);
    for (const auto& e : body["entry"])
      for (const auto& c : e["changes"])
        if (c["field"] == field) out.push_back(c["value"]);
  }
  return out;
}

httplib::Result Admin(LoopbackServer& s, const std::string& path, const Json& body) {
  return s.client().Post(path.c_str(), body.dump(), "application/json");
}

TEST(CoexistenceLoopbackTest, OnboardSyncEchoHeartbeatThenDisconnect) {
  WebhookReceiver rx;
  LoopbackServer server(ServeConfig{}, World(rx.url("/wh")));

  // 1. Embedded Signup finishes for the business app number.
  auto es = Admin(server, "/_sim/onboarding",
                  {{"business_id", D::kBusinessId},
                   {"waba_id", kWaba},
                   {"phone_number_id", kPhone},
                   {"mode", "coexistence"}});
  ASSERT_EQ(es->status, 200) << es->body;
  Json signup = ParseOrDie(es->body);
  EXPECT_EQ(signup["session_event"]["event"], "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING");
  const std::string code = signup["code"];
  Json app = ParseOrDie(
      server.client().Get((std::string("/_sim/phone_numbers/") + kPhone + "/business_app").c_str())->body);
  EXPECT_EQ(app["companions"], 0);  // Meta: onboarding unlinks every companion
  EXPECT_EQ(app["companions_unlinked_at_onboarding"], 1);
  EXPECT_EQ(app["connected"], true);

  // 2. The code becomes a token for the new WABA; the default token has no access to it.
  auto wrong = server.client().Get(
      ("/v23.0/oauth/access_token?client_id=" + std::string(D::kAppId) + "&client_secret=nope&code=" + code)
          .c_str());
  EXPECT_GRAPH_ERROR(*wrong, 1);
  auto tok = server.client().Get(("/v23.0/oauth/access_token?client_id=" + std::string(D::kAppId) +
                                  "&client_secret=" + D::kAppSecret + "&code=" + code)
                                     .c_str());
  ASSERT_EQ(tok->status, 200) << tok->body;
  const std::string token = ParseOrDie(tok->body)["access_token"];
  EXPECT_EQ(ParseOrDie(tok->body)["token_type"], "bearer");
  auto again = server.client().Get(("/v23.0/oauth/access_token?client_id=" + std::string(D::kAppId) +
                                    "&client_secret=" + D::kAppSecret + "&code=" + code)
                                       .c_str());
  EXPECT_EQ(ParseOrDie(again->body)["error"]["error_subcode"], 36009);
  auto debug = server.GetGraph("debug_token?input_token=" + token, token);
  ASSERT_EQ(debug->status, 200) << debug->body;
  EXPECT_EQ(ParseOrDie(debug->body)["data"]["granular_scopes"][0]["target_ids"][0], kWaba);
  auto number = server.GetGraph(std::string(kPhone) + "?fields=is_on_biz_app,platform_type", token);
  ASSERT_EQ(number->status, 200) << number->body;
  EXPECT_EQ(ParseOrDie(number->body)["is_on_biz_app"], true);
  EXPECT_EQ(ParseOrDie(number->body)["platform_type"], "CLOUD_API");
  EXPECT_EQ(server.GetGraph(kPhone)->status, 400);  // the default token: no access

  // 3. Subscribing the app announces the share.
  auto sub = server.PostGraph(std::string(kWaba) + "/subscribed_apps", "{}", token);
  ASSERT_EQ(sub->status, 200) << sub->body;
  ASSERT_EQ(server.Advance("1s")->status, 200);
  auto added = Values(rx, "account_update");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0]["event"], "PARTNER_ADDED");
  EXPECT_EQ(added[0]["waba_info"]["waba_id"], kWaba);

  // 4. Contacts and history sync, delivered from the timeline.
  for (const char* type : {"smb_app_state_sync", "history"}) {
    auto r = server.PostGraph(std::string(kPhone) + "/smb_app_data",
                              Json{{"messaging_product", "whatsapp"}, {"sync_type", type}}.dump(), token);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(ParseOrDie(r->body)["messaging_product"], "whatsapp");
    EXPECT_FALSE(ParseOrDie(r->body)["request_id"].get<std::string>().empty());
  }
  auto twice = server.PostGraph(std::string(kPhone) + "/smb_app_data",
                                R"({"messaging_product":"whatsapp","sync_type":"history"})", token);
  EXPECT_GRAPH_ERROR(*twice, 2593107);
  EXPECT_TRUE(Values(rx, "history").empty());
  ASSERT_EQ(server.Advance("1m")->status, 200);
  auto contacts = Values(rx, "smb_app_state_sync");
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0]["state_sync"][0]["contact"]["phone_number"], "16505551234");
  auto history = Values(rx, "history");
  ASSERT_EQ(history.size(), 2u);  // the phase 0 chunk, then the image's contents
  EXPECT_EQ(history[0]["history"][0]["metadata"]["progress"], 100);
  EXPECT_EQ(history[0]["history"][0]["threads"][0]["messages"][1]["type"], "media_placeholder");
  // The business's own image: under message_echoes with `to` (Meta: BSUID page, history).
  EXPECT_EQ(history[1]["message_echoes"][0]["type"], "image");
  EXPECT_EQ(history[1]["message_echoes"][0]["to"], "16505551234");
  EXPECT_FALSE(history[1].contains("messages"));

  // 5. The business replies from the app: an echo.
  auto echo = Admin(server, std::string("/_sim/phone_numbers/") + kPhone + "/business_app",
                    {{"action", "sent_message"}, {"to", "16505551234"}, {"text", "On its way"}});
  ASSERT_EQ(echo->status, 200) << echo->body;
  ASSERT_EQ(server.Advance("1s")->status, 200);
  auto echoes = Values(rx, "smb_message_echoes");
  ASSERT_EQ(echoes.size(), 1u);
  EXPECT_EQ(echoes[0]["message_echoes"][0]["text"]["body"], "On its way");

  // 6. A heartbeat on day 10 carries the number past day 14; 14 days later it is gone.
  ASSERT_EQ(server.Advance("10d")->status, 200);
  ASSERT_EQ(
      Admin(server, std::string("/_sim/phone_numbers/") + kPhone + "/business_app", {{"action", "opened"}})
          ->status,
      200);
  ASSERT_EQ(server.Advance("13d")->status, 200);
  EXPECT_EQ(Values(rx, "account_update").size(), 1u);  // still only PARTNER_ADDED
  const std::string send =
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"Your order shipped"}})";
  ASSERT_EQ(server.PostGraph(std::string(kPhone) + "/messages", send, token)->status, 200);
  ASSERT_EQ(server.Advance("1d")->status, 200);
  auto updates = Values(rx, "account_update");
  ASSERT_EQ(updates.size(), 2u);
  EXPECT_EQ(updates[1]["event"], "PARTNER_REMOVED");
  EXPECT_EQ(updates[1]["phone_number"], "15550009999");
  EXPECT_EQ(updates[1]["disconnection_info"]["reason"], "PRIMARY_INACTIVITY");
  EXPECT_EQ(updates[1]["disconnection_info"]["initiated_by"], "SYSTEM");

  Json state = ParseOrDie(server.client().Get("/_sim/state")->body);
  for (const auto& p : state["phone_numbers"])
    if (p["id"] == kPhone) EXPECT_EQ(p["business_app"]["connected"], false);
  // 7. Sends fail now.
  auto refused = server.PostGraph(std::string(kPhone) + "/messages", send, token);
  EXPECT_GRAPH_ERROR(*refused, 133010);
}

}  // namespace
}  // namespace wasim::testing
