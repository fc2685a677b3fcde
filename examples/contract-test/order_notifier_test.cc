// OrderNotifier against wasim's in-process simulator: the app under test talks
// HTTP to it, and receives its signed webhooks through the fixture's receiver.
#include "order_notifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <wasim/testing.h>

#include <chrono>

namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using wasim::testing::ApiCall;
using wasim::testing::FailedStatusWebhook;
using wasim::testing::MessageSent;
using wasim::testing::StatusWebhook;
using namespace std::chrono_literals;

class OrderNotifierTest : public wasim::testing::SimulatorTest {
 protected:
  void SetUp() override {
    SimulatorTest::SetUp();
    if (HasFatalFailure()) return;
    // The business's template, created and approved as Meta would.
    wasim::Reply t = sim().Graph("POST", sim().waba_id() + "/message_templates",
                                 R"({"name":"order_shipped","language":"en_US","category":"UTILITY",)"
                                 R"("components":[{"type":"BODY","text":"Your order {{1}} has shipped.",)"
                                 R"("example":{"body_text":[["A-1"]]}}]})");
    ASSERT_EQ(t.status, 200) << t.body;
    std::string id = t.body.substr(t.body.find("\"id\":\"") + 6);
    ASSERT_EQ(sim().DecideTemplateReview(id.substr(0, id.find('"')), "APPROVED").status, 200);

    example::NotifierConfig config;
    config.base_url = sim().base_url();
    config.access_token = sim().access_token();
    config.phone_number_id = sim().phone_number_id();
    config.app_secret = sim().app_secret();
    config.sleep = [](std::chrono::milliseconds) {};  // back-offs are recorded, not slept
    notifier_ = std::make_unique<example::OrderNotifier>(config);
    // The receiver is the notifier's webhook endpoint.
    receiver().SetHandler([this](const wasim::testing::ReceivedWebhook& w) {
      return notifier_->HandleWebhook(w.body, w.signature);
    });
  }
  void TearDown() override {
    SimulatorTest::TearDown();  // no delivery reaches the notifier once it is gone
    notifier_.reset();
  }
  example::OrderNotifier& notifier() { return *notifier_; }

 private:
  std::unique_ptr<example::OrderNotifier> notifier_;
};

TEST_F(OrderNotifierTest, SendsTheTemplateAndTracksItsStatuses) {
  example::SendOutcome sent = notifier().NotifyShipped(sim().customer_wa_id(), "A-42");
  ASSERT_TRUE(sent.ok()) << sent.error_code;
  EXPECT_THAT(sim().Messages(),
              Contains(MessageSent(sim().customer_wa_id(), "template", "Your order A-42 has shipped.")));
  ASSERT_TRUE(AdvanceUntilReceived(StatusWebhook(sent.wamid, "delivered"), 1h));
  EXPECT_EQ(notifier().StatusOf(sent.wamid), "delivered");
}

TEST_F(OrderNotifierTest, AppliesARedeliveredStatusOnce) {
  example::SendOutcome sent = notifier().NotifyShipped(sim().customer_wa_id(), "A-42");
  ASSERT_TRUE(AdvanceUntilReceived(StatusWebhook(sent.wamid, "delivered"), 1h));
  const int applied = notifier().status_updates_applied();
  const size_t before = receiver().DeliveryCount();
  // Meta delivers at least once: every delivery again, same bytes.
  auto journal = sim().Deliveries();
  for (const auto& d : journal)
    ASSERT_EQ(sim().Admin("POST", "/_sim/webhooks/" + d.id + "/redeliver").status, 200);
  // Redeliveries are attempted before the admin call returns; the bound is only a safety net.
  ASSERT_TRUE(receiver().WaitForDeliveries(before + journal.size()));
  EXPECT_EQ(notifier().status_updates_applied(), applied);
  EXPECT_EQ(notifier().StatusOf(sent.wamid), "delivered");
}

TEST_F(OrderNotifierTest, RefusesAWebhookWithABadSignature) {
  EXPECT_EQ(notifier().HandleWebhook(R"({"object":"whatsapp_business_account","entry":[]})", "sha256=00"),
            401);
}

TEST_F(OrderNotifierTest, RepliesInsideTheCustomerServiceWindow) {
  ASSERT_EQ(sim().CustomerWrites("Where is my order?").status, 200);
  EXPECT_THAT(notifier().inbound_texts(), ElementsAre("Where is my order?"));
  example::SendOutcome reply = notifier().Reply(sim().customer_wa_id(), "It ships today.");
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(AdvanceUntilReceived(StatusWebhook(reply.wamid, "delivered"), 1h));
}

TEST_F(OrderNotifierTest, RecoversFromReengagement131047WithTheTemplate) {
  ASSERT_EQ(sim().CustomerWrites("Where is my order?").status, 200);
  sim().AdvanceBy("25h");  // the 24 h window closes
  example::SendOutcome reply = notifier().Reply(sim().customer_wa_id(), "It ships today.");
  ASSERT_TRUE(reply.ok());  // Meta accepts it, then fails it
  ASSERT_TRUE(AdvanceUntilReceived(FailedStatusWebhook(reply.wamid, 131047), 1h));
  EXPECT_EQ(notifier().StatusOf(reply.wamid), "failed");
  EXPECT_TRUE(
      AdvanceUntilSent(MessageSent(sim().customer_wa_id(), "template", HasSubstr("has shipped")), 1h));
}

TEST_F(OrderNotifierTest, BacksOffOnThroughputErrors130429) {
  ASSERT_EQ(
      sim().InjectFault(R"({"match":{"path":"/v*/*/messages"},"times":2,"error":{"code":130429}})").status,
      200);
  example::SendOutcome sent = notifier().NotifyShipped(sim().customer_wa_id(), "A-7");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent.attempts, 3);
  EXPECT_THAT(notifier().backoffs(), ElementsAre(1000ms, 2000ms));
  EXPECT_THAT(sim().ApiCalls(), Contains(ApiCall("POST", "/v*/*/messages", 400)));
}

}  // namespace
