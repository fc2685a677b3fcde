// A scaled realtime clock (--clock-speed): virtual time runs `scale` times as
// fast as the (injected) wall time, and tells the driver how long to sleep.
#include <gtest/gtest.h>

#include "simulator/core/clock.h"

namespace wasim {
namespace {

TEST(ClockSpeedTest, VirtualTimeRunsAtTheScaleAndWaitsShrinkByIt) {
  TimeMs wall = 5000;
  RealtimeClock clock([&] { return wall; }, kDefaultManualStart, 60.0);
  wall += 1000;  // one real second
  EXPECT_EQ(clock.Now(), kDefaultManualStart + kMinute);
  // A status due in a virtual minute is one real second (rounded up) away.
  ASSERT_TRUE(clock.RealDelayFor(kMinute).has_value());
  EXPECT_EQ(*clock.RealDelayFor(kMinute), 1001);
  EXPECT_EQ(*clock.RealDelayFor(-5), 0);
  ManualClock manual(kDefaultManualStart);
  EXPECT_FALSE(manual.RealDelayFor(kMinute).has_value());  // never moves by itself
}

}  // namespace
}  // namespace wasim
