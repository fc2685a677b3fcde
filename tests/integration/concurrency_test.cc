// Thread safety: several simulators in one process, and many client threads
// against one server while another thread moves the clock and reads the
// journal. Bounded by counts, never by wall-clock durations.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "simulator/admin/bulk_admin.h"
#include "simulator/domain/messages/service.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

std::string TextBody(const std::string& to, int n) {
  return R"({"messaging_product":"whatsapp","to":")" + to + R"(","type":"text","text":{"body":"msg )" +
         std::to_string(n) + R"("}})";
}

// Creates `numbers` phone numbers and `customers` customers via POST /_sim/bulk.
BulkCreated Bulk(LoopbackServer& server, int numbers, int customers) {
  auto r = server.client().Post(
      "/_sim/bulk",
      R"({"phone_numbers":)" + std::to_string(numbers) + R"(,"customers":)" + std::to_string(customers) + "}",
      "application/json");
  BulkCreated out;
  EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
  if (!r || r->status != 200) return out;
  Json j = ParseOrDie(r->body);
  out.waba_id = j["waba_id"];
  for (const auto& p : j["phone_numbers"]) out.phone_numbers.emplace_back(p["id"], p["display_phone_number"]);
  for (const auto& c : j["customers"]) out.customers.push_back(c);
  return out;
}

Json Journal(httplib::Client& c) {
  auto r = c.Get("/_sim/messages");
  EXPECT_TRUE(r && r->status == 200);
  return r ? ParseOrDie(r->body)["data"] : Json::array();
}

// Statuses of one journal entry only move forward (failed is terminal) and in time.
::testing::AssertionResult HistoryIsConsistent(const Json& m) {
  static const std::map<std::string, int> kRank = {{"sent", 1}, {"delivered", 2}, {"read", 3}, {"failed", 4}};
  int rank = 0;
  std::string at;
  for (const auto& s : m["statuses"]) {
    std::string name = s["status"];
    if (!kRank.count(name)) return ::testing::AssertionFailure() << "unknown status " << name;
    if (kRank.at(name) <= rank) return ::testing::AssertionFailure() << "status went backwards: " << m.dump();
    if (std::string(s["at"]) < at)
      return ::testing::AssertionFailure() << "time went backwards: " << m.dump();
    rank = kRank.at(name);
    at = s["at"];
  }
  return ::testing::AssertionSuccess();
}

// Many senders, one server; a third party advances the clock and reads the
// journal meanwhile. Every accepted send is journaled exactly once.
TEST(ConcurrencyTest, ParallelSendsWhileTheClockMovesLoseAndDuplicateNothing) {
  constexpr int kSenders = 8, kPerSender = 40, kAdvances = 15;
  LoopbackServer server;
  // One number per sender (40 < Meta's 80/s per number even if the clock stood
  // still) and one recipient per send of a sender (pair rate never reached).
  BulkCreated world = Bulk(server, kSenders, kPerSender);
  ASSERT_EQ(world.phone_numbers.size(), static_cast<size_t>(kSenders));

  std::vector<std::vector<std::string>> wamids(kSenders);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSenders; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", server.port());
      httplib::Headers h{{"Authorization", std::string("Bearer ") + D::kAccessToken}};
      std::string path = "/v23.0/" + world.phone_numbers[t].first + "/messages";
      for (int i = 0; i < kPerSender; ++i) {
        auto r = c.Post(path.c_str(), h, TextBody(world.customers[i], i), "application/json");
        if (!r || r->status != 200) {
          ++failures;
          continue;
        }
        wamids[t].push_back(ParseOrDie(r->body)["messages"][0]["id"]);
      }
    });
  }
  size_t last_seen = 0;
  int shrinks = 0, inconsistent = 0;
  threads.emplace_back([&] {
    httplib::Client c("127.0.0.1", server.port());
    for (int i = 0; i < kAdvances; ++i) {
      c.Post("/_sim/clock/advance", R"({"by":"1s"})", "application/json");
      Json journal = Journal(c);
      if (journal.size() < last_seen) ++shrinks;
      last_seen = journal.size();
      for (const auto& m : journal)
        if (!HistoryIsConsistent(m)) ++inconsistent;
    }
  });
  for (auto& th : threads) th.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(shrinks, 0);
  EXPECT_EQ(inconsistent, 0);
  std::set<std::string> sent;
  for (const auto& list : wamids) sent.insert(list.begin(), list.end());
  EXPECT_EQ(sent.size(), static_cast<size_t>(kSenders * kPerSender)) << "duplicate wamids handed out";

  ASSERT_EQ(server.Advance("1m")->status, 200);
  Json journal = Journal(server.client());
  std::multiset<std::string> journaled;
  for (const auto& m : journal) {
    journaled.insert(m["id"].get<std::string>());
    EXPECT_TRUE(HistoryIsConsistent(m));
    // After a minute every lifecycle has ended (read, or failed by a rule).
    EXPECT_TRUE(m["status"] == "read" || m["status"] == "failed") << m.dump();
  }
  EXPECT_EQ(journaled.size(), sent.size());
  EXPECT_EQ(std::set<std::string>(journaled.begin(), journaled.end()), sent);
}

// Sends and resets racing: each answer is a send result or a Graph error
// (the numbers vanish with a reset), never a crash, hang or torn reply.
TEST(ConcurrencyTest, ResetsDuringSendsAnswerEveryRequestCleanly) {
  constexpr int kSenders = 4, kPerSender = 30, kResets = 6;
  LoopbackServer server;
  BulkCreated world = Bulk(server, kSenders, kPerSender);
  ASSERT_EQ(world.phone_numbers.size(), static_cast<size_t>(kSenders));
  std::atomic<int> accepted{0}, refused{0}, broken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSenders; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", server.port());
      httplib::Headers h{{"Authorization", std::string("Bearer ") + D::kAccessToken}};
      std::string path = "/v23.0/" + world.phone_numbers[t].first + "/messages";
      for (int i = 0; i < kPerSender; ++i) {
        auto r = c.Post(path.c_str(), h, TextBody(world.customers[i], i), "application/json");
        if (!r) {
          ++broken;
          continue;
        }
        Json j = Json::parse(r->body, nullptr, false);
        bool has_error = j.is_object() && j.contains("error") && j["error"].is_object();
        if (r->status == 200 && j.is_object() && j.contains("messages"))
          ++accepted;
        else if (has_error && IsGraphError(r->status, r->body, j["error"].value("code", -1)))
          ++refused;
        else
          ++broken;
      }
    });
  }
  threads.emplace_back([&] {
    httplib::Client c("127.0.0.1", server.port());
    for (int i = 0; i < kResets; ++i) c.Post("/_sim/reset", "", "application/json");
  });
  for (auto& th : threads) th.join();
  EXPECT_EQ(broken.load(), 0);
  EXPECT_EQ(accepted.load() + refused.load(), kSenders * kPerSender);
  // The journal holds at most what was accepted after the last reset.
  EXPECT_LE(Journal(server.client()).size(), static_cast<size_t>(accepted.load()));
}

// Simulators in one process share nothing: each has its own clock, ids and
// state. The same seed and the same calls give the same wamids in each, even
// when they run at the same time in different threads.
TEST(ConcurrencyTest, SimulatorsInOneProcessAreIndependent) {
  constexpr int kSims = 4, kSends = 30;
  std::vector<std::shared_ptr<ManualClock>> clocks;
  std::vector<std::unique_ptr<Simulator>> sims;
  for (int i = 0; i < kSims; ++i) {
    clocks.push_back(std::make_shared<ManualClock>(kDefaultManualStart));
    Simulator::Options o;
    o.seed = 99;
    o.clock = clocks.back();
    o.world = DefaultWorld();
    sims.push_back(std::make_unique<Simulator>(std::move(o)));
  }
  std::vector<std::vector<std::string>> wamids(kSims);
  std::vector<std::thread> threads;
  for (int s = 0; s < kSims; ++s) {
    threads.emplace_back([&, s] {
      Simulator& sim = *sims[s];
      for (int i = 0; i < kSends; ++i) {
        auto r = sim.WithLock([&](Ctx& ctx) {
          return messages::Send(ctx, D::kPhoneNumberId,
                                Json::parse(TextBody("1650555" + std::to_string(1000 + i), i)));
        });
        if (r) wamids[s].push_back(r->wamid);
        sim.AdvanceBy((s + 1) * kSecond);  // each simulator's own pace
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int s = 0; s < kSims; ++s) {
    ASSERT_EQ(wamids[s].size(), static_cast<size_t>(kSends)) << "simulator " << s;
    EXPECT_EQ(wamids[s], wamids[0]) << "ids of simulator " << s << " depend on the others";
    EXPECT_EQ(clocks[s]->Now(), kDefaultManualStart + kSends * (s + 1) * kSecond);
    size_t journaled = sims[s]->WithLock([](Ctx& ctx) { return ctx.state.messages.size(); });
    EXPECT_EQ(journaled, static_cast<size_t>(kSends));
  }
}

// Two servers in one process: a send to one is invisible to the other.
TEST(ConcurrencyTest, TwoServersInOneProcessKeepSeparateJournalsAndClocks) {
  LoopbackServer a, b;
  std::string path = std::string(D::kPhoneNumberId) + "/messages";
  ASSERT_EQ(a.PostGraph(path, TextBody(D::kCustomerWaId, 1))->status, 200);
  ASSERT_EQ(a.Advance("1h")->status, 200);
  EXPECT_EQ(Journal(a.client()).size(), 1u);
  EXPECT_EQ(Journal(b.client()).size(), 0u);
  EXPECT_EQ(a.sim().clock().Now(), kDefaultManualStart + kHour);
  EXPECT_EQ(b.sim().clock().Now(), kDefaultManualStart);
}

}  // namespace
}  // namespace wasim::testing
