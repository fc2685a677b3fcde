// The SimulatorTest fixture and EmbeddedSimulator's operations, used only
// through include/wasim/ (as an installed copy would be).
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "wasim/testing.h"

namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using wasim::testing::ApiCall;
using wasim::testing::FailedStatusWebhook;
using wasim::testing::GraphError;
using wasim::testing::MessageSent;
using wasim::testing::StatusWebhook;
using wasim::testing::WebhookOfField;
using namespace std::chrono_literals;

// The wamid in a send's answer {"messages":[{"id":...}]} (or an inbound's {"id":...}).
std::string FixtureWamidOf(const std::string& body) {
  auto at = body.find("\"id\":\"");
  if (at == std::string::npos) return "";
  at += 6;
  return body.substr(at, body.find('"', at) - at);
}

class FixtureTest : public wasim::testing::SimulatorTest {
 protected:
  wasim::Reply SendHelloWorld(const std::string& to = "") {
    return sim().Graph(
        "POST", sim().phone_number_id() + "/messages",
        R"({"messaging_product":"whatsapp","to":")" + (to.empty() ? sim().customer_wa_id() : to) +
            R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  }
  wasim::Reply SendText(const std::string& text) {
    return sim().Graph("POST", sim().phone_number_id() + "/messages",
                       R"({"messaging_product":"whatsapp","to":")" + sim().customer_wa_id() +
                           R"(","type":"text","text":{"body":")" + text + R"("}})");
  }
};

TEST_F(FixtureTest, GivesBaseUrlTokenAndIdsThatTheGraphApiAccepts) {
  EXPECT_EQ(sim().base_url(), sim().root_url() + "/v23.0");
  EXPECT_GT(sim().port(), 0);
  wasim::Reply phone = sim().Graph("GET", sim().phone_number_id());
  ASSERT_EQ(phone.status, 200) << phone.body;
  EXPECT_THAT(phone.body, HasSubstr(sim().phone_number_id()));
  EXPECT_EQ(sim().Graph("GET", sim().waba_id()).status, 200);
  EXPECT_THAT(sim().Graph("GET", sim().phone_number_id(), "", "not-a-token"), GraphError(190, 401));
  EXPECT_EQ(sim().app_secret(), wasim::EmbeddedSimulator::DefaultAppSecret());
  EXPECT_FALSE(sim().app_id().empty());
  EXPECT_FALSE(sim().business_id().empty());
  EXPECT_FALSE(sim().hello_world_template_id().empty());
}

TEST_F(FixtureTest, ATemplateSendIsJournaledWithItsTextAndItsStatusesReachTheReceiver) {
  wasim::Reply r = SendHelloWorld();
  ASSERT_EQ(r.status, 200) << r.body;
  std::string wamid = FixtureWamidOf(r.body);
  EXPECT_THAT(sim().Messages(), Contains(MessageSent(sim().customer_wa_id(), "template",
                                                     HasSubstr("Welcome and congratulations!!"))));
  EXPECT_TRUE(AdvanceUntilReceived(StatusWebhook(wamid, "delivered"), 1h));
  EXPECT_THAT(receiver().Deliveries(), Contains(StatusWebhook(wamid, "sent")));
  EXPECT_THAT(sim().Deliveries(), Contains(StatusWebhook(wamid, "delivered")));
  EXPECT_THAT(sim().ApiCalls(), Contains(ApiCall("POST", "/v23.0/*/messages", 200)));
}

TEST_F(FixtureTest, AdvancesTheClockByDurationsAndToInstants) {
  const std::int64_t start = sim().NowMs();
  EXPECT_EQ(sim().Advance(90s).status, 200);
  EXPECT_EQ(sim().NowMs(), start + 90'000);
  EXPECT_EQ(sim().AdvanceBy("1h").status, 200);
  EXPECT_EQ(sim().NowMs(), start + 90'000 + 3'600'000);
  EXPECT_EQ(sim().AdvanceTo("2026-01-03T00:00:00Z").status, 200);
  EXPECT_EQ(sim().NowMs(), 1767398400000);
  EXPECT_EQ(sim().AdvanceBy("not a duration").status, 400);
}

TEST_F(FixtureTest, AdvanceToNextDueStopsExactlyAtTheNextRecord) {
  ASSERT_EQ(SendHelloWorld().status, 200);
  auto next = sim().NextDueMs();
  ASSERT_TRUE(next.has_value());
  EXPECT_GE(*next, sim().NowMs());
  EXPECT_TRUE(sim().AdvanceToNextDue());
  EXPECT_EQ(sim().NowMs(), *next);
}

TEST_F(FixtureTest, ACustomerWritesAndTheAppGetsTheMessageWebhook) {
  wasim::Reply r = sim().CustomerWrites("where is my order?");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string inbound = FixtureWamidOf(r.body);
  auto deliveries = receiver().Deliveries();
  ASSERT_THAT(deliveries, SizeIs(1));
  EXPECT_THAT(deliveries[0], WebhookOfField("messages"));
  EXPECT_THAT(deliveries[0].body, HasSubstr("where is my order?"));
  EXPECT_THAT(deliveries[0].body, HasSubstr(inbound));
  // Inside the 24 h window a free-form reply is accepted and delivered.
  ASSERT_EQ(SendText("on its way").status, 200);
  EXPECT_TRUE(AdvanceUntilSent(MessageSent(sim().customer_wa_id(), "text", "on its way"), 1h));
}

TEST_F(FixtureTest, ACustomerNotOnWhatsAppMakesSendsFailWith131026) {
  ASSERT_EQ(sim().SetCustomer(sim().customer_wa_id(), R"({"state":"not_on_whatsapp"})").status, 200);
  std::string wamid = FixtureWamidOf(SendHelloWorld().body);
  EXPECT_TRUE(AdvanceUntilReceived(FailedStatusWebhook(wamid, 131026), 1h));
  EXPECT_EQ(sim().SetCustomer(sim().customer_wa_id(), R"({"state":"sleepy"})").status, 400);
}

TEST_F(FixtureTest, ALockedAccountMakesSendsFailWith131031) {
  ASSERT_EQ(sim().SetWaba(sim().waba_id(), R"({"locked":true})").status, 200);
  std::string wamid = FixtureWamidOf(SendHelloWorld().body);
  EXPECT_TRUE(AdvanceUntilReceived(FailedStatusWebhook(wamid, 131031), 1h));
  EXPECT_EQ(sim().SetBusiness(sim().business_id(), R"({"payment_method_ok":false})").status, 200);
  EXPECT_EQ(sim().SetPhoneNumber(sim().phone_number_id(), R"({"no_such_field":1})").status, 400);
}

TEST_F(FixtureTest, ATemplateReviewDecidedNowIsAnnouncedAndTheTemplateSendsHydrated) {
  wasim::Reply created = sim().Graph(
      "POST", sim().waba_id() + "/message_templates",
      R"({"name":"order_update","language":"en_US","category":"UTILITY","components":[{"type":"BODY",)"
      R"("text":"Hi {{1}}, your order is on its way.","example":{"body_text":[["Pablo"]]}}]})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = FixtureWamidOf(created.body);
  ASSERT_EQ(sim().SubscribeWebhookFields("messages,message_template_status_update").status, 200);
  ASSERT_EQ(sim().DecideTemplateReview(id, "APPROVED").status, 200);
  EXPECT_THAT(receiver().Deliveries(), Contains(WebhookOfField("message_template_status_update")));
  wasim::Reply sent =
      sim().Graph("POST", sim().phone_number_id() + "/messages",
                  R"({"messaging_product":"whatsapp","to":")" + sim().customer_wa_id() +
                      R"(","type":"template","template":{"name":"order_update","language":{"code":"en_US"},)"
                      R"("components":[{"type":"body","parameters":[{"type":"text","text":"Pablo"}]}]}})");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_THAT(sim().Messages(), Contains(MessageSent(sim().customer_wa_id(), "template",
                                                     "Hi Pablo, your order is on its way.")));
  EXPECT_EQ(sim().DecideTemplateReview("999", "APPROVED").status, 404);
}

TEST_F(FixtureTest, ANameReviewDecidedNowIsAnnounced) {
  wasim::Reply sub = sim().SubscribeWebhookFields("messages,phone_number_name_update");
  ASSERT_EQ(sub.status, 200) << sub.body;
  // Subscribing ran Meta's verification GET against the receiver.
  ASSERT_THAT(receiver().Received(), SizeIs(1));
  EXPECT_EQ(receiver().Received()[0].method, "GET");
  EXPECT_EQ(receiver().Received()[0].answered_status, 200);
  ASSERT_EQ(sim()
                .Admin("POST", "/_sim/phone_numbers/" + sim().phone_number_id() + "/name_review",
                       R"({"new_name":"Lucky Shrub Plants"})")
                .status,
            200);
  wasim::Reply r = sim().DecideNameReview(sim().phone_number_id(), "APPROVED");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(receiver().Deliveries(), Contains(WebhookOfField("phone_number_name_update")));
}

TEST_F(FixtureTest, AnInjectedFaultAnswersTheNextCallWithItsError) {
  ASSERT_EQ(sim()
                .InjectFault(R"({"match":{"method":"POST","path":"/v*/*/messages"},"times":1,)"
                             R"("error":{"code":130429}})")
                .status,
            200);
  EXPECT_THAT(SendHelloWorld(), GraphError(130429, 400));
  EXPECT_EQ(SendHelloWorld().status, 200);
  ASSERT_EQ(sim().InjectFault(R"({"error":{"code":131000}})").status, 200);
  ASSERT_EQ(sim().ClearFaults().status, 200);
  EXPECT_EQ(SendHelloWorld().status, 200);
  EXPECT_THAT(sim().ApiCalls(), Contains(ApiCall("POST", "/v23.0/*/messages", 400)));
}

TEST_F(FixtureTest, ForcedStatusesAndResetChangeTheJournals) {
  std::string wamid = FixtureWamidOf(SendHelloWorld().body);
  ASSERT_EQ(sim().SetMessageStatus(wamid, R"({"status":"read"})").status, 200);
  EXPECT_THAT(receiver().Deliveries(), Contains(StatusWebhook(wamid, "read")));
  auto messages = sim().Messages();
  ASSERT_THAT(messages, SizeIs(1));
  EXPECT_EQ(messages[0].status, "read");
  EXPECT_THAT(sim().Facts("status_changed"), Not(::testing::IsEmpty()));
  std::uint64_t seq = sim().LastFactSeq();
  EXPECT_GT(seq, 0u);
  EXPECT_TRUE(sim().Facts("", seq).empty());
  ASSERT_EQ(sim().Reset().status, 200);
  EXPECT_TRUE(sim().Messages().empty());
  EXPECT_TRUE(sim().Deliveries().empty());
}

TEST_F(FixtureTest, LoadsAScenarioAndReportsItsVerdict) {
  wasim::Reply r = sim().LoadScenario(R"(version: 1
name: inline
timeline:
  - name: the customer writes
    at: 1m
    inbound: {from: "16505551234", phone_number_id: "106540352242922", type: text, text: {body: hello}}
expect:
  - fact: inbound_received
)");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(sim().ScenarioVerdict().status, 409);
  EXPECT_TRUE(AdvanceUntilReceived(WebhookOfField("messages"), 1h));
  EXPECT_EQ(sim().ScenarioVerdict().status, 200);
  EXPECT_EQ(
      sim().LoadScenarioFile(std::string(WASIM_SOURCE_DIR) + "/scenarios/account-locked-131031.yaml").status,
      200);
}

TEST_F(FixtureTest, ABrokenScenarioIsRefusedWithFileLineAndColumn) {
  wasim::Reply r = sim().LoadScenario("version: 1\nname: broken\nno_such_key: 1\n", "broken.yaml");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("broken.yaml:3:1"));
}

TEST(EmbeddedSimulatorStart, ABrokenScenarioFailsWithTheLoadersMessage) {
  wasim::EmbeddedSimulator::Options o;
  o.scenario_yaml = "version: 1\nname: broken\ntimeline:\n  - at: soon\n";
  std::string error;
  auto sim = wasim::EmbeddedSimulator::Start(o, &error);
  EXPECT_EQ(sim, nullptr);
  EXPECT_THAT(error, HasSubstr("scenario.yaml:4:"));
  o = {};
  o.scenario_file = "/nonexistent/story.yaml";
  EXPECT_EQ(wasim::EmbeddedSimulator::Start(o, &error), nullptr);
  EXPECT_THAT(error, HasSubstr("/nonexistent/story.yaml"));
}

// A fixture whose scenario does not load: SetUp fails the test with the loader's message.
class BrokenScenarioFixture : public wasim::testing::SimulatorTest {
 public:
  void RunSetUp() { SetUp(); }
  void TestBody() override {}

 protected:
  wasim::EmbeddedSimulator::Options SimulatorOptions() const override {
    wasim::EmbeddedSimulator::Options o;
    o.scenario_yaml = "version: 1\nname: broken\nno_such_key: 1\n";
    return o;
  }
};

TEST(SimulatorTestSetUp, ABrokenScenarioFailsTheTestWithFileLineAndColumn) {
  EXPECT_FATAL_FAILURE(
      {
        BrokenScenarioFixture f;
        f.RunSetUp();
      },
      "scenario.yaml:3:1");
}

class SeededFixtureTest : public wasim::testing::SimulatorTest {
 protected:
  wasim::EmbeddedSimulator::Options SimulatorOptions() const override {
    wasim::EmbeddedSimulator::Options o;
    o.seed = 7;
    o.start_time = "2026-03-01T12:00:00Z";
    o.app_secret = "a-secret-of-this-test";
    return o;
  }
};

TEST_F(SeededFixtureTest, UsesTheChosenStartTimeAndSecret) {
  EXPECT_EQ(sim().NowMs(), 1772366400000);
  EXPECT_EQ(sim().app_secret(), "a-secret-of-this-test");
  ASSERT_EQ(sim().CustomerWrites("hi").status, 200);
  ASSERT_THAT(receiver().Deliveries(), SizeIs(1));
  EXPECT_TRUE(receiver().Deliveries()[0].signature_valid);
}

}  // namespace
