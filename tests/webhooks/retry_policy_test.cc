#include "simulator/webhooks/retry_policy.h"

#include <gtest/gtest.h>

namespace wasim::webhooks {
namespace {

TEST(RetryPolicyTest, ImmediateRetryThenDecreasingFrequencyUntil36Hours) {
  RetryPolicy p;
  auto s = p.Schedule();
  // Attempt offsets from the first attempt (Meta: retry immediately, then
  // less and less often over 36 hours).
  std::vector<DurationMs> want = {0,
                                  0,
                                  15 * kSecond,
                                  75 * kSecond,
                                  6 * kMinute + 15 * kSecond,
                                  21 * kMinute + 15 * kSecond,
                                  51 * kMinute + 15 * kSecond,
                                  1 * kHour + 51 * kMinute + 15 * kSecond,
                                  3 * kHour + 51 * kMinute + 15 * kSecond,
                                  7 * kHour + 51 * kMinute + 15 * kSecond,
                                  15 * kHour + 51 * kMinute + 15 * kSecond,
                                  27 * kHour + 51 * kMinute + 15 * kSecond,
                                  36 * kHour};
  EXPECT_EQ(s, want);
  // Gaps never shrink (except the last one, clamped to the horizon).
  for (size_t i = 2; i + 1 < s.size(); ++i) EXPECT_GE(s[i] - s[i - 1], s[i - 1] - s[i - 2]);
}

TEST(RetryPolicyTest, SevenDayHorizonKeepsTwelveHourSteps) {
  RetryPolicy p;
  p.horizon = 7 * kDay;
  auto s = p.Schedule();
  EXPECT_EQ(s.back(), 7 * kDay);
  for (size_t i = 12; i + 1 < s.size(); ++i) EXPECT_EQ(s[i] - s[i - 1], 12 * kHour);
  EXPECT_EQ(p.NextAttemptAt(0, 7 * kDay, 40), std::nullopt);
}

TEST(RetryPolicyTest, NothingAfterTheHorizon) {
  RetryPolicy p;
  EXPECT_EQ(p.NextAttemptAt(1000, 1000 + 36 * kHour, 13), std::nullopt);
  EXPECT_EQ(p.NextAttemptAt(1000, 1000 + 30 * kHour, 12), 1000 + 36 * kHour);  // clamped to the horizon
  EXPECT_EQ(p.NextAttemptAt(1000, 1000, 1), 1000);                             // immediate retry
}

}  // namespace
}  // namespace wasim::webhooks
