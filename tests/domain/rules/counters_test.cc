// Moving-window counters and the pair-rate token bucket, on exact virtual instants.
#include <gtest/gtest.h>

#include "simulator/core/clock.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/domain/rules/sliding_counter.h"
#include "simulator/domain/rules/token_bucket.h"

namespace wasim::rules {
namespace {

constexpr TimeMs kT0 = kDefaultManualStart;  // 2026-01-01T00:00:00Z

TEST(SlidingCounterTest, CountsEventsInTheLastWindowOnly) {
  SlidingCounter c;
  for (int i = 0; i < 80; ++i) c.Add(kT0);
  EXPECT_EQ(c.Count(kT0, kSecond), 80);
  EXPECT_EQ(c.Count(kT0 + 999, kSecond), 80);
  EXPECT_EQ(c.Count(kT0 + 1000, kSecond), 0);  // (now - 1 s, now]: the first instant has left
}

TEST(SlidingCounterTest, DropsOnlyExpiredEntries) {
  SlidingCounter c;
  c.Add(kT0);
  c.Add(kT0 + 500);
  EXPECT_EQ(c.Count(kT0 + 1200, kSecond), 1);
  EXPECT_EQ(c.Count(kT0 + 1500, kSecond), 0);
}

TEST(TokenBucketTest, BurstOf45ThenOneEverySixSeconds) {
  TokenBucket b;
  for (int i = 0; i < 45; ++i) {
    ASSERT_TRUE(b.CanTake(kT0, 6 * kSecond, 45)) << i;
    b.Take(kT0, 6 * kSecond, 45);
  }
  EXPECT_FALSE(b.CanTake(kT0, 6 * kSecond, 45));
  EXPECT_FALSE(b.CanTake(kT0 + 5999, 6 * kSecond, 45));
  EXPECT_EQ(b.NextAllowedAt(kT0, 6 * kSecond, 45), kT0 + 6000);
  EXPECT_TRUE(b.CanTake(kT0 + 6000, 6 * kSecond, 45));
  b.Take(kT0 + 6000, 6 * kSecond, 45);
  EXPECT_FALSE(b.CanTake(kT0 + 6000, 6 * kSecond, 45));
}

TEST(TokenBucketTest, RefillIsCappedAtTheBurst) {
  TokenBucket b;
  b.Take(kT0, 6 * kSecond, 2);
  // A day later the bucket holds 2 messages, not 14,400.
  TimeMs later = kT0 + kDay;
  b.Take(later, 6 * kSecond, 2);
  b.Take(later, 6 * kSecond, 2);
  EXPECT_FALSE(b.CanTake(later, 6 * kSecond, 2));
}

TEST(UniqueUserWindowTest, RepeatsCountOnceAndExpireByLatestReach) {
  UniqueUserWindow w;
  w.Reach("111", kT0);
  w.Reach("222", kT0);
  w.Reach("111", kT0 + 20 * kHour);
  EXPECT_EQ(w.Count(kT0 + 20 * kHour, kDay), 2);
  // 222 leaves at the 24th hour; 111 stays (reached again at hour 20).
  EXPECT_EQ(w.Count(kT0 + kDay, kDay), 1);
  EXPECT_TRUE(w.Contains("111", kT0 + kDay, kDay));
  EXPECT_FALSE(w.Contains("222", kT0 + kDay, kDay));
  EXPECT_EQ(w.Count(kT0 + 44 * kHour, kDay), 0);
}

TEST(UniqueUserWindowTest, BreachOnlyForNewUsersAtTheLimit) {
  UniqueUserWindow w;
  w.Reach("111", kT0);
  w.Reach("222", kT0);
  EXPECT_FALSE(WouldBreachLimit(w, "111", 2, kT0, kDay));  // repeat
  EXPECT_TRUE(WouldBreachLimit(w, "333", 2, kT0, kDay));
  EXPECT_FALSE(WouldBreachLimit(w, "333", kUnlimited, kT0, kDay));
  EXPECT_FALSE(WouldBreachLimit(w, "333", 2, kT0 + kDay, kDay));  // the rolling day moved on
}

TEST(MessagingLimitLevelsTest, MetasLadder) {
  EXPECT_EQ(NextMessagingLimit(250), 2000);
  EXPECT_EQ(NextMessagingLimit(2000), 10000);
  EXPECT_EQ(NextMessagingLimit(10000), 100000);
  EXPECT_EQ(NextMessagingLimit(100000), kUnlimited);
  EXPECT_EQ(NextMessagingLimit(kUnlimited), std::nullopt);
  EXPECT_FALSE(IsMessagingLimitLevel(1000));  // Meta: the 1K tier no longer exists
  EXPECT_EQ(MessagingLimitTierName(2000), "TIER_2K");
  EXPECT_EQ(MessagingLimitTierName(kUnlimited), "TIER_UNLIMITED");
}

}  // namespace
}  // namespace wasim::rules
