#include "simulator/scenario/runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "simulator/app/scenario_commands.h"
#include "simulator/core/json.h"
#include "simulator/domain/rules/rules_config_json.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/scenario/loader.h"
#include "simulator/scenario/report.h"

namespace wasim::scenario {
namespace {

Scenario Load(const std::string& file) {
  auto r = LoadScenarioFile(std::string(WASIM_SOURCE_DIR) + "/scenarios/" + file);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.errors[0].ToString());
  return r.scenario;
}

RunReport Replay(const Scenario& s, std::optional<std::uint64_t> seed = std::nullopt) {
  std::string problem;
  auto report = RunScenario(s, seed, &problem);
  EXPECT_TRUE(report) << problem;
  return report ? *report : RunReport{};
}

// The same scenario with one of Meta's rules switched off: its story must then fail.
Scenario WithRuleOff(Scenario s, const std::string& rule) {
  Json patch = {{rule, {{"enabled", false}}}};
  s.world.EditConfig([patch](SimConfig& c) {
    std::string error;
    if (!rules::PatchRulesConfig(c.rules, patch, &error)) ADD_FAILURE() << error;
  });
  return s;
}

std::string Failed(const RunReport& r) {
  std::string names;
  for (const auto& e : r.expectations)
    if (!e.passed) names += "[" + e.name + "] ";
  return names;
}

// Every story of the library, with what makes it fail: Meta's rule it shows
// switched off (or its precondition removed), and the expectation that must then fail.
struct Story {
  const char* file;
  std::function<void(Scenario&)> undo;
  const char* failing;
};

std::function<void(Scenario&)> RuleOff(const char* rule) {
  return [rule](Scenario& s) { s = WithRuleOff(s, rule); };
}

// Removes the step with this name (a story's precondition).
std::function<void(Scenario&)> WithoutStep(const char* name) {
  return [name](Scenario& s) {
    auto it = std::find_if(s.steps.begin(), s.steps.end(), [&](const Step& st) { return st.name == name; });
    ASSERT_NE(it, s.steps.end()) << name;
    s.steps.erase(it);
  };
}

// Moves the step with this name to `at`.
std::function<void(Scenario&)> StepAt(const char* name, DurationMs at) {
  return [name, at](Scenario& s) {
    for (auto& st : s.steps)
      if (st.name == name) st.at = at;
  };
}

const std::vector<Story>& Library() {
  static const std::vector<Story> stories = {
      {"offline-past-30-days.yaml",
       [](Scenario& s) {
         s.world.EditCustomer("16505550101", [](Customer& c) { c.state = CustomerState::kOnline; });
       },
       "it is never delivered, even after 30 days"},
      {"payment-failure-131042.yaml", RuleOff("payment_issue"), "and then fails with 131042"},
      {"reengagement-131047.yaml", RuleOff("service_window"), "and then fails with 131047"},
      {"not-on-whatsapp-131026.yaml", RuleOff("undeliverable"),
       "the number without WhatsApp fails with 131026"},
      {"test-number-allow-list-131030.yaml", RuleOff("allow_list"),
       "the other is refused with HTTP 400 and 131030"},
      {"account-locked-131031.yaml", RuleOff("account_locked"), "the send after the lock fails with 131031"},
      {"receiver-down-a-day.yaml", [](Scenario& s) { s.receiver_outages.clear(); },
       "nothing reaches the app while it is down"},
      {"throughput-burst-130429.yaml", RuleOff("throughput"), "the third send in the same second is refused"},
      {"healthy-ecosystem-131049.yaml", RuleOff("marketing_cap"),
       "the second marketing template that day fails with 131049"},
      {"messaging-limit-reached.yaml", RuleOff("messaging_limit"), "the third new user's template fails"},
      {"messaging-limit-upgrade.yaml",
       [](Scenario& s) { s.world.EditConfig([](SimConfig& c) { c.rules.limit_auto_upgrade = 0; }); },
       "the portfolio moves to 10K within 6 hours"},
      {"webhooks-twice-and-out-of-order.yaml", [](Scenario& s) { s.steps.erase(s.steps.begin()); },
       "the `sent` status arrives twice"},
      {"pair-rate-131056.yaml", RuleOff("pair_rate"), "the third message to the same user fails with 131056"},
      {"bsuid-username-user.yaml",
       [](Scenario& s) { s.world.EditCustomer("16505550301", [](Customer& c) { c.username.clear(); }); },
       "the message comes from the BSUID with the number hidden"},
      {"call-permission-request.yaml", WithoutStep("the customer accepts"),
       "the app learns the customer accepted"},
      {"marketing-experiment-130472.yaml", RuleOff("marketing_experiment"),
       "the marketing template fails with 130472"},
      {"template-errors-132001.yaml",
       [](Scenario& s) {
         MessageTemplate t;
         t.id = "900000000000101";
         t.waba_id = DefaultIds::kWabaId;
         t.name = "order_shipped";
         t.language = "en_US";
         t.category = "UTILITY";
         t.status.state = TemplateStatus::kApproved;
         t.components = Json::parse(R"([{"type":"BODY","text":"Shipped."}])");
         s.world.Add(t);
       },
       "a missing template gets 132001"},
      {"coexistence-history-sync.yaml",
       [](Scenario& s) {
         s.world.EditPhone(DefaultIds::kPhoneNumberId,
                           [](PhoneNumber& p) { p.business_app.shares_history = false; });
       },
       "phase 1 completes the sync"},
      {"coexistence-history-sync-too-late.yaml", StepAt("history sync a day and an hour later", 23 * kHour),
       "the late request is refused with 2593108"},
      {"coexistence-disconnect-13-days.yaml", WithoutStep("the business opens the app on day 12"),
       "the heartbeat kept the number past day 13"},
      {"coexistence-pairing-error.yaml", WithoutStep("the business reinstalls the app"),
       "the history arrives"},
      {"otp-failure.yaml",
       [](Scenario& s) {
         std::erase_if(s.steps, [](const Step& st) { return st.name == "ask for a voice call instead"; });
       },
       "the message is delivered"},
      {"offboarding-previous-provider-pin.yaml",
       [](Scenario& s) {
         s.world.EditPhone(DefaultIds::kPhoneNumberId, [](PhoneNumber& p) { p.pin.clear(); });
       },
       "registering with another PIN fails with 133005"},
      {"display-name-pending-review.yaml", RuleOff("display_name"),
       "the sends during the review are refused with 131037"},
      {"display-name-change-restarts-review.yaml", [](Scenario& s) { s.steps.erase(s.steps.begin() + 1); },
       "the new name is decided 48 h after it was submitted"},
      {"display-name-declined.yaml", [](Scenario& s) { s.steps.erase(s.steps.begin() + 1); },
       "Meta rejects the new name after 48 h with its reason"},
      {"account-restriction-368.yaml", [](Scenario& s) { s.steps.erase(s.steps.begin()); },
       "the template during the restriction is refused with 368"},
  };
  return stories;
}

TEST(ScenarioLibraryTest, EveryStoryPassesAndIsListedWithWhatMakesItFail) {
  std::set<std::string> listed;
  for (const auto& story : Library()) listed.insert(story.file);
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(WASIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::string file = entry.path().filename().string();
    EXPECT_TRUE(listed.count(file)) << file << " has no entry in Library(): say what makes it fail";
    RunReport r = Replay(Load(file));
    EXPECT_TRUE(r.passed()) << file << ":\n" << ReportText(r);
    EXPECT_GE(r.expectations.size(), 2u) << file;
  }
}

TEST(ScenarioLibraryTest, EveryStoryFailsWithoutItsRule) {
  for (const auto& story : Library()) {
    Scenario s = Load(story.file);
    story.undo(s);
    RunReport r = Replay(s);
    EXPECT_NE(Failed(r).find(story.failing), std::string::npos)
        << story.file << ": expected [" << story.failing << "] to fail; failed: " << Failed(r);
  }
}

TEST(ScenarioRunnerTest, ABrokenExpectationFailsNamingItAndTheEvidence) {
  auto loaded = LoadScenarioText(R"(version: 1
timeline:
  - at: 0s
    graph:
      path: /v23.0/106540352242922/messages
      body: {messaging_product: whatsapp, to: "16505551234", type: template,
             template: {name: hello_world, language: {code: en_US}}}
      save: m
expect:
  - name: delivered as failed
    webhook: {id: "${m}", status: failed}
)",
                                 "broken.yaml");
  ASSERT_TRUE(loaded.ok());
  RunReport r = Replay(loaded.scenario);
  ASSERT_EQ(r.expectations.size(), 1u);
  const ExpectationResult& e = r.expectations[0];
  EXPECT_FALSE(e.passed);
  EXPECT_EQ(e.pos.line, 10);
  EXPECT_NE(e.detail.find("expected at least 1 messages webhook(s)"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("status is sent, expected failed"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("status is delivered, expected failed"), std::string::npos) << e.detail;
  std::string text = ReportText(r);
  EXPECT_NE(text.find("FAIL delivered as failed (broken.yaml:10)"), std::string::npos) << text;
}

TEST(ScenarioRunnerTest, SaveWithAPathKeepsThatValueOfTheAnswer) {
  auto loaded = LoadScenarioText(R"(version: 1
timeline:
  - at: 0s
    graph: {path: /v23.0/106540352242922/request_code, body: {code_method: VOICE, language: en_US}}
  - at: 1s
    admin: {method: GET, path: /_sim/phone_numbers/106540352242922/codes, save: "c=data.0.code"}
  - at: 2s
    admin: {method: GET, path: /_sim/phone_numbers/106540352242922/codes, save: "none=data.5.code"}
expect:
  - name: the saved code is the one sent
    fact: verification_code_sent
    where: {code: "${c}"}
  - name: a missing path saves nothing
    fact: verification_code_sent
    where: {code: "${none}"}
    count: 0
)",
                                 "save.yaml");
  ASSERT_TRUE(loaded.ok());
  RunReport r = Replay(loaded.scenario);
  EXPECT_TRUE(r.passed()) << ReportText(r);
  EXPECT_NE(ReportText(r).find("${c} = "), std::string::npos) << ReportText(r);
  EXPECT_EQ(ReportText(r).find("${none} = "), std::string::npos) << ReportText(r);
}

TEST(ScenarioRunnerTest, TheSameSeedGivesTheSameReportByteForByte) {
  Scenario s = Load("payment-failure-131042.yaml");
  std::string a = ReportJson(Replay(s)), b = ReportJson(Replay(s));
  EXPECT_EQ(a, b);
  std::string other = ReportJson(Replay(s, 99));
  EXPECT_NE(a, other);  // wamids come from the seed
  Json j = Json::parse(a);
  EXPECT_EQ(j["seed"], 11);
  EXPECT_TRUE(j["passed"].get<bool>());
  EXPECT_EQ(j["expectations"].size(), 7u);
  EXPECT_EQ(j["timeline"][0]["kind"], "step");
}

TEST(ScenarioRunnerTest, TriggeredStepsFireOnceWithTheirDelay) {
  auto loaded = LoadScenarioText(R"(version: 1
timeline:
  - at: 1h
    inbound: {from: "16505551234", phone_number_id: "106540352242922", type: text, text: {body: hi}}
  - at: 2h
    inbound: {from: "16505551234", phone_number_id: "106540352242922", type: text, text: {body: again}}
  - when: {inbound_received: {from: "16505551234"}}
    delay: 90s
    graph:
      path: /v23.0/106540352242922/messages
      body: {messaging_product: whatsapp, to: "16505551234", type: text, text: {body: "hello"}}
expect:
  - calls: {method: POST, body.text.body: hello}
    from: 1h1m30s
    by: 1h1m30s
  - calls: {method: POST, body.text.body: hello}
    count: 1
)",
                                 "trigger.yaml");
  ASSERT_TRUE(loaded.ok());
  RunReport r = Replay(loaded.scenario);
  EXPECT_TRUE(r.passed()) << ReportText(r);
}

TEST(ScenarioRunnerTest, JUnitHasOneTestCasePerExpectationWithItsFailure) {
  Scenario s = WithRuleOff(Load("payment-failure-131042.yaml"), "payment_issue");
  std::string xml = ReportJUnit({Replay(s)});
  EXPECT_NE(xml.find("<testsuite name=\"payment-failure-131042\" tests=\"7\" failures=\""), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase classname=\"payment-failure-131042\" name=\"and then fails with 131042\""),
            std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"expected at least 1"), std::string::npos);
  EXPECT_NE(xml.find("name=\"before the lapse the template is delivered\" file="), std::string::npos);
}

TEST(ScenarioRunnerTest, AReceiverOutageMakesTheOutboxRetryOnTheVirtualClock) {
  auto loaded = LoadScenarioText(R"(version: 1
world:
  receiver:
    outages: [{from: 0s, until: 1h, status: 503}]
timeline:
  - at: 0s
    inbound: {from: "16505551234", phone_number_id: "106540352242922", type: text, text: {body: hi}}
expect:
  - name: nothing reaches the app during the outage
    webhook: {from: "16505551234"}
    by: 59m
    count: 0
  - name: a retry after the outage delivers it once
    webhook: {from: "16505551234", text.body: hi}
    count: 1
  - fact: webhook_attempted
    where: {outcome: retrying, response_status: 503}
    count: {min: 3}
)",
                                 "outage.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.errors[0].ToString();
  loaded.scenario.run_for = 6 * kHour;
  RunReport r = Replay(loaded.scenario);
  EXPECT_TRUE(r.passed()) << ReportText(r);
}

TEST(ScenarioRunnerTest, AFaultStepMakesTheAppsNextCallFail) {
  auto loaded = LoadScenarioText(R"(version: 1
timeline:
  - at: 0s
    fault: {match: {method: POST, path: "/v*/*/messages"}, times: 1, error: {code: 130429}}
  - at: 1s
    graph:
      path: /v23.0/106540352242922/messages
      body: {messaging_product: whatsapp, to: "16505551234", type: template,
             template: {name: hello_world, language: {code: en_US}}}
  - at: 2s
    graph:
      path: /v23.0/106540352242922/messages
      body: {messaging_product: whatsapp, to: "16505551234", type: template,
             template: {name: hello_world, language: {code: en_US}}}
expect:
  - calls: {method: POST, path: "/v23.0/*/messages", status: 400, error_code: 130429}
    count: 1
    by: 1s
  - calls: {method: POST, path: "/v23.0/*/messages", status: 200}
    count: 1
    from: 2s
  - fact: message_accepted
    count: 1
)",
                                 "fault.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.errors[0].ToString();
  RunReport r = Replay(loaded.scenario);
  EXPECT_TRUE(r.passed()) << ReportText(r);
  auto bad =
      LoadScenarioText("version: 1\ntimeline:\n  - at: 0s\n    fault: {error: {code: 1234}}\n", "f.yaml");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_NE(bad.errors[0].ToString().find("f.yaml:4:12: fault: "), std::string::npos)
      << bad.errors[0].ToString();
  EXPECT_NE(bad.errors[0].message.find("1234"), std::string::npos) << bad.errors[0].message;
}

TEST(ScenarioMatchTest, AHugeArrayIndexIsNoMatchNotACrash) {
  Json j = Json::parse(R"({"a":[{"b":1}]})");
  EXPECT_EQ(At(j, "a.99999999999999999999999.b"), nullptr);
  EXPECT_EQ(At(j, "a.0.b")->get<int>(), 1);
  EXPECT_EQ(Mismatch(j, Json{{"a.99999999999999999999999", 1}}),
            "a.99999999999999999999999 is missing, expected 1");
}

}  // namespace
}  // namespace wasim::scenario
