// Over real HTTP on loopback, with a real webhook receiver: a number fresh
// from Embedded Signup is verified (request_code, the simulated phone's
// codes, verify_code), registered, sends a delivered message, is deregistered
// and then fails to send with 133010.
#include <gtest/gtest.h>

#include "simulator/domain/world/default_world.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

// The default world, its app's webhooks to `url`, its number as after Embedded Signup.
WorldBuilder UnregisteredWorld(const std::string& url) {
  return DefaultWorld().Then(WorldBuilder()
                                 .EditApp(D::kAppId, [url](App& a) { a.callback_url = url; })
                                 .EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) {
                                   p.registered = false;
                                   p.status = PhoneStatus::kPending;
                                   p.platform_type = PlatformType::kNotApplicable;
                                   p.code_verification_status = CodeVerificationStatus::kNotVerified;
                                   p.undelivered_code_methods = {"SMS"};
                                 }));
}

std::string Path(const std::string& edge) {
  return std::string(D::kPhoneNumberId) + (edge.empty() ? "" : "/" + edge);
}

const char* kTemplate = R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                        R"("template":{"name":"hello_world","language":{"code":"en_US"}}})";

Json Fields(LoopbackServer& server) {
  auto r = server.GetGraph(Path("") + "?fields=code_verification_status,status,platform_type,name_status");
  EXPECT_TRUE(r && r->status == 200);
  return ParseOrDie(r->body);
}

TEST(RegistrationLoopbackTest, VerifyRegisterSendDeregisterThenSendsFail133010) {
  WebhookReceiver rx;
  LoopbackServer server(ServeConfig{}, UnregisteredWorld(rx.url()));

  Json before = Fields(server);
  EXPECT_EQ(before["code_verification_status"], "NOT_VERIFIED");
  EXPECT_EQ(before["platform_type"], "NOT_APPLICABLE");
  EXPECT_GRAPH_ERROR(*server.PostGraph(Path("messages"), kTemplate), ErrorCode::kNotRegistered);

  // SMS is filtered by the carrier: success, but the phone never sees it. Query-string parameters, as Meta's
  // example.
  auto sms = server.PostGraph(Path("request_code") + "?code_method=SMS&language=en_US", "{}");
  ASSERT_EQ(sms->status, 200) << sms->body;
  EXPECT_EQ(ParseOrDie(sms->body), Json({{"success", true}}));
  auto voice = server.PostGraph(Path("request_code"), R"({"code_method":"VOICE","language":"en_US"})");
  ASSERT_EQ(voice->status, 200) << voice->body;

  Json codes =
      ParseOrDie(server.client().Get(("/_sim/phone_numbers/" + Path("codes")).c_str())->body)["data"];
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0]["method"], "SMS");
  EXPECT_EQ(codes[0]["delivered"], false);
  EXPECT_EQ(codes[1]["method"], "VOICE");
  EXPECT_EQ(codes[1]["delivered"], true);
  EXPECT_EQ(codes[1]["used"], false);
  EXPECT_EQ(codes[1]["language"], "en_US");
  ASSERT_TRUE(codes[1]["expires_at"].is_string());
  const std::string code = codes[1]["code"];

  // Before verification, register needs re-verification (133006).
  EXPECT_GRAPH_ERROR(
      *server.PostGraph(Path("register"), R"({"messaging_product":"whatsapp","pin":"246810"})"),
      ErrorCode::kReverificationNeeded);

  // verify_code as Meta's example sends it: a form field.
  auto verified =
      server.client().Post(("/v23.0/" + Path("verify_code")).c_str(),
                           httplib::Headers{{"Authorization", std::string("Bearer ") + D::kAccessToken}},
                           "code=" + code, "application/x-www-form-urlencoded");
  ASSERT_EQ(verified->status, 200) << verified->body;
  EXPECT_EQ(Fields(server)["code_verification_status"], "VERIFIED");

  auto reg = server.PostGraph(Path("register"), R"({"messaging_product":"whatsapp","pin":"246810"})");
  ASSERT_EQ(reg->status, 200) << reg->body;
  Json after = Fields(server);
  EXPECT_EQ(after["status"], "CONNECTED");
  EXPECT_EQ(after["platform_type"], "CLOUD_API");
  EXPECT_TRUE(after.contains("name_status"));

  auto sent = server.PostGraph(Path("messages"), kTemplate);
  ASSERT_EQ(sent->status, 200) << sent->body;
  const std::string wamid = ParseOrDie(sent->body)["messages"][0]["id"];
  ASSERT_EQ(server.Advance("10s")->status, 200);
  bool delivered = false;
  for (const auto& p : rx.posts())
    if (p.body.find(wamid) != std::string::npos &&
        p.body.find(R"("status":"delivered")") != std::string::npos)
      delivered = true;
  EXPECT_TRUE(delivered) << "no delivered status webhook for " << wamid << " among " << rx.posts().size()
                         << " posts";

  auto dereg = server.PostGraph(Path("deregister"), "");
  ASSERT_EQ(dereg->status, 200) << dereg->body;
  EXPECT_EQ(Fields(server)["status"], "DISCONNECTED");
  auto refused = server.PostGraph(Path("messages"), kTemplate);
  EXPECT_EQ(refused->status, 400);
  EXPECT_GRAPH_ERROR(*refused, ErrorCode::kNotRegistered);

  // Every move was a lifecycle fact.
  Json facts = ParseOrDie(server.client().Get("/_sim/events?type=lifecycle_changed")->body)["data"];
  std::vector<std::string> moves;
  for (const auto& f : facts)
    moves.push_back(f["machine"].get<std::string>() + ">" + f["to"].get<std::string>());
  EXPECT_EQ(moves,
            (std::vector<std::string>{"code_verification>VERIFIED", "two_step_verification>ENABLED",
                                      "number_registration>REGISTERED", "number_registration>UNREGISTERED"}));
}

TEST(RegistrationLoopbackTest, ThePinIsSetOverGraphAndTheAdminTurnsTwoStepOff) {
  LoopbackServer server;
  EXPECT_GRAPH_ERROR(*server.PostGraph(Path(""), R"({"pin":"12"})"), ErrorCode::kInvalidParameter);
  auto set = server.PostGraph(Path(""), R"({"pin":"135790"})");
  ASSERT_EQ(set->status, 200) << set->body;
  Json state = ParseOrDie(server.client().Get(("/_sim/phone_numbers/" + Path("registration")).c_str())->body);
  EXPECT_EQ(state["two_step_verification"], "ENABLED");
  auto off = server.client().Post(("/_sim/phone_numbers/" + Path("two_step_verification/disable")).c_str(),
                                  "", "application/json");
  ASSERT_EQ(off->status, 200) << off->body;
  EXPECT_EQ(ParseOrDie(off->body)["two_step_verification"], "DISABLED");
  auto patch = server.client().Patch(("/_sim/phone_numbers/" + Path("")).c_str(),
                                     R"({"undelivered_code_methods":["FAX"]})", "application/json");
  EXPECT_EQ(patch->status, 400);
}

}  // namespace
}  // namespace wasim::testing
