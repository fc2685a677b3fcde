// The Graph version table on the virtual clock (core/graph_versions) and the
// HTTP time formats (core/http_time).
#include "simulator/core/graph_versions.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "simulator/core/http_time.h"

namespace wasim {
namespace {

TimeMs At(const char* iso) { return *ParseIso8601(iso); }

TEST(GraphVersionsTest, LiveVersionIsServedAsAsked) {
  auto v = ServeGraphVersion("v24.0", At("2026-12-02T00:00:00Z"));
  EXPECT_EQ(v.how, VersionServing::kServed);
  EXPECT_EQ(v.version, "v24.0");
}

TEST(GraphVersionsTest, ExpiredVersionIsUpgradedToTheOldestLiveOne) {
  // v20.0 expired 2026-09-24; on 2026-12-02 the oldest live version is v21.0.
  auto v = ServeGraphVersion("v20.0", At("2026-12-02T00:00:00Z"));
  EXPECT_EQ(v.how, VersionServing::kUpgraded);
  EXPECT_EQ(v.version, "v21.0");
  // The day before it expired, it was still served.
  EXPECT_EQ(ServeGraphVersion("v20.0", At("2026-09-23T23:59:59Z")).version, "v20.0");
  // After v21.0 expires (2027-01-21), both go to v22.0.
  EXPECT_EQ(ServeGraphVersion("v20.0", At("2027-01-21T00:00:00Z")).version, "v22.0");
  EXPECT_EQ(ServeGraphVersion("v21.0", At("2027-01-21T00:00:00Z")).version, "v22.0");
}

TEST(GraphVersionsTest, VersionsOlderThanTheTableAreUpgraded) {
  auto v = ServeGraphVersion("v2.8", At("2026-12-02T00:00:00Z"));
  EXPECT_EQ(v.how, VersionServing::kUpgraded);
  EXPECT_EQ(v.version, "v21.0");
}

TEST(GraphVersionsTest, UnreleasedOrUnknownVersionsAreUnknown) {
  // v26.0 was released 2026-07-29.
  EXPECT_EQ(ServeGraphVersion("v26.0", At("2026-07-28T00:00:00Z")).how, VersionServing::kUnknown);
  EXPECT_EQ(ServeGraphVersion("v26.0", At("2026-07-29T00:00:00Z")).how, VersionServing::kServed);
  EXPECT_EQ(ServeGraphVersion("v99.0", At("2026-12-02T00:00:00Z")).how, VersionServing::kUnknown);
  EXPECT_EQ(ServeGraphVersion("v23.5", At("2026-12-02T00:00:00Z")).how, VersionServing::kUnknown);
}

TEST(GraphVersionsTest, NoVersionIsTheDefaultVersionAndExpiresLikeIt) {
  EXPECT_EQ(ServeGraphVersion("", At("2026-12-02T00:00:00Z")).version, DefaultGraphVersion());
  // v23.0 expires 2027-10-08: a call without a version is then served v24.0.
  auto later = ServeGraphVersion("", At("2027-10-08T00:00:00Z"));
  EXPECT_EQ(later.how, VersionServing::kUpgraded);
  EXPECT_EQ(later.version, "v24.0");
}

TEST(GraphVersionsTest, TableIsOrderedAndCoversV19ToV26) {
  const auto& t = GraphVersionTable();
  for (size_t i = 1; i < t.size(); ++i) EXPECT_LT(t[i - 1].released, t[i].released) << t[i].name;
  std::vector<std::string> names;
  for (const auto& v : t) names.push_back(v.name);
  for (const char* n : {"v19.0", "v20.0", "v21.0", "v22.0", "v23.0", "v24.0", "v25.0", "v26.0"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

TEST(GraphVersionsTest, FeaturesStartAtV24) {
  EXPECT_FALSE(GraphVersionHas("v23.0", GraphFeature::kInvalidCursorError));
  EXPECT_TRUE(GraphVersionHas("v24.0", GraphFeature::kInvalidCursorError));
  EXPECT_TRUE(GraphVersionHas("v26.0", GraphFeature::kBusinessManagerMessagingLimitField));
  EXPECT_FALSE(GraphVersionHas("", GraphFeature::kBusinessManagerMessagingLimitField));  // default v23.0
}

TEST(GraphVersionsTest, LooksLikeGraphVersion) {
  EXPECT_TRUE(LooksLikeGraphVersion("v23.0"));
  EXPECT_TRUE(LooksLikeGraphVersion("v2.12"));
  EXPECT_FALSE(LooksLikeGraphVersion("v23"));
  EXPECT_FALSE(LooksLikeGraphVersion("23.0"));
  EXPECT_FALSE(LooksLikeGraphVersion("v123.0"));
  EXPECT_FALSE(LooksLikeGraphVersion("106540352242922"));
}

TEST(HttpTimeTest, DateHeaderIsRfc7231) {
  EXPECT_EQ(FormatHttpDate(At("2026-12-02T07:36:45.999Z")), "Wed, 02 Dec 2026 07:36:45 GMT");
  EXPECT_EQ(FormatHttpDate(At("2026-01-01T00:00:00Z")), "Thu, 01 Jan 2026 00:00:00 GMT");
}

TEST(HttpTimeTest, SessionTimeIsPacificAsGraphWritesIt) {
  // Captured: "Session has expired on Sunday, 25-Dec-16 04:45:57 PST" (12:45:57 UTC).
  EXPECT_EQ(FormatGraphSessionTime(At("2016-12-25T12:45:57Z")), "Sunday, 25-Dec-16 04:45:57 PST");
  // Captured: "Saturday, 26-Mar-16 06:31:46 PDT" (daylight saving, UTC-7).
  EXPECT_EQ(FormatGraphSessionTime(At("2016-03-26T13:31:46Z")), "Saturday, 26-Mar-16 06:31:46 PDT");
  // US daylight saving 2026: 2026-03-08 10:00 UTC to 2026-11-01 09:00 UTC.
  EXPECT_EQ(FormatGraphSessionTime(At("2026-03-08T09:59:59Z")), "Sunday, 08-Mar-26 01:59:59 PST");
  EXPECT_EQ(FormatGraphSessionTime(At("2026-03-08T10:00:00Z")), "Sunday, 08-Mar-26 03:00:00 PDT");
  EXPECT_EQ(FormatGraphSessionTime(At("2026-11-01T08:59:59Z")), "Sunday, 01-Nov-26 01:59:59 PDT");
  EXPECT_EQ(FormatGraphSessionTime(At("2026-11-01T09:00:00Z")), "Sunday, 01-Nov-26 01:00:00 PST");
}

}  // namespace
}  // namespace wasim
