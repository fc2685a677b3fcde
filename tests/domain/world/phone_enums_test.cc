// Phone-number statuses are enums; Meta's names round-trip through one codec.
#include "simulator/domain/world/phone_enums.h"

#include <gtest/gtest.h>

#include "simulator/domain/world/model.h"

namespace wasim {
namespace {

template <class E>
void ExpectRoundTrip(std::vector<std::string> expected_names) {
  EXPECT_EQ(MetaNames<E>(), expected_names);
  for (const auto& name : expected_names) {
    auto parsed = ParseMetaName<E>(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(MetaName(*parsed), name);
  }
  EXPECT_FALSE(ParseMetaName<E>("green"));  // Meta's names are upper case, exactly
  EXPECT_FALSE(ParseMetaName<E>(""));
}

TEST(PhoneEnumsTest, MetasNamesRoundTrip) {
  ExpectRoundTrip<QualityRating>({"GREEN", "YELLOW", "RED", "NA", "UNKNOWN"});
  ExpectRoundTrip<ThroughputLevel>({"STANDARD", "HIGH", "NOT_APPLICABLE"});
  ExpectRoundTrip<NameStatus>(
      {"APPROVED", "AVAILABLE_WITHOUT_REVIEW", "DECLINED", "EXPIRED", "PENDING_REVIEW", "NONE"});
  ExpectRoundTrip<CodeVerificationStatus>({"VERIFIED", "NOT_VERIFIED", "UNVERIFIED", "EXPIRED"});
  ExpectRoundTrip<PhoneStatus>(
      {"CONNECTED", "DISCONNECTED", "PENDING", "FLAGGED", "RESTRICTED", "RATE_LIMITED", "UNVERIFIED"});
  ExpectRoundTrip<PlatformType>({"CLOUD_API", "ON_PREMISE", "NOT_APPLICABLE"});
  ExpectRoundTrip<AccountMode>({"LIVE", "SANDBOX"});
}

TEST(PhoneEnumsTest, ANewNumberIsConnectedApprovedGreenStandardCloudLive) {
  PhoneNumber p;
  EXPECT_STREQ(MetaName(p.status), "CONNECTED");
  EXPECT_STREQ(MetaName(p.name_status), "APPROVED");
  EXPECT_STREQ(MetaName(p.quality_rating), "GREEN");
  EXPECT_STREQ(MetaName(p.throughput_level), "STANDARD");
  EXPECT_STREQ(MetaName(p.platform_type), "CLOUD_API");
  EXPECT_STREQ(MetaName(p.account_mode), "LIVE");
  EXPECT_STREQ(MetaName(p.code_verification_status), "VERIFIED");
}

}  // namespace
}  // namespace wasim
