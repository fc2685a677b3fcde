// Customer service window, free entry point window and per-message pricing.
#include <gtest/gtest.h>

#include "simulator/core/clock.h"
#include "simulator/domain/rules/pricing.h"
#include "simulator/domain/rules/service_window.h"

namespace wasim::rules {
namespace {

TEST(ServiceWindowTest, OpenUntilTheTwentyFourthHour) {
  RulesConfig cfg;
  CustomerRelation rel;
  EXPECT_FALSE(ServiceWindowOpen(nullptr, kDefaultManualStart, cfg));
  EXPECT_FALSE(ServiceWindowOpen(&rel, kDefaultManualStart, cfg));
  rel.last_inbound_at = kDefaultManualStart;
  EXPECT_TRUE(ServiceWindowOpen(&rel, kDefaultManualStart + 24 * kHour - 1, cfg));
  EXPECT_FALSE(ServiceWindowOpen(&rel, kDefaultManualStart + 24 * kHour, cfg));
  cfg.service_window = 48 * kHour;
  EXPECT_TRUE(ServiceWindowOpen(&rel, kDefaultManualStart + 24 * kHour, cfg));
}

TEST(FreeEntryPointTest, OpensOnAReplyWithin24hOfTheReferralAndLasts72h) {
  RulesConfig cfg;
  CustomerRelation rel;
  rel.last_referral_at = kDefaultManualStart;
  EXPECT_TRUE(OpensFreeEntryPoint(&rel, kDefaultManualStart + 24 * kHour - 1, cfg));
  EXPECT_FALSE(OpensFreeEntryPoint(&rel, kDefaultManualStart + 24 * kHour, cfg));
  TimeMs reply = kDefaultManualStart + 2 * kHour;
  rel.free_entry_point_started_at = reply;
  EXPECT_FALSE(OpensFreeEntryPoint(&rel, reply + kHour, cfg));  // one window per referral
  EXPECT_TRUE(FreeEntryPointActive(&rel, reply + 72 * kHour - 1, cfg));
  EXPECT_FALSE(FreeEntryPointActive(&rel, reply + 72 * kHour, cfg));
  cfg.free_entry_point_enabled = 0;
  EXPECT_FALSE(FreeEntryPointActive(&rel, reply, cfg));
}

TEST(FreeEntryPointTest, NoReferralNoWindow) {
  RulesConfig cfg;
  CustomerRelation rel;
  rel.last_inbound_at = kDefaultManualStart;
  EXPECT_FALSE(OpensFreeEntryPoint(&rel, kDefaultManualStart, cfg));
  EXPECT_FALSE(OpensFreeEntryPoint(nullptr, kDefaultManualStart, cfg));
}

TEST(PricingTest, FreeFormIsFreeCustomerService) {
  PricingInfo p = PriceMessage(false, PricingCategory::kService, true, false);
  EXPECT_FALSE(p.billable);
  EXPECT_EQ(p.type, "free_customer_service");
  EXPECT_EQ(p.category, PricingCategory::kService);
}

TEST(PricingTest, TemplatesAreRegularExceptUtilityInsideTheWindow) {
  PricingInfo m = PriceMessage(true, PricingCategory::kMarketing, true, false);
  EXPECT_TRUE(m.billable);
  EXPECT_EQ(m.type, "regular");
  EXPECT_EQ(m.category, PricingCategory::kMarketing);
  PricingInfo u_in = PriceMessage(true, PricingCategory::kUtility, true, false);
  EXPECT_FALSE(u_in.billable);
  EXPECT_EQ(u_in.type, "free_customer_service");
  EXPECT_EQ(u_in.category, PricingCategory::kUtility);
  PricingInfo u_out = PriceMessage(true, PricingCategory::kUtility, false, false);
  EXPECT_TRUE(u_out.billable);
  EXPECT_EQ(u_out.type, "regular");
  PricingInfo auth = PriceMessage(true, PricingCategory::kAuthentication, true, false);
  EXPECT_TRUE(auth.billable);
}

TEST(PricingTest, EverythingIsFreeInAFreeEntryPointWindow) {
  PricingInfo p = PriceMessage(true, PricingCategory::kMarketing, false, true);
  EXPECT_FALSE(p.billable);
  EXPECT_EQ(p.type, "free_entry_point");
  EXPECT_EQ(p.category, PricingCategory::kReferralConversion);
}

TEST(PricingTest, TemplateCategories) {
  EXPECT_EQ(CategoryFromTemplate("MARKETING"), PricingCategory::kMarketing);
  EXPECT_EQ(CategoryFromTemplate("UTILITY"), PricingCategory::kUtility);
  EXPECT_EQ(CategoryFromTemplate("AUTHENTICATION"), PricingCategory::kAuthentication);
}

// The one mapping of template categories (templates/send_check and the rules
// used to disagree: one defaulted to UTILITY, the other to MARKETING, and only
// one ignored case).
TEST(PricingTest, TemplateCategoriesIgnoreCaseAndUnknownOnesArePricedAsMarketing) {
  EXPECT_EQ(CategoryFromTemplate("utility"), PricingCategory::kUtility);
  EXPECT_EQ(CategoryFromTemplate("Authentication"), PricingCategory::kAuthentication);
  EXPECT_EQ(CategoryFromTemplate("AUTHENTICATION_INTERNATIONAL"),
            PricingCategory::kAuthenticationInternational);
  EXPECT_EQ(CategoryFromTemplate("nope"), PricingCategory::kMarketing);
  EXPECT_EQ(CategoryFromTemplate(""), PricingCategory::kMarketing);
}

}  // namespace
}  // namespace wasim::rules
