#include "simulator/domain/facts/fact_log.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "simulator/domain/facts/facts_json.h"

namespace wasim {
namespace {

FactBody Accepted(const std::string& wamid) {
  return MessageAccepted{"waba", "phone", wamid, "1650", "text", ""};
}

std::vector<std::uint64_t> Seqs(const FactPage& p) {
  std::vector<std::uint64_t> out;
  for (const auto& f : p.facts) out.push_back(f.seq);
  return out;
}

TEST(FactLogTest, SequenceNumbersGrowAndReadsResumeFromACursor) {
  FactLog log;
  EXPECT_EQ(log.Append(10, Accepted("a")), 1u);
  EXPECT_EQ(log.Append(20, Accepted("b")), 2u);
  EXPECT_EQ(log.Append(20, Accepted("c")), 3u);
  FactPage first = log.Read(0, 2);
  EXPECT_EQ(Seqs(first), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(first.next_after, 2u);
  EXPECT_FALSE(first.truncated);
  FactPage rest = log.Read(first.next_after, 10);
  EXPECT_EQ(Seqs(rest), (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(rest.facts[0].at, 20);
  EXPECT_EQ(log.Read(rest.next_after, 10).facts.size(), 0u);
  EXPECT_EQ(log.Read(rest.next_after, 10).next_after, 3u);
}

TEST(FactLogTest, AFilteredReadCountsOnlyMatchesAndNeverSkipsOne) {
  FactLog log;
  for (int i = 0; i < 10; ++i) log.Append(i, Accepted(i % 3 == 0 ? "hit" : "miss"));  // hits: seq 1, 4, 7, 10
  auto hits = [](const Fact& f) { return std::get<MessageAccepted>(f.body).wamid == "hit"; };
  FactPage p1 = log.Read(0, 2, hits);
  EXPECT_EQ(Seqs(p1), (std::vector<std::uint64_t>{1, 4}));
  FactPage p2 = log.Read(p1.next_after, 2, hits);
  EXPECT_EQ(Seqs(p2), (std::vector<std::uint64_t>{7, 10}));
}

TEST(FactLogTest, RetentionDropsTheOldestAndTellsALateReader) {
  FactLog log(3);
  for (int i = 0; i < 5; ++i) log.Append(i, Accepted("m" + std::to_string(i)));
  EXPECT_EQ(log.size(), 3u);
  FactPage late = log.Read(0, 10);
  EXPECT_TRUE(late.truncated);
  EXPECT_EQ(late.first_retained, 3u);
  EXPECT_EQ(Seqs(late), (std::vector<std::uint64_t>{3, 4, 5}));
  FactPage current = log.Read(3, 10);
  EXPECT_FALSE(current.truncated);
  EXPECT_EQ(Seqs(current), (std::vector<std::uint64_t>{4, 5}));
}

TEST(FactLogTest, APinnedCursorKeepsWhatItHasNotRead) {
  FactLog log(2);
  FactLog::PinId pin = log.Pin(0);
  for (int i = 0; i < 5; ++i) log.Append(i, Accepted("m"));
  EXPECT_EQ(log.size(), 5u);  // the pinned reader has read nothing yet
  log.MoveTo(pin, 4);
  EXPECT_EQ(log.size(), 2u);  // retention applies again up to the pin
  EXPECT_EQ(Seqs(log.Read(3, 10)), (std::vector<std::uint64_t>{4, 5}));
}

TEST(FactLogTest, SequenceNumbersNeverRepeatAcrossAClear) {
  FactLog log;
  log.Append(1, Accepted("a"));
  log.Append(2, Accepted("b"));
  log.Clear();
  EXPECT_EQ(log.size(), 0u);
  EXPECT_TRUE(log.Read(0, 10).truncated);
  EXPECT_EQ(log.Append(3, Accepted("c")), 3u);
  EXPECT_FALSE(log.Read(2, 10).truncated);
}

TEST(FactLogTest, AWaiterWakesForTheNextFactAndTimesOutWithoutOne) {
  FactLog log;
  log.Append(1, Accepted("a"));
  EXPECT_TRUE(log.WaitBeyond(0, std::chrono::milliseconds(0)));   // already there
  EXPECT_FALSE(log.WaitBeyond(1, std::chrono::milliseconds(1)));  // nothing comes
  std::thread writer([&] { log.Append(2, Accepted("b")); });
  EXPECT_TRUE(log.WaitBeyond(1, std::chrono::seconds(60)));  // returns as soon as it is appended
  writer.join();
  EXPECT_EQ(log.last_seq(), 2u);
}

TEST(FactJsonTest, EveryTypeHasADistinctNameAndRendersItsFields) {
  std::set<std::string> names(AllFactTypeNames().begin(), AllFactTypeNames().end());
  EXPECT_EQ(names.size(), std::variant_size_v<FactBody>);
  StatusChanged s;
  s.wamid = "wamid.X";
  s.recipient_id = "16505551234";
  s.status = MessageStatus::kFailed;
  s.error = MakeError(ErrorCode::kReengagementMessage);
  Json j = FactToJson(Fact{7, 1767225600000, s});
  EXPECT_EQ(j["seq"], 7);
  EXPECT_EQ(j["type"], "status_changed");
  EXPECT_EQ(j["at"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(j["status"], "failed");
  EXPECT_EQ(j["error"]["code"], 131047);
  EXPECT_EQ(FactObjectIds(s)[0], "wamid.X");
}

}  // namespace
}  // namespace wasim
