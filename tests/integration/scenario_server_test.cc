// A scenario loaded into a running server: the test is the app (a real
// webhook receiver, Graph calls over HTTP); the scenario's steps fire as the
// manual clock passes them, and the verdict says whether the app did its part.
#include <gtest/gtest.h>

#include "simulator/core/json.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim {
namespace {

using testing::LoopbackServer;
using testing::WebhookReceiver;

ServeConfig ManualWith(const std::string& url) {
  ServeConfig c;
  c.clock = "manual";
  c.webhook_url = url;
  c.app_secret = "scenario-secret";
  c.scenario_dir = std::string(WASIM_SOURCE_DIR) + "/scenarios";
  return c;
}

const char* kStory = R"(version: 1
name: reply-within-the-window
world:
  customers: [{wa_id: "16505550701", profile_name: Ana}]
timeline:
  - name: Ana writes
    at: 0s
    inbound: {from: "16505550701", phone_number_id: "106540352242922", type: text, text: {body: "is my order late?"}}
  - name: Ana goes offline
    at: 2h
    customer: {wa_id: "16505550701", state: offline}
expect:
  - name: the app hears Ana
    webhook: {from: "16505550701", text.body: "is my order late?"}
    by: 1m
  - name: the app answers Ana with text within the hour
    calls: {method: POST, path: "/v*/106540352242922/messages", status: 200, body.to: "16505550701", body.type: text}
    by: 1h
)";

Json Body(const httplib::Result& r) { return r ? Json::parse(r->body, nullptr, false) : Json(); }

TEST(ScenarioServerTest, StepsFireOnTheClockAndTheVerdictFollowsTheApp) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  auto loaded = server.client().Post("/_sim/scenarios", kStory, "application/yaml");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->status, 200) << loaded->body;
  // The step at +0s ran at the load: Ana's message reached the app, signed by the server's secret.
  ASSERT_EQ(app.posts().size(), 1u);
  EXPECT_NE(app.posts()[0].body.find("is my order late?"), std::string::npos);

  Json current = Body(server.client().Get("/_sim/scenarios/current"));
  EXPECT_EQ(current["name"], "reply-within-the-window");
  EXPECT_EQ(current["steps"][0]["state"], "fired");
  EXPECT_EQ(current["steps"][1]["state"], "pending");
  EXPECT_EQ(current["expectations"][1]["state"], "pending");  // its hour is not over
  auto verdict = server.client().Get("/_sim/scenarios/current/verdict");
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, 409);

  // The app does its part, then time passes the steps and the windows.
  auto sent = server.PostGraph("106540352242922/messages",
                               R"({"messaging_product":"whatsapp","to":"16505550701","type":"text",)"
                               R"("text":{"body":"It ships today."}})");
  ASSERT_EQ(sent->status, 200) << sent->body;
  ASSERT_EQ(server.Advance("3h")->status, 200);
  current = Body(server.client().Get("/_sim/scenarios/current"));
  EXPECT_EQ(current["steps"][1]["state"], "fired");
  Json customer = Body(server.client().Get("/_sim/customers/16505550701"));
  EXPECT_EQ(customer["state"], "offline") << customer.dump();
  verdict = server.client().Get("/_sim/scenarios/current/verdict");
  EXPECT_EQ(verdict->status, 200) << verdict->body;
  auto junit = server.client().Get("/_sim/scenarios/current/verdict?format=junit");
  EXPECT_NE(junit->body.find("tests=\"2\" failures=\"0\""), std::string::npos) << junit->body;
}

TEST(ScenarioServerTest, AnAppThatDoesNotAnswerGetsA409NamingTheExpectation) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  ASSERT_EQ(server.client().Post("/_sim/scenarios", kStory, "application/yaml")->status, 200);
  ASSERT_EQ(server.Advance("1h1m")->status, 200);
  auto verdict = server.client().Get("/_sim/scenarios/current/verdict");
  ASSERT_EQ(verdict->status, 409);
  Json v = Body(verdict);
  EXPECT_TRUE(v["expectations"][0]["passed"].get<bool>());
  EXPECT_FALSE(v["expectations"][1]["passed"].get<bool>());
  EXPECT_FALSE(v["expectations"][1]["pending"].get<bool>());
  EXPECT_EQ(v["expectations"][1]["name"], "the app answers Ana with text within the hour");
}

TEST(ScenarioServerTest, ALibraryScenarioLoadsByNameAndReplacesTheWorld) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  // Something before the load that the load must wipe.
  ASSERT_EQ(server
                .PostGraph("106540352242922/messages",
                           R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                           R"("template":{"name":"hello_world","language":{"code":"en_US"}}})")
                ->status,
            200);
  auto loaded =
      server.client().Post("/_sim/scenarios", R"({"name":"payment-failure-131042"})", "application/json");
  ASSERT_EQ(loaded->status, 200) << loaded->body;
  Json messages = Body(server.client().Get("/_sim/messages"));
  EXPECT_EQ(messages["data"].size(), 1u);  // only the scenario's own first send (at +0s)
  ASSERT_EQ(server.Advance("1d2h")->status, 200);
  auto verdict = server.client().Get("/_sim/scenarios/current/verdict");
  EXPECT_EQ(verdict->status, 200) << verdict->body;
}

TEST(ScenarioServerTest, ABadScenarioIsA400WithItsPositionsAndChangesNothing) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  ASSERT_EQ(server.client().Post("/_sim/scenarios", kStory, "application/yaml")->status, 200);
  auto bad = server.client().Post(
      "/_sim/scenarios",
      "version: 1\ntimeline:\n  - at: soon\n    admin: {path: /_sim/faults}\n  - at: 1h\n    admin: {path: "
      "/_sim/reset}\n",
      "application/yaml");
  ASSERT_EQ(bad->status, 400);
  Json e = Body(bad)["error"];
  EXPECT_NE(e["message"].get<std::string>().find("request.yaml:3:9"), std::string::npos) << bad->body;
  EXPECT_EQ(e["errors"].size(), 2u) << bad->body;  // the duration, and the reset a step may not call
  EXPECT_EQ(Body(server.client().Get("/_sim/scenarios/current"))["name"], "reply-within-the-window");
  EXPECT_EQ(
      server.client().Post("/_sim/scenarios", R"({"name":"../etc/passwd"})", "application/json")->status,
      400);
  EXPECT_EQ(
      server.client().Post("/_sim/scenarios", R"({"name":"no-such-story"})", "application/json")->status,
      400);
}

TEST(ScenarioServerTest, ATriggeredStepWithADelayRunsAtItsOwnInstant) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  const char* story = R"(version: 1
timeline:
  - at: 0s
    graph: {path: /v23.0/106540352242922/messages, body: {messaging_product: whatsapp, to: "16505551234", type: template, template: {name: hello_world, language: {code: en_US}}}}
  - name: an hour after the first delivery, Meta pauses nothing but the app's CRM calls again
    when: {status_changed: {status: delivered}}
    delay: 1h
    graph: {path: /v23.0/106540352242922/messages, body: {messaging_product: whatsapp, to: "16505551234", type: template, template: {name: hello_world, language: {code: en_US}}}}
expect:
  - name: the second send happens an hour after the delivery, not at the end of the advance
    calls: {method: POST, status: 200}
    from: 1h
    by: 1h1m
    count: 1
)";
  ASSERT_EQ(server.client().Post("/_sim/scenarios", story, "application/yaml")->status, 200);
  ASSERT_EQ(server.Advance("1d")->status, 200);
  auto verdict = server.client().Get("/_sim/scenarios/current/verdict");
  EXPECT_EQ(verdict->status, 200) << verdict->body;
}

TEST(ScenarioServerTest, AResetUnloadsTheScenarioAndAnIncludeOverHttpIsRefused) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  ASSERT_EQ(server.client().Post("/_sim/scenarios", kStory, "application/yaml")->status, 200);
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(server.client().Get("/_sim/scenarios/current")->status, 404);
  auto bad =
      server.client().Post("/_sim/scenarios", "version: 1\ninclude: [/etc/passwd]\n", "application/yaml");
  ASSERT_EQ(bad->status, 400);
  EXPECT_EQ(bad->body.find("root:"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("'include' is not allowed"), std::string::npos) << bad->body;
}

TEST(ScenarioServerTest, AScenarioWithoutASeedUsesTheServersNotThePreviousScenarios) {
  WebhookReceiver app;
  LoopbackServer server(ManualWith(app.url()));
  const std::string send = R"(
timeline:
  - at: 0s
    graph: {path: /v23.0/106540352242922/messages, body: {messaging_product: whatsapp, to: "16505551234", type: template, template: {name: hello_world, language: {code: en_US}}}}
)";
  auto first_wamid = [&] {
    return Body(server.client().Get("/_sim/messages"))["data"][0]["id"].get<std::string>();
  };
  ASSERT_EQ(server.client().Post("/_sim/scenarios", "version: 1" + send, "application/yaml")->status, 200);
  std::string unseeded = first_wamid();
  ASSERT_EQ(server.client().Post("/_sim/scenarios", "version: 1\nseed: 7" + send, "application/yaml")->status,
            200);
  EXPECT_NE(first_wamid(), unseeded);
  ASSERT_EQ(server.client().Post("/_sim/scenarios", "version: 1" + send, "application/yaml")->status, 200);
  EXPECT_EQ(first_wamid(), unseeded);
}

}  // namespace
}  // namespace wasim
