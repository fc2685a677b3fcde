// The outbox attempts different targets concurrently, each on workers of its own (up
// to max_concurrency of its customers at once), and journals the attempts in one
// deterministic order.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/outbox.h"
#include "tests/support/fact_tap.h"
#include "tests/webhooks/fake_sender.h"

namespace wasim::webhooks {
namespace {

using D = DefaultIds;
constexpr const char* kLanesSlowUrl = "http://slow.test/hook";
constexpr const char* kLanesFastUrl = "http://fast.test/hook";
constexpr const char* kLanesSecondApp = "900000000000001";
constexpr int kLanesSlowMs = 300;

// Two apps subscribed to the default WABA, each with its own receiver; one
// status per customer, each its own delivery (max_batch 1), per target.
struct LanesRun {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kDefaultManualStart);
  std::unique_ptr<Simulator> sim;
  std::shared_ptr<testing::FakeSender> sender = std::make_shared<testing::FakeSender>();
  std::unique_ptr<Outbox> outbox;

  LanesRun() {
    Simulator::Options o;
    o.clock = clock;
    App second;
    second.id = kLanesSecondApp;
    second.name = "second";
    second.secret = "secret2";
    second.callback_url = kLanesFastUrl;
    second.subscribed_fields = {"messages"};
    o.world = DefaultWorld()
                  .EditApp(D::kAppId,
                           [](App& app) {
                             app.callback_url = kLanesSlowUrl;
                             app.subscribed_fields = {"messages"};
                           })
                  .Add(second)
                  .EditWaba(D::kWabaId, [](Waba& w) { w.subscribed_app_ids.push_back(kLanesSecondApp); });
    sim = std::make_unique<Simulator>(std::move(o));
    // Two attempts at once: with one shared pool, two slow attempts would
    // occupy both and the fast target would wait behind them.
    outbox = std::make_unique<Outbox>(*sim, sender, OutboxOptions{.max_batch = 1, .max_concurrency = 2});
    outbox->Attach();
  }

  void RecordStatuses(int n) {
    for (int i = 0; i < n; ++i) {
      StatusChanged e;
      e.waba_id = D::kWabaId;
      e.phone_number_id = D::kPhoneNumberId;
      e.wamid = "wamid.L" + std::to_string(i);
      e.recipient_id = "1650555000" + std::to_string(i);
      e.status = MessageStatus::kSent;
      wasim::testing::RecordFact(*sim, e);
    }
  }
};

TEST(OutboxLanesTest, AHangingTargetDoesNotDelayAnotherTargetsDeliveries) {
  LanesRun run;
  using Clock = std::chrono::steady_clock;
  std::atomic<int> slow_in_flight{0}, slow_max_in_flight{0}, slow_done{0};
  std::mutex mu;
  std::vector<int> slow_done_when_fast_sent;
  std::vector<std::string> slow_order;
  run.sender->Respond([&](const OutboundRequest& r) {
    if (r.url == kLanesFastUrl) {
      std::lock_guard lock(mu);
      slow_done_when_fast_sent.push_back(slow_done.load());
      return testing::Status(200);
    }
    int now = ++slow_in_flight;
    int seen = slow_max_in_flight.load();
    while (now > seen && !slow_max_in_flight.compare_exchange_weak(seen, now)) {
    }
    {
      std::lock_guard lock(mu);
      slow_order.push_back(Json::parse(r.body)["entry"][0]["changes"][0]["value"]["statuses"][0]["id"]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kLanesSlowMs));
    --slow_in_flight;
    ++slow_done;
    return testing::Status(200);
  });
  run.RecordStatuses(3);
  auto start = Clock::now();
  run.sim->AdvanceBy(0);
  auto took = Clock::now() - start;

  // The fast target got all three before the slow one finished its first.
  ASSERT_EQ(slow_done_when_fast_sent.size(), 3u);
  for (int done : slow_done_when_fast_sent) EXPECT_EQ(done, 0);
  // The slow target: its three customers' deliveries, at most max_concurrency
  // (2) at once (a single receiver still gets attempts side by side).
  EXPECT_EQ(slow_max_in_flight.load(), 2);
  std::sort(slow_order.begin(), slow_order.end());
  EXPECT_EQ(slow_order, (std::vector<std::string>{"wamid.L0", "wamid.L1", "wamid.L2"}));
  EXPECT_GE(took, std::chrono::milliseconds(2 * kLanesSlowMs));
}

// What the journal and the fact log say, without the real-time latencies.
std::vector<std::string> LanesRecord(LanesRun& run, wasim::testing::FactTap& tap) {
  std::vector<std::string> out;
  webhooks::ListFilter all;
  all.limit = 1000;
  const Json listed = run.outbox->List(all);  // kept alive: a range-for over a temporary's member dangles
  for (const Json& d : listed["data"])
    out.push_back("journal " + d["id"].get<std::string>() + " " + d["url"].get<std::string>() + " " +
                  d["state"].get<std::string>() + " " + d["body"].get<std::string>());
  for (const auto& a : tap.Of<WebhookAttempted>())
    out.push_back("fact " + a.delivery_id + " " + a.url + " " + std::to_string(a.attempt) + " " + a.outcome);
  return out;
}

TEST(OutboxLanesTest, TheJournalAndFactOrderDoNotDependOnWhichTargetAnswersFirst) {
  // Run 1: the first target is slow; run 2: the second one is. Attempts
  // complete in opposite orders; journal and facts must read the same.
  std::vector<std::vector<std::string>> records;
  for (const char* slow : {kLanesSlowUrl, kLanesFastUrl}) {
    LanesRun run;
    wasim::testing::FactTap tap(*run.sim);
    run.sender->Respond([slow](const OutboundRequest& r) {
      if (r.url == slow) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      // A failure on the first attempt of one delivery: a retry joins the record.
      bool fail = r.url == kLanesFastUrl && r.body.find("wamid.L1") != std::string::npos;
      return testing::Status(fail ? 503 : 200);
    });
    run.RecordStatuses(2);
    run.sim->AdvanceBy(0);
    records.push_back(LanesRecord(run, tap));
  }
  ASSERT_FALSE(records[0].empty());
  EXPECT_EQ(records[0], records[1]);
  // Both targets' deliveries are in it, one retrying.
  auto has = [&](const std::string& part) {
    return std::any_of(records[0].begin(), records[0].end(),
                       [&](const std::string& l) { return l.find(part) != std::string::npos; });
  };
  EXPECT_TRUE(has(std::string(kLanesSlowUrl) + " 1 delivered"));
  EXPECT_TRUE(has(std::string(kLanesFastUrl) + " 1 retrying"));
}

}  // namespace
}  // namespace wasim::webhooks
