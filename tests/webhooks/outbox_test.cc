// Outbox behaviour with a fake sender and a manual virtual clock.
#include "simulator/webhooks/outbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/signature.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"
#include "tests/webhooks/fake_sender.h"

namespace wasim::webhooks {
namespace {

using wasim::testing::EditWorld;

using testing::FakeSender;
using D = DefaultIds;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override { Build({}); }

  void Build(OutboxOptions options) {
    clock_ = std::make_shared<ManualClock>(kDefaultManualStart);
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld().EditApp(D::kAppId, [](App& app) {
      app.callback_url = "http://receiver.test/hook";
      app.subscribed_fields = {"messages", "phone_number_quality_update"};
    });
    sim_ = std::make_unique<Simulator>(std::move(o));
    sender_ = std::make_shared<FakeSender>();
    outbox_ = std::make_unique<Outbox>(*sim_, sender_, options);
    outbox_->Attach();
  }

  StatusChanged Status(const std::string& wamid, const std::string& to = D::kCustomerWaId,
                       MessageStatus st = MessageStatus::kSent) {
    StatusChanged e;
    e.waba_id = D::kWabaId;
    e.phone_number_id = D::kPhoneNumberId;
    e.wamid = wamid;
    e.recipient_id = to;
    e.status = st;
    return e;
  }
  // Records `fact` now, as domain code would; the outbox reads it from the log.
  void Record(FactBody fact) { wasim::testing::RecordFact(*sim_, std::move(fact)); }
  Json Journal(const std::string& query_state = "") {
    ListFilter f;
    f.state = query_state;
    f.limit = 100000;
    return outbox_->List(f)["data"];
  }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::shared_ptr<FakeSender> sender_;
  std::unique_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, DeliversSignedMetaEnvelopeToTheAppCallback) {
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].url, "http://receiver.test/hook");
  EXPECT_EQ(testing::Header(calls[0], "Content-Type"), "application/json");
  EXPECT_TRUE(
      VerifySignatureHeader(D::kAppSecret, calls[0].body, testing::Header(calls[0], "X-Hub-Signature-256")));
  Json body = Json::parse(calls[0].body);
  EXPECT_EQ(body["object"], "whatsapp_business_account");
  EXPECT_EQ(body["entry"][0]["id"], D::kWabaId);
  EXPECT_FALSE(body["entry"][0].contains("time"));
  EXPECT_EQ(body["entry"][0]["changes"][0]["field"], "messages");
  EXPECT_EQ(body["entry"][0]["changes"][0]["value"]["statuses"][0]["id"], "wamid.A");
  EXPECT_EQ(body["entry"][0]["changes"][0]["value"]["metadata"]["display_phone_number"],
            D::kDisplayPhoneNumber);
  Json j = Journal();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["state"], "delivered");
  EXPECT_EQ(j[0]["attempts"][0]["response_status"], 200);
  EXPECT_EQ(j[0]["attempts"][0]["signature"], testing::Header(calls[0], "X-Hub-Signature-256"));
}

TEST_F(OutboxTest, SameInstantEventsAreBatchedUpToMaxBatch) {
  for (int i = 0; i < 5; ++i) Record(Status("wamid." + std::to_string(i), "1650555000" + std::to_string(i)));
  sim_->AdvanceBy(0);
  ASSERT_EQ(sender_->calls().size(), 1u);
  Json body = Json::parse(sender_->calls()[0].body);
  ASSERT_EQ(body["entry"][0]["changes"].size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(body["entry"][0]["changes"][i]["value"]["statuses"][0]["id"], "wamid." + std::to_string(i));

  Build({.max_batch = 2});
  for (int i = 0; i < 5; ++i) Record(Status("wamid." + std::to_string(i), "1650555000" + std::to_string(i)));
  sim_->AdvanceBy(0);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 3u);
  // Deliveries to one target go out concurrently: compare batch sizes, not call order.
  std::vector<size_t> sizes;
  for (const auto& c : calls) sizes.push_back(Json::parse(c.body)["entry"][0]["changes"].size());
  std::sort(sizes.begin(), sizes.end());
  EXPECT_EQ(sizes, (std::vector<size_t>{1, 2, 2}));
}

TEST_F(OutboxTest, EventsAtDifferentInstantsAreSeparatePosts) {
  Record(Status("wamid.A"));
  sim_->AdvanceBy(kSecond);
  Record(Status("wamid.B"));
  sim_->AdvanceBy(kSecond);
  EXPECT_EQ(sender_->calls().size(), 2u);
}

TEST_F(OutboxTest, RetriesOnTheVirtualClockUntilTheHorizonAndJournalsEveryNextRetry) {
  sender_->Respond([](const OutboundRequest&) { return testing::Status(500); });
  TimeMs t0 = clock_->Now();
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  EXPECT_EQ(sender_->calls().size(), 2u);  // first attempt and the immediate retry
  sim_->AdvanceBy(40 * kHour);
  auto schedule = RetryPolicy{}.Schedule();
  ASSERT_EQ(sender_->calls().size(), schedule.size());
  Json d = Journal()[0];
  EXPECT_EQ(d["state"], "given_up");
  ASSERT_EQ(d["attempts"].size(), schedule.size());
  for (size_t i = 0; i < schedule.size(); ++i) {
    const Json& a = d["attempts"][i];
    EXPECT_EQ(a["attempt"], i + 1);
    EXPECT_EQ(a["at"], FormatIso8601(t0 + schedule[i]));
    EXPECT_EQ(a["response_status"], 500);
    if (i + 1 < schedule.size())
      EXPECT_EQ(a["next_retry_at"], FormatIso8601(t0 + schedule[i + 1]));
    else
      EXPECT_TRUE(a["next_retry_at"].is_null());
  }
  // Every attempt sent the identical body.
  for (const auto& c : sender_->calls()) EXPECT_EQ(c.body, sender_->calls()[0].body);
}

TEST_F(OutboxTest, AClockJumpReplaysTheSameAttemptTimes) {
  sender_->Respond([](const OutboundRequest&) { return testing::Status(502); });
  TimeMs t0 = clock_->Now();
  Record(Status("wamid.A"));
  sim_->AdvanceBy(3 * kDay);  // no hook ran between the event and the jump
  auto schedule = RetryPolicy{}.Schedule();
  Json d = Journal()[0];
  EXPECT_EQ(d["state"], "given_up");
  ASSERT_EQ(d["attempts"].size(), schedule.size());
  for (size_t i = 0; i < schedule.size(); ++i)
    EXPECT_EQ(d["attempts"][i]["at"], FormatIso8601(t0 + schedule[i]));
}

TEST_F(OutboxTest, RecoversWhenTheReceiverComesBack) {
  int failures = 3;
  sender_->Respond([&failures](const OutboundRequest&) {
    SendResult r;
    if (failures-- > 0)
      r.error = "connection failed (refused or unreachable)";
    else
      r.status = 200;
    return r;
  });
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  Json d = Journal()[0];
  EXPECT_EQ(d["state"], "pending");
  EXPECT_EQ(d["attempts"][1]["error"], "connection failed (refused or unreachable)");
  sim_->AdvanceBy(15 * kSecond);
  d = Journal()[0];
  EXPECT_EQ(d["state"], "pending");
  sim_->AdvanceBy(kMinute);
  d = Journal()[0];
  EXPECT_EQ(d["state"], "delivered");
  EXPECT_EQ(d["attempts"].size(), 4u);
}

TEST_F(OutboxTest, AFailingEventHoldsLaterEventsOfTheSameCustomerOnly) {
  bool a_ok = false;
  sender_->Respond([&a_ok](const OutboundRequest& r) {
    bool is_a = r.body.find("wamid.A") != std::string::npos;
    return testing::Status(is_a && !a_ok ? 503 : 200);
  });
  Record(Status("wamid.A"));
  sim_->AdvanceBy(kSecond);
  Record(Status("wamid.B"));                 // same customer: held behind A
  Record(Status("wamid.C", "16505550000"));  // other customer: not held
  sim_->AdvanceBy(kSecond);
  auto bodies = [&] {
    std::vector<std::string> ids;
    for (const auto& c : sender_->calls())
      ids.push_back(Json::parse(c.body)["entry"][0]["changes"][0]["value"]["statuses"][0]["id"]);
    return ids;
  };
  auto sent = bodies();
  EXPECT_EQ(std::count(sent.begin(), sent.end(), "wamid.B"), 0);
  EXPECT_EQ(std::count(sent.begin(), sent.end(), "wamid.C"), 1);
  a_ok = true;
  sim_->AdvanceBy(kMinute);
  sent = bodies();
  auto a_last = std::find(sent.rbegin(), sent.rend(), "wamid.A");
  auto b = std::find(sent.begin(), sent.end(), "wamid.B");
  ASSERT_NE(b, sent.end());
  EXPECT_LT(std::distance(sent.begin(), a_last.base()) - 1,
            std::distance(sent.begin(), b));  // B after A's success
}

TEST_F(OutboxTest, UnorderedModeDoesNotHold) {
  Build({.ordered = false});
  sender_->Respond([](const OutboundRequest& r) {
    return testing::Status(r.body.find("wamid.A") != std::string::npos ? 500 : 200);
  });
  Record(Status("wamid.A"));
  sim_->AdvanceBy(kSecond);
  Record(Status("wamid.B"));
  sim_->AdvanceBy(kSecond);
  EXPECT_EQ(Journal("delivered").size(), 1u);
}

TEST_F(OutboxTest, RedeliverSendsTheSameBodyAgain) {
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  std::string id = Journal()[0]["id"];
  auto r = outbox_->Redeliver(id);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["redelivery_of"], id);
  EXPECT_EQ((*r)["state"], "delivered");
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].body, calls[0].body);
  EXPECT_FALSE(outbox_->Redeliver("whd_999"));
}

TEST_F(OutboxTest, OnlySubscribedFieldsAndAppsWithACallbackReceive) {
  const TimeMs at = clock_->Now();
  // message_template_quality_update: not subscribed.
  Record(TemplateQualityChanged{D::kWabaId, D::kHelloWorldTemplateId, "hello_world", "en_US", "GREEN",
                                "YELLOW"});
  // phone_number_quality_update: subscribed.
  Record(ThroughputUpgraded{D::kWabaId, D::kPhoneNumberId, D::kDisplayPhoneNumber});
  sim_->AdvanceBy(0);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 1u);
  Json body = Json::parse(calls[0].body);
  EXPECT_EQ(body["entry"][0]["changes"][0]["field"], "phone_number_quality_update");
  EXPECT_EQ(body["entry"][0]["time"], UnixSeconds(at));
  EXPECT_EQ(body.begin().key(), "entry");  // Meta's order for management fields

  EditWorld(*sim_, WorldBuilder().EditApp(D::kAppId, [](App& app) { app.callback_url.clear(); }));
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  EXPECT_EQ(sender_->calls().size(), 1u);
}

TEST_F(OutboxTest, WabaOverrideReceivesMessagesWebhooks) {
  EditWorld(*sim_, WorldBuilder().EditWaba(D::kWabaId,
                                           [](Waba& w) { w.override_callback_uri = "https://alt.test/wh"; }));
  Record(Status("wamid.A"));
  Record(ThroughputUpgraded{D::kWabaId, D::kPhoneNumberId, D::kDisplayPhoneNumber});  // a management field
  sim_->AdvanceBy(0);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 2u);
  // Both go out in the same round, concurrently: compare as a set.
  std::set<std::string> urls{calls[0].url, calls[1].url};
  EXPECT_EQ(urls, (std::set<std::string>{"https://alt.test/wh", "http://receiver.test/hook"}));
}

TEST_F(OutboxTest, AppVersionDecidesConversation) {
  StatusChanged e = Status("wamid.A");
  PricingInfo p;
  p.billable = true;
  p.type = "regular";
  p.category = PricingCategory::kUtility;
  e.pricing = p;
  EditWorld(*sim_, WorldBuilder().EditApp(D::kAppId, [](App& app) { app.webhook_api_version = "v23.0"; }));
  Record(e);
  sim_->AdvanceBy(kSecond);
  EditWorld(*sim_, WorldBuilder().EditApp(D::kAppId, [](App& app) { app.webhook_api_version = "v24.0"; }));
  Record(e);
  sim_->AdvanceBy(kSecond);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 2u);
  Json s23 = Json::parse(calls[0].body)["entry"][0]["changes"][0]["value"]["statuses"][0];
  Json s24 = Json::parse(calls[1].body)["entry"][0]["changes"][0]["value"]["statuses"][0];
  EXPECT_TRUE(s23.contains("conversation"));
  EXPECT_EQ(s23["conversation"]["origin"]["type"], "utility");
  EXPECT_FALSE(s24.contains("conversation"));
  EXPECT_EQ(s24["pricing"]["pricing_model"], "PMP");
}

TEST_F(OutboxTest, SeededDuplicatesAndDelaysWhenEnabled) {
  Build({.duplicate_probability = 1.0, .max_extra_delay = 10 * kSecond, .seed = 9});
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  EXPECT_LE(sender_->calls().size(), 1u);
  sim_->AdvanceBy(30 * kSecond);
  auto calls = sender_->calls();
  ASSERT_EQ(calls.size(), 2u);  // original + one duplicate (duplicates are not duplicated again)
  EXPECT_EQ(calls[0].body, calls[1].body);
  Json j = Journal();
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["duplicate_of"], j[0]["id"]);
}

TEST_F(OutboxTest, ResetClearsTheJournalAndPendingRetries) {
  sender_->Respond([](const OutboundRequest&) { return testing::Status(500); });
  Record(Status("wamid.A"));
  sim_->AdvanceBy(0);
  ASSERT_EQ(Journal().size(), 1u);
  sim_->Reset();
  EXPECT_EQ(Journal().size(), 0u);
  size_t before = sender_->calls().size();
  sim_->AdvanceBy(2 * kDay);
  EXPECT_EQ(sender_->calls().size(), before);
}

TEST_F(OutboxTest, HistoryIsBoundedButPendingIsNeverDropped) {
  Build({.history = 3});
  sender_->Respond([](const OutboundRequest& r) {
    return testing::Status(r.body.find("wamid.keep") != std::string::npos ? 500 : 200);
  });
  Record(Status("wamid.keep", "16500000000"));
  for (int i = 0; i < 10; ++i) {
    sim_->AdvanceBy(kSecond);
    Record(Status("wamid." + std::to_string(i), "1650111000" + std::to_string(i)));
  }
  sim_->AdvanceBy(kSecond);
  EXPECT_EQ(Journal("delivered").size(), 3u);
  Json pending = Journal("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["wamids"][0], "wamid.keep");
}

}  // namespace
}  // namespace wasim::webhooks
