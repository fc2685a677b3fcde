#include "simulator/scenario/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "simulator/domain/world/default_world.h"
#include "simulator/scenario/yaml_reader.h"

namespace wasim::scenario {
namespace {

std::vector<std::string> Errors(const std::string& yaml) {
  std::vector<std::string> out;
  for (const auto& e : LoadScenarioText(yaml, "s.yaml").errors) out.push_back(e.ToString());
  return out;
}

::testing::AssertionResult HasError(const std::vector<std::string>& errors, const std::string& want) {
  for (const auto& e : errors)
    if (e.find(want) != std::string::npos) return ::testing::AssertionSuccess();
  std::string all;
  for (const auto& e : errors) all += "\n  " + e;
  return ::testing::AssertionFailure() << "no error containing '" << want << "' in:" << all;
}

TEST(ScenarioLoaderTest, AValidScenarioLoadsItsStepsExpectationsAndWorld) {
  auto r = LoadScenarioText(R"(version: 1
name: ok
seed: 3
world:
  customers: [{wa_id: "16505550101", state: offline}]
timeline:
  - at: 1h
    graph: {path: /v23.0/106540352242922/messages, body: {to: "16505550101"}, save: m}
  - after: 30m
    customer: {wa_id: "16505550101", state: online}
  - when: {status_changed: {status: delivered}}
    delay: 5s
    inbound: {from: "16505550101", phone_number_id: "106540352242922", type: text, text: {body: hi}}
expect:
  - webhook: {id: "${m}", status: delivered}
    by: 2h
  - calls: {method: POST}
    count: {max: 3}
)",
                            "s.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  const Scenario& s = r.scenario;
  EXPECT_EQ(s.seed, 3u);
  ASSERT_EQ(s.steps.size(), 3u);
  EXPECT_EQ(s.steps[0].at, kHour);
  EXPECT_EQ(s.steps[1].at, kHour + 30 * kMinute);  // `after` counts from the previous timed step
  EXPECT_EQ(s.steps[2].on->fact_type, "status_changed");
  EXPECT_EQ(s.steps[2].delay, 5 * kSecond);
  EXPECT_EQ(s.steps[0].actions[0].body["to"], "16505550101");  // quoted: stays a string
  EXPECT_EQ(s.steps[2].actions[0].body["text"]["body"], "hi");
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[0].by, 2 * kHour);
  EXPECT_EQ(s.expectations[1].count.min, 0);
  EXPECT_EQ(s.expectations[1].count.max, 3);
  SimState state;
  ASSERT_FALSE(DefaultWorld().Then(s.world).ApplyTo(state));
  EXPECT_EQ(state.customers.Find("16505550101")->state, CustomerState::kOffline);
}

TEST(ScenarioLoaderTest, CustomersTakeAUsernameBsuidsAndASavedBusinessNumber) {
  auto r = LoadScenarioText(R"(version: 1
world:
  customers:
    - wa_id: "16505550301"
      username: "@pablomorales"
      bsuids: {"506914307656634": US.13491208655302741918}
      relations: [{phone_number_id: "106540352242922", saved_business_number: true}]
)",
                            "s.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  SimState state;
  ASSERT_FALSE(DefaultWorld().Then(r.scenario.world).ApplyTo(state));
  const Customer* c = state.customers.Find("16505550301");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->username, "@pablomorales");
  EXPECT_EQ(c->bsuid_by_business.at("506914307656634"), "US.13491208655302741918");
  EXPECT_TRUE(state.customers.FindRelation("106540352242922", "16505550301")->saved_business_number);

  auto errors = Errors(R"(version: 1
world:
  customers:
    - {wa_id: "16505550302", username: "two words"}
    - {wa_id: "16505550303", bsuids: {"b1": "16505550303"}}
    - {wa_id: "16505550304", bsuids: [US.1]}
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:4:40: username must be 1 to 36 characters without spaces"));
  EXPECT_TRUE(HasError(errors, "s.yaml:5:45: bsuids.b1 must be an ISO country code"));
  EXPECT_TRUE(HasError(errors, "s.yaml:6:38: bsuids must map business ids to BSUIDs"));
}

TEST(ScenarioLoaderTest, EveryErrorOfAFileIsReportedAtItsLineAndColumn) {
  auto errors = Errors(R"(version: 1
nmae: typo
timeline:
  - at: 2h
    admin: {path: /_sim/faults}
  - at: 1h
    admin: {path: /_sim/faults}
  - at: soon
    graph: {path: /v23.0/1/messages}
expect:
  - webhook: {status: sent}
    count: lots
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:2:1: scenario: unknown key 'nmae'"));
  EXPECT_TRUE(HasError(errors, "s.yaml:6:9: step at 1h comes before the previous timed step (2h, line 4)"));
  EXPECT_TRUE(
      HasError(errors, "s.yaml:8:9: 'at': expected a duration such as 90s, 36h, 13d or 1d12h, got 'soon'"));
  EXPECT_TRUE(HasError(errors, "s.yaml:12:12: 'count': expected an integer, got 'lots'"));
  EXPECT_EQ(errors.size(), 4u);
}

TEST(ScenarioLoaderTest, WrongTypesUnknownReferencesAndDuplicatesPointAtTheEntry) {
  auto errors = Errors(R"(version: 1
world:
  phone_numbers:
    - {id: "1555", waba_id: "404"}
  customers:
    - {wa_id: "1650", auto_read: maybe}
    - {wa_id: "1650"}
  businesses: {id: "x"}
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:4:7: phone_number 1555: waba 404 does not exist"));
  EXPECT_TRUE(HasError(errors, "s.yaml:6:34: 'auto_read': expected true or false, got 'maybe'"));
  EXPECT_TRUE(HasError(errors, "s.yaml:7:7: duplicate customer '1650' (first at s.yaml:6)"));
  EXPECT_TRUE(HasError(errors, "s.yaml:8:15: businesses: expected a list, got a mapping"));
}

TEST(ScenarioLoaderTest, RegistrationKeysSetTheNumberAndBadOnesAreErrors) {
  auto r = LoadScenarioText(R"(version: 1
world:
  phone_numbers:
    - {id: "106540352242922", registered: false, code_verification_status: NOT_VERIFIED, pin: "975310",
       undelivered_code_methods: [SMS]}
)",
                            "s.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  SimState state;
  ASSERT_FALSE(DefaultWorld().Then(r.scenario.world).ApplyTo(state));
  const PhoneNumber& p = *state.accounts.FindPhone("106540352242922");
  EXPECT_FALSE(p.registered);
  EXPECT_EQ(p.code_verification_status, CodeVerificationStatus::kNotVerified);
  EXPECT_EQ(p.pin, "975310");
  EXPECT_EQ(p.undelivered_code_methods, std::vector<std::string>{"SMS"});
  auto errors = Errors(R"(version: 1
world:
  phone_numbers:
    - {id: "106540352242922", pin: "12345", undelivered_code_methods: [FAX], code_verification_status: MAYBE}
)");
  EXPECT_TRUE(HasError(errors, "'pin': a two-step verification PIN is 6 digits"));
  EXPECT_TRUE(HasError(errors, "'undelivered_code_methods': SMS or VOICE"));
  EXPECT_TRUE(HasError(errors, "code_verification_status"));
}

TEST(ScenarioLoaderTest, AWabaMayStartDisabledOrUnderReviewWithMetasValuesOnly) {
  auto r = LoadScenarioText(R"(version: 1
world:
  wabas:
    - {id: "102290129340398", account_review_status: PENDING, ban_state: DISABLE}
)",
                            "s.yaml");
  ASSERT_TRUE(r.ok());
  SimState state;
  ASSERT_FALSE(DefaultWorld().Then(r.scenario.world).ApplyTo(state).has_value());
  EXPECT_EQ(state.accounts.wabas.at(DefaultIds::kWabaId).account_review_status, "PENDING");
  EXPECT_EQ(state.accounts.wabas.at(DefaultIds::kWabaId).ban_state, "DISABLE");
  auto errors = Errors(R"(version: 1
world:
  wabas:
    - {id: "102290129340398", account_review_status: MAYBE, ban_state: BANNED}
)");
  EXPECT_TRUE(HasError(errors, "account_review_status must be APPROVED, REJECTED, PENDING or DEFERRED"));
  EXPECT_TRUE(HasError(errors, "ban_state must be DISABLE, REINSTATE or SCHEDULE_FOR_DISABLE"));
}

TEST(ScenarioLoaderTest, NotYamlAMissingVersionAndAnUnknownFactTypeAreClearErrors) {
  EXPECT_TRUE(HasError(Errors("version: [1\n"), "s.yaml:2:1: not valid YAML"));
  EXPECT_TRUE(HasError(Errors("name: x\n"), "s.yaml:1:1: scenario: 'version' is required"));
  EXPECT_TRUE(HasError(Errors("version: 2\n"), "version 2 is not supported"));
  EXPECT_TRUE(HasError(
      Errors("version: 1\ntimeline:\n  - when: {message_sent: {}}\n    admin: {path: /_sim/faults}\n"),
      "s.yaml:3:12: 'when': unknown fact type 'message_sent'"));
  EXPECT_TRUE(HasError(Errors("version: 1\ntimeline:\n  - at: 1s\n"), "step: give exactly one action"));
}

TEST(ScenarioLoaderTest, AnAliasBombIsRefusedNotExpanded) {
  std::string yaml = "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 8; ++i) {
    std::string name = "l" + std::to_string(i);
    yaml += name + ": &" + name + " [";
    for (int k = 0; k < 10; ++k) yaml += std::string(k ? ", " : "") + "*" + prev;
    yaml += "]\n";
    prev = name;
  }
  // 10^9 values once expanded; it sits in a step body, where values are read.
  yaml += "timeline:\n  - at: 1s\n    admin: {path: /_sim/faults, body: *" + prev + "}\n";
  auto errors = LoadScenarioText(yaml, "bomb.yaml").errors;
  std::vector<std::string> text;
  for (const auto& e : errors) text.push_back(e.ToString());
  EXPECT_TRUE(HasError(text, "expands to too many values"));
}

TEST(ScenarioLoaderTest, AStepMayNotDriveTheClockOrTheWorldHoweverThePathIsWritten) {
  for (const char* path : {"/_sim/clock/advance", "/_sim//clock/advance", "/_sim/reset?x=1",
                           "//_sim/scenarios", "/_sim/webhooks/whd_1/redeliver"})
    EXPECT_FALSE(StepMayCall(path)) << path;
  for (const char* path :
       {"/_sim/faults", "/_sim/businesses/1", "/_sim/webhooks/config", "/_sim/customers/1"})
    EXPECT_TRUE(StepMayCall(path)) << path;
  auto errors = Errors("version: 1\ntimeline:\n  - at: 1s\n    admin: {path: \"/_sim//clock/advance\"}\n");
  EXPECT_TRUE(HasError(errors, "s.yaml:4:19: 'path': a step cannot call /_sim//clock/advance"));
}

TEST(ScenarioLoaderTest, CountsWindowsAndDurationsAreChecked) {
  auto errors = Errors(R"(version: 1
timeline:
  - at: 99999999d
    admin: {path: /_sim/faults}
expect:
  - calls: {}
    count: {min: -1}
  - calls: {}
    from: 2h
    by: 1h
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:3:9: 'at': at most 3650d (ten years)"));
  EXPECT_TRUE(HasError(errors, "s.yaml:7:12: 'count': min and max are 0 or more"));
  EXPECT_TRUE(HasError(errors, "s.yaml:9:11: 'from' is after 'by'"));
}

TEST(ScenarioLoaderTest, ARepeatedStepExpandsWithItsIndexAndMovesTheNextAfter) {
  auto loaded = LoadScenarioText(R"(version: 1
timeline:
  - name: hello
    at: 1m
    repeat: {times: 3, every: 10s}
    graph: {path: "/v23.0/1/messages", body: {to: "1650700${i}", keep: "${m}"}, save: "m${i}"}
  - after: 1s
    customer: {wa_id: "16505550000", state: offline}
)",
                                 "s.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.errors.at(0).ToString();
  const auto& steps = loaded.scenario.steps;
  ASSERT_EQ(steps.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(*steps[i].at, 1 * kMinute + i * 10 * kSecond);
    EXPECT_EQ(steps[i].name, "hello [" + std::to_string(i) + "]");
    EXPECT_EQ(steps[i].actions[0].body["to"], "1650700" + std::to_string(i));
    EXPECT_EQ(steps[i].actions[0].save, "m" + std::to_string(i));
    EXPECT_EQ(steps[i].actions[0].body["keep"], "${m}");  // run-time variables stay
  }
  // `after` counts from the last repetition.
  EXPECT_EQ(*steps[3].at, 1 * kMinute + 20 * kSecond + 1 * kSecond);
}

TEST(ScenarioLoaderTest, ASaveNamesAVariable) {
  auto errors = Errors(R"(version: 1
timeline:
  - at: 0s
    graph: {path: /v23.0/1/messages, save: "=data.0.id"}
  - at: 1s
    graph: {path: /v23.0/1/messages, save: "a=b=c"}
  - at: 2s
    graph: {path: /v23.0/1/messages, save: "code=data.1.code"}
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:4:44: 'save': a variable name"));
  EXPECT_TRUE(HasError(errors, "s.yaml:6:44: 'save': a variable name"));
  EXPECT_EQ(errors.size(), 2u);
}

TEST(ScenarioLoaderTest, ARepeatIsBoundedAndGoesWithATime) {
  auto errors = Errors(R"(version: 1
timeline:
  - when: {api_call: {}}
    repeat: {times: 2}
    admin: {path: /_sim/faults}
  - at: 0s
    repeat: {times: 0}
    admin: {path: /_sim/faults}
  - at: 0s
    repeat: {every: 1s}
    admin: {path: /_sim/faults}
  - at: 3000d
    repeat: {times: 1000, every: 1d}
    admin: {path: /_sim/faults}
)");
  EXPECT_TRUE(HasError(errors, "s.yaml:4:13: 'repeat' goes with 'at' or 'after'"));
  EXPECT_TRUE(HasError(errors, "s.yaml:7:21: 'times': expected 1 to 10000"));
  EXPECT_TRUE(HasError(errors, "s.yaml:10:13: repeat: 'times' is required"));
  EXPECT_TRUE(HasError(errors, "s.yaml:13:13: 'repeat': the last repetition would come after 3650d"));
}

TEST(ScenarioLoaderTest, AliasesCannotAmplifyTheWorkOrTheErrors) {
  // A small file: an anchor with 1,000 unknown keys, reused by 2,000 steps.
  std::string yaml = "version: 1\nx: &a {";
  for (int i = 0; i < 1000; ++i) yaml += (i ? ", k" : "k") + std::to_string(i) + ": 1";
  yaml += "}\ntimeline:\n";
  for (int i = 0; i < 2000; ++i) yaml += "  - *a\n";
  auto errors = LoadScenarioText(yaml, "amp.yaml").errors;
  EXPECT_LE(errors.size(), kMaxErrors + 1);
  EXPECT_EQ(errors.back().message, "too many errors; the first 100 are listed");
}

TEST(ScenarioLoaderTest, IncludesAreRefusedInTextThatCameOverHttp) {
  auto r = LoadScenarioText("version: 1\ninclude: [/etc/passwd]\n", "request.yaml", /*allow_includes=*/false);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("'include' is not allowed"), std::string::npos) << r.errors[0].message;
}

class ScenarioIncludeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wasim_include_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioIncludeTest, AnIncludedWorldFileAddsToTheWorldAndReportsItsOwnPositions) {
  Write("shop.yaml", "customers:\n  - {wa_id: \"1777\", state: offline}\n");
  auto ok = LoadScenarioFile(Write("main.yaml", "version: 1\ninclude: [shop.yaml]\n"));
  ASSERT_TRUE(ok.ok()) << ok.errors[0].ToString();
  SimState state;
  ASSERT_FALSE(DefaultWorld().Then(ok.scenario.world).ApplyTo(state));
  EXPECT_EQ(state.customers.Find("1777")->state, CustomerState::kOffline);

  std::string bad = Write("bad.yaml", "customers:\n  - {wa_id: \"1777\", state: asleep}\n");
  auto r = LoadScenarioFile(Write("main2.yaml", "version: 1\ninclude: [bad.yaml, missing.yaml]\n"));
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].ToString(), bad +
                                        ":2:28: 'state': expected one of online, offline, not_on_whatsapp, "
                                        "old_client, got 'asleep'");
  EXPECT_EQ(r.errors[1].pos.line, 2);
  EXPECT_NE(r.errors[1].message.find("include 'missing.yaml'"), std::string::npos);
}

TEST_F(ScenarioIncludeTest, AnIncludeCycleIsAnError) {
  Write("a.yaml", "include: [b.yaml]\n");
  Write("b.yaml", "include: [a.yaml]\n");
  auto r = LoadScenarioFile(Write("main.yaml", "version: 1\ninclude: [a.yaml]\n"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("include cycle: 'a.yaml'"), std::string::npos) << r.errors[0].ToString();
  EXPECT_NE(r.errors[0].pos.file.find("b.yaml"), std::string::npos);
}

TEST_F(ScenarioIncludeTest, AFileOverTheSizeLimitIsRefusedUnread) {
  std::string big = Write("big.yaml", "version: 1\n# " + std::string(kMaxScenarioBytes, 'x') + "\n");
  auto r = LoadScenarioFile(big);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("at most"), std::string::npos);
}

TEST(ScenarioLoaderTest, UnknownRecipientsIsAWorldOption) {
  for (const char* v : {"on_whatsapp", "not_on_whatsapp"}) {
    auto r = LoadScenarioText(std::string("version: 1\nworld:\n  unknown_recipients: ") + v + "\n", "s.yaml");
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
    SimState state;
    ASSERT_FALSE(DefaultWorld().Then(r.scenario.world).ApplyTo(state));
    EXPECT_EQ(state.config.unknown_recipients_on_whatsapp, std::string(v) == "on_whatsapp");
  }
  SimState untouched;
  ASSERT_FALSE(DefaultWorld().ApplyTo(untouched));
  EXPECT_TRUE(untouched.config.unknown_recipients_on_whatsapp);  // today's behaviour by default
  EXPECT_TRUE(HasError(Errors("version: 1\nworld:\n  unknown_recipients: maybe\n"), "s.yaml:3:"));
}

}  // namespace
}  // namespace wasim::scenario
