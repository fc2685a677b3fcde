#include "simulator/domain/timeline/timeline.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "simulator/domain/simulator.h"
#include "simulator/domain/timeline/records_json.h"

namespace wasim {
namespace {

std::vector<std::string> Drain(Timeline& t, TimeMs now) {
  std::vector<std::string> ran;
  while (auto e = t.PopDue(now)) ran.push_back(ObjectIdOf(e->record) + "@" + std::to_string(e->due));
  return ran;
}

TEST(TimelineTest, RunsInTimeThenSequenceOrder) {
  Timeline t;
  t.Add(20, MediaExpiryDue{"b"});
  t.Add(10, MediaExpiryDue{"a"});
  t.Add(20, MediaExpiryDue{"c"});
  t.Add(30, MediaExpiryDue{"d"});
  EXPECT_EQ(Drain(t, 25), (std::vector<std::string>{"a@10", "b@20", "c@20"}));
  ASSERT_TRUE(t.NextDue().has_value());
  EXPECT_EQ(*t.NextDue(), 30);
  EXPECT_EQ(t.size(), 1u);
}

TEST(TimelineTest, CancelledRecordsNeverRunAndLeaveTheListing) {
  Timeline t;
  TimelineId a = t.Add(10, MediaExpiryDue{"a"});
  TimelineId b = t.Add(5, MediaExpiryDue{"b"});
  t.Add(20, MediaExpiryDue{"c"});
  EXPECT_TRUE(t.Cancel(b));
  EXPECT_FALSE(t.Cancel(b));  // already cancelled
  EXPECT_FALSE(t.IsPending(b));
  EXPECT_TRUE(t.IsPending(a));
  EXPECT_EQ(*t.NextDue(), 10);  // the cancelled earliest is skipped
  ASSERT_EQ(t.Pending().size(), 2u);
  EXPECT_EQ(t.Pending()[0].id, a);
  EXPECT_EQ(Drain(t, 100), (std::vector<std::string>{"a@10", "c@20"}));
  EXPECT_FALSE(t.Cancel(a));  // already ran
}

TEST(TimelineTest, PendingListsInRunOrderAndIdsAreNeverReused) {
  Timeline t;
  t.Add(30, MediaExpiryDue{"late"});
  t.Add(10, MediaExpiryDue{"early"});
  auto pending = t.Pending();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(ObjectIdOf(pending[0].record), "early");
  EXPECT_EQ(ObjectIdOf(pending[1].record), "late");
  TimelineId before = t.next_id();
  t.Clear();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_FALSE(t.NextDue().has_value());
  EXPECT_GE(t.Add(1, MediaExpiryDue{"x"}), before);
}

// One record of every kind, with non-default fields.
std::vector<DueRecord> OneOfEachKind() {
  GraphError err = MakeError(ErrorCode::kReengagementMessage, "window closed");
  err.subcode = 7;
  return {StatusDue{"wamid.A", MessageStatus::kSent, false},
          FailDue{"wamid.B", err},
          MediaExpiryDue{"m1"},
          LimitUpgradeDue{"biz1"},
          WebhookAttemptDue{"wh_3"},
          LifecycleDue{"template_review", "tpl9", "APPROVED"},
          ScenarioWakeDue{"step 3"},
          BusinessAppSyncDue{"106540352242922", "history", 2}};
}

TEST(TimelineJsonTest, EveryKindRoundTrips) {
  auto records = OneOfEachKind();
  ASSERT_EQ(records.size(), std::variant_size_v<DueRecord>) << "add the new kind to OneOfEachKind";
  std::set<std::string> kinds;
  TimelineId id = 41;
  for (const auto& r : records) {
    TimelineEntry e{++id, 1767225600123 + static_cast<TimeMs>(id), r};
    Json j = TimelineEntryToJson(e);
    kinds.insert(j["kind"].get<std::string>());
    auto back = TimelineEntryFromJson(Json::parse(j.dump()));
    ASSERT_TRUE(back.ok()) << j.dump() << ": " << back.error().details;
    EXPECT_EQ(back->id, e.id);
    EXPECT_EQ(back->due, e.due);
    EXPECT_EQ(TimelineEntryToJson(*back), j);
  }
  EXPECT_EQ(kinds.size(), records.size());  // kind names are distinct
}

TEST(TimelineJsonTest, FailDueKeepsTheWholeError) {
  GraphError err = MakeError(ErrorCode::kPaymentIssue, "no payment method");
  auto back = TimelineEntryFromJson(TimelineEntryToJson(TimelineEntry{3, 9, FailDue{"w", err}}));
  ASSERT_TRUE(back.ok());
  const auto& f = std::get<FailDue>(back->record);
  EXPECT_EQ(f.error.code, ErrorCode::kPaymentIssue);
  EXPECT_EQ(f.error.title, err.title);
  EXPECT_EQ(f.error.message, err.message);
  EXPECT_EQ(f.error.details, "no payment method");
  EXPECT_EQ(f.error.http_status, err.http_status);
}

TEST(TimelineJsonTest, RefusesMalformedRecordsSayingWhy) {
  struct Case {
    const char* json;
    const char* says;
  };
  for (const Case& c :
       {Case{R"({"due_ms":1,"kind":"media_expiry_due","media_id":"m"})", "`id`"},
        Case{R"({"id":1,"kind":"media_expiry_due","media_id":"m"})", "`due_ms`"},
        Case{R"({"id":1,"due_ms":1,"kind":"teleport","media_id":"m"})", "unknown kind 'teleport'"},
        Case{R"({"id":1,"due_ms":1,"kind":"media_expiry_due"})", "`media_id`"},
        Case{R"({"id":1,"due_ms":1,"kind":"status_due","wamid":"w","status":"failed"})",
             "sent, delivered, read or played"},
        Case{R"({"id":1,"due_ms":1,"kind":"fail_due","wamid":"w","error":{"code":"x"}})", "`code`"},
        Case{R"([1])", "object"}}) {
    auto r = TimelineEntryFromJson(Json::parse(c.json));
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_NE(r.error().details.find(c.says), std::string::npos) << c.json << " -> " << r.error().details;
  }
}

// A handler runs with now == its due time even when the clock has moved past
// it (realtime catch-up), and records it adds at that instant run in the same pass.
TEST(TimelineSimulatorTest, HandlersRunAtTheirDueTime) {
  auto clock = std::make_shared<ManualClock>(1000);
  Simulator sim({42, clock, {}});
  std::vector<std::pair<std::string, TimeMs>> seen;
  sim.OnDue<MediaExpiryDue>([&](Ctx& ctx, const MediaExpiryDue& due) {
    seen.emplace_back(due.media_id, ctx.now());
    if (due.media_id == "first") ctx.Schedule(ctx.now(), MediaExpiryDue{"chained"});
  });
  sim.WithLock([](Ctx& ctx) {
    ctx.Schedule(1010, MediaExpiryDue{"first"});
    ctx.Schedule(1500, MediaExpiryDue{"second"});
    ctx.Schedule(9000, MediaExpiryDue{"later"});
  });
  clock->Advance(4000);  // wall time moved on: now 5000
  sim.RunDue();
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, TimeMs>>{
                      {"first", 1010}, {"chained", 1010}, {"second", 1500}}));
  EXPECT_EQ(clock->Now(), 5000);
  EXPECT_EQ(*sim.NextDue(), 9000);
}

}  // namespace
}  // namespace wasim
