// The waiting helpers: they move virtual time to each next due record, up to
// a horizon, and on failure print where they stopped and what they awaited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "wasim/testing.h"

namespace {

using ::testing::HasSubstr;
using wasim::testing::FailedStatusWebhook;
using wasim::testing::MessageSent;
using wasim::testing::StatusWebhook;
using namespace std::chrono_literals;

class WaitTest : public wasim::testing::SimulatorTest {
 protected:
  std::string SendHello() {
    wasim::Reply r = sim().Graph(
        "POST", sim().phone_number_id() + "/messages",
        R"({"messaging_product":"whatsapp","to":")" + sim().customer_wa_id() +
            R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
    EXPECT_EQ(r.status, 200) << r.body;
    auto at = r.body.find("wamid.");
    return at == std::string::npos ? "" : r.body.substr(at, r.body.find('"', at) - at);
  }
};

TEST_F(WaitTest, StopsAtTheInstantTheAwaitedWebhookArrives) {
  std::string wamid = SendHello();
  // Where the timeline says `delivered` is due: the wait must stop exactly there.
  std::optional<std::int64_t> delivered_at;
  wasim::WaitResult r = sim().AdvanceUntil(
      [&] {
        for (const auto& m : sim().Messages())
          if (m.status == "delivered") return true;
        return false;
      },
      24h);
  ASSERT_TRUE(r.met) << r.report;
  EXPECT_GE(r.steps, 1);
  delivered_at = sim().NowMs();
  EXPECT_THAT(receiver().Deliveries(), ::testing::Contains(StatusWebhook(wamid, "delivered")));
  // Nothing more was run than needed: the read (if any) is still pending after that instant.
  auto next = sim().NextDueMs();
  if (next) {
    EXPECT_GT(*next, *delivered_at);
  }
}

TEST_F(WaitTest, AConditionAlreadyTrueNeedsNoAdvance) {
  const std::int64_t before = sim().NowMs();
  wasim::WaitResult r = sim().AdvanceUntil([] { return true; }, 1h);
  EXPECT_TRUE(r.met);
  EXPECT_EQ(r.steps, 0);
  EXPECT_EQ(sim().NowMs(), before);
}

TEST_F(WaitTest, FailsWhenNothingIsPendingAndPrintsTheAwaitedState) {
  ::testing::AssertionResult r = AdvanceUntilReceived(StatusWebhook("wamid.nope", "read"), 24h);
  EXPECT_FALSE(r);
  EXPECT_THAT(r.message(), HasSubstr("nothing is pending on the timeline"));
  EXPECT_THAT(r.message(), HasSubstr("awaited a webhook that is a status webhook read for wamid.nope"));
  EXPECT_THAT(r.message(), HasSubstr("(the receiver got no webhook)"));
}

TEST_F(WaitTest, FailsAtTheHorizonWithoutPassingIt) {
  std::string wamid = SendHello();
  const std::int64_t start = sim().NowMs();
  auto next = sim().NextDueMs();
  ASSERT_TRUE(next);
  // A horizon shorter than the first record's due time: no advance at all.
  ASSERT_GT(*next, start);  // what was due at the send's instant ran before it answered
  std::chrono::milliseconds horizon(*next - start - 1);
  ::testing::AssertionResult r = AdvanceUntilReceived(FailedStatusWebhook(wamid, 131026), horizon);
  EXPECT_FALSE(r);
  EXPECT_THAT(r.message(), HasSubstr("is beyond the horizon"));
  EXPECT_EQ(sim().NowMs(), start);
}

TEST_F(WaitTest, PrintsTheLastStateOfWhatWasAwaited) {
  std::string wamid = SendHello();
  ::testing::AssertionResult r = AdvanceUntilReceived(FailedStatusWebhook(wamid, 131026), 30 * 24h);
  EXPECT_FALSE(r);
  // The statuses the app did get, one line per delivery.
  EXPECT_THAT(r.message(), HasSubstr("the receiver got"));
  EXPECT_THAT(r.message(), HasSubstr("messages: " + wamid + ": delivered"));
  ::testing::AssertionResult sent = AdvanceUntilSent(MessageSent(sim().customer_wa_id(), "text"), 1h);
  EXPECT_FALSE(sent);
  EXPECT_THAT(sent.message(), HasSubstr("1 message(s) sent:"));
  EXPECT_THAT(sent.message(), HasSubstr("template to " + sim().customer_wa_id()));
}

TEST_F(WaitTest, AdvanceUntilSentSucceedsOnTheJournal) {
  SendHello();
  EXPECT_TRUE(AdvanceUntilSent(MessageSent(sim().customer_wa_id(), "template"), 1h));
}

}  // namespace
