#include "simulator/core/scheduler.h"

#include <gtest/gtest.h>

#include <vector>

namespace wasim {
namespace {

std::vector<std::string> Drain(Scheduler& s, TimeMs now) {
  std::vector<std::string> order;
  TimeMs due;
  Scheduler::Task task;
  while (s.PopDue(now, &due, &task)) task(due);
  return order;
}

TEST(SchedulerTest, RunsInTimeThenSequenceOrder) {
  Scheduler s;
  std::vector<std::string> ran;
  s.Schedule(20, "b", [&](TimeMs) { ran.push_back("b@20"); });
  s.Schedule(10, "a", [&](TimeMs) { ran.push_back("a@10"); });
  s.Schedule(20, "c", [&](TimeMs) { ran.push_back("c@20"); });
  s.Schedule(30, "d", [&](TimeMs) { ran.push_back("d@30"); });
  Drain(s, 25);
  EXPECT_EQ(ran, (std::vector<std::string>{"a@10", "b@20", "c@20"}));
  ASSERT_TRUE(s.NextDue().has_value());
  EXPECT_EQ(*s.NextDue(), 30);
}

TEST(SchedulerTest, CancelledTaskNeverRuns) {
  Scheduler s;
  bool ran = false;
  auto id = s.Schedule(5, "x", [&](TimeMs) { ran = true; });
  EXPECT_TRUE(s.Cancel(id));
  EXPECT_FALSE(s.Cancel(id));
  Drain(s, 100);
  EXPECT_FALSE(ran);
}

TEST(SchedulerTest, TasksScheduledWhileRunningRunWhenDue) {
  Scheduler s;
  std::vector<TimeMs> seen;
  s.Schedule(10, "first", [&](TimeMs t) {
    seen.push_back(t);
    s.Schedule(t, "same instant", [&](TimeMs t2) { seen.push_back(t2); });
    s.Schedule(t + 100, "later", [&](TimeMs t3) { seen.push_back(t3); });
  });
  Drain(s, 50);
  EXPECT_EQ(seen, (std::vector<TimeMs>{10, 10}));
  EXPECT_EQ(s.size(), 1u);
}

}  // namespace
}  // namespace wasim
