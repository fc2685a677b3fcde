#include "simulator/core/time.h"

#include <gtest/gtest.h>

#include "simulator/core/clock.h"

namespace wasim {
namespace {

TEST(DurationTest, ParsesMetaStyleDurations) {
  EXPECT_EQ(ParseDuration("13d"), 13 * kDay);
  EXPECT_EQ(ParseDuration("90s"), 90 * kSecond);
  EXPECT_EQ(ParseDuration("36h"), 36 * kHour);
  EXPECT_EQ(ParseDuration("250ms"), 250);
  EXPECT_EQ(ParseDuration("1d12h"), kDay + 12 * kHour);
  EXPECT_FALSE(ParseDuration(""));
  EXPECT_FALSE(ParseDuration("13"));
  EXPECT_FALSE(ParseDuration("d"));
  EXPECT_FALSE(ParseDuration("5y"));
  EXPECT_FALSE(ParseDuration("-5s"));
  // Past int64 milliseconds: refused, not wrapped around.
  EXPECT_FALSE(ParseDuration("999999999999w"));
  EXPECT_FALSE(ParseDuration("100000000000d100000000000d"));
}

TEST(DurationTest, FormatsCompactly) {
  EXPECT_EQ(FormatDuration(kDay + 12 * kHour), "1d12h");
  EXPECT_EQ(FormatDuration(90 * kSecond), "1m30s");
  EXPECT_EQ(FormatDuration(0), "0s");
}

TEST(Iso8601Test, RoundTrips) {
  EXPECT_EQ(FormatIso8601(kDefaultManualStart), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(ParseIso8601("2026-01-01T00:00:00Z"), kDefaultManualStart);
  EXPECT_EQ(ParseIso8601("2026-01-01T00:00:01.250Z"), kDefaultManualStart + 1250);
  EXPECT_FALSE(ParseIso8601("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(ParseIso8601("yesterday"));
}

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
  ManualClock c(1000);
  EXPECT_EQ(c.Now(), 1000);
  c.Advance(500);
  EXPECT_EQ(c.Now(), 1500);
  c.SetForward(1200);  // backwards: ignored
  EXPECT_EQ(c.Now(), 1500);
  c.SetForward(2000);
  EXPECT_EQ(c.Now(), 2000);
}

TEST(ClockTest, RealtimeClockFollowsInjectedWallTimeWithOffsetAndScale) {
  TimeMs wall = 10'000;
  RealtimeClock c([&] { return wall; }, 5'000, 2.0);
  EXPECT_EQ(c.Now(), 5'000);
  wall += 100;
  EXPECT_EQ(c.Now(), 5'200);  // scaled x2
  c.Advance(kHour);
  EXPECT_EQ(c.Now(), 5'200 + kHour);
}

}  // namespace
}  // namespace wasim
