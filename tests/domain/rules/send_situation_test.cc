// Which rules a send violates, and how the switches turn that into an HTTP
// error or a later failed status.
#include "simulator/domain/rules/send_situation.h"

#include <gtest/gtest.h>

namespace wasim::rules {
namespace {

SendSituation FreeFormInWindow() {
  SendSituation s;
  s.window_open = true;
  return s;
}

SendSituation MarketingTemplate() {
  SendSituation s;
  s.is_template = true;
  s.is_marketing = true;
  return s;
}

TEST(ViolationsTest, CleanSendViolatesNothing) {
  EXPECT_TRUE(Violations(FreeFormInWindow()).empty());
  EXPECT_TRUE(Violations(MarketingTemplate()).empty());
}

TEST(ViolationsTest, FreeFormOutsideTheWindowButTemplatesAlwaysAllowed) {
  SendSituation s;
  EXPECT_EQ(Violations(s), std::vector<RuleId>{RuleId::kServiceWindow});
  s.is_template = true;
  EXPECT_TRUE(Violations(s).empty());
}

TEST(ViolationsTest, PaymentIssueHitsTemplatesOnly) {
  SendSituation reply = FreeFormInWindow();
  reply.payment_failing = true;
  EXPECT_TRUE(Violations(reply).empty());
  SendSituation t = MarketingTemplate();
  t.payment_failing = true;
  EXPECT_EQ(Violations(t), std::vector<RuleId>{RuleId::kPaymentIssue});
}

TEST(ViolationsTest, MarketingOnlyRules) {
  SendSituation s = FreeFormInWindow();
  s.opted_out_of_marketing = s.in_marketing_experiment = true;
  EXPECT_TRUE(Violations(s).empty());
  SendSituation m = MarketingTemplate();
  m.opted_out_of_marketing = m.in_marketing_experiment = m.marketing_cap_reached = true;
  EXPECT_EQ(Violations(m), (std::vector<RuleId>{RuleId::kMarketingOptOut, RuleId::kMarketingExperiment,
                                                RuleId::kMarketingCap}));
  m.window_open = true;  // the cap applies outside an open window only
  EXPECT_EQ(Violations(m), (std::vector<RuleId>{RuleId::kMarketingOptOut, RuleId::kMarketingExperiment}));
}

TEST(ViolationsTest, MessagingLimitOnlyForTemplatesOutsideTheWindow) {
  SendSituation s = MarketingTemplate();
  s.messaging_limit_reached = true;
  EXPECT_EQ(Violations(s), std::vector<RuleId>{RuleId::kMessagingLimit});
  s.window_open = true;
  EXPECT_TRUE(Violations(s).empty());
}

TEST(ViolationsTest, TestNumberNeedsAllowListedRecipient) {
  SendSituation s = FreeFormInWindow();
  s.is_test_number = true;
  EXPECT_EQ(Violations(s), std::vector<RuleId>{RuleId::kAllowList});
  s.recipient_allow_listed = true;
  EXPECT_TRUE(Violations(s).empty());
}

TEST(JudgeTest, SyncBeatsAsyncAndDefaultsFollowTheReference) {
  RulesConfig cfg;
  // Out of window (async 131047) and over throughput (sync 130429): HTTP error wins.
  Verdict v = Judge({RuleId::kThroughput, RuleId::kServiceWindow}, cfg);
  ASSERT_TRUE(v.sync_error);
  EXPECT_EQ(v.sync_error->code, ErrorCode::kThroughputRateLimit);
  EXPECT_FALSE(v.async_failure);
  Verdict a = Judge({RuleId::kAccountLocked, RuleId::kPairRate}, cfg);
  EXPECT_FALSE(a.sync_error);
  ASSERT_TRUE(a.async_failure);
  EXPECT_EQ(a.async_failure->code, ErrorCode::kAccountLocked);
}

TEST(JudgeTest, DefaultCodesAndSurfaces) {
  RulesConfig cfg;
  auto sync_code = [&](RuleId id) {
    Verdict v = Judge({id}, cfg);
    return v.sync_error ? static_cast<int>(v.sync_error->code) : -1;
  };
  auto async_code = [&](RuleId id) {
    Verdict v = Judge({id}, cfg);
    return v.async_failure ? static_cast<int>(v.async_failure->code) : -1;
  };
  EXPECT_EQ(async_code(RuleId::kServiceWindow), static_cast<int>(ErrorCode::kReengagementMessage));
  EXPECT_EQ(sync_code(RuleId::kThroughput), static_cast<int>(ErrorCode::kThroughputRateLimit));
  EXPECT_EQ(async_code(RuleId::kPairRate), static_cast<int>(ErrorCode::kPairRateLimit));
  EXPECT_EQ(async_code(RuleId::kMessagingLimit), static_cast<int>(ErrorCode::kSpamRateLimit));
  EXPECT_EQ(async_code(RuleId::kUndeliverable), static_cast<int>(ErrorCode::kMessageUndeliverable));
  EXPECT_EQ(sync_code(RuleId::kAllowList), static_cast<int>(ErrorCode::kRecipientNotAllowed));
  EXPECT_EQ(async_code(RuleId::kMarketingExperiment), static_cast<int>(ErrorCode::kMarketingExperiment));
  EXPECT_EQ(async_code(RuleId::kMarketingCap), static_cast<int>(ErrorCode::kEcosystemEngagement));
  EXPECT_EQ(async_code(RuleId::kMarketingOptOut), static_cast<int>(ErrorCode::kMarketingOptOut));
  EXPECT_EQ(sync_code(RuleId::kCountryRestricted), static_cast<int>(ErrorCode::kCountryRestricted));
  EXPECT_EQ(async_code(RuleId::kPaymentIssue), static_cast<int>(ErrorCode::kPaymentIssue));
  EXPECT_EQ(async_code(RuleId::kAccountLocked), static_cast<int>(ErrorCode::kAccountLocked));
  EXPECT_EQ(sync_code(RuleId::kDisplayName), static_cast<int>(ErrorCode::kDisplayNameApprovalNeeded));
}

TEST(JudgeTest, SwitchesOverrideEnableCodeAndSurface) {
  RulesConfig cfg;
  cfg.Switch(RuleId::kServiceWindow).enabled = false;
  EXPECT_FALSE(Judge({RuleId::kServiceWindow}, cfg).async_failure);
  cfg.Switch(RuleId::kPairRate).surface = Surface::kSync;
  cfg.Switch(RuleId::kPairRate).code = ErrorCode::kThroughputRateLimit;
  Verdict v = Judge({RuleId::kPairRate}, cfg);
  ASSERT_TRUE(v.sync_error);
  EXPECT_EQ(v.sync_error->code, ErrorCode::kThroughputRateLimit);
}

TEST(SenderFactsTest, Unapproved555NumberNeedsDisplayName) {
  PhoneNumber p;
  p.display_phone_number = "15550783881";
  p.name_status = NameStatus::kApproved;
  EXPECT_FALSE(NeedsDisplayNameApproval(p));
  p.name_status = NameStatus::kPendingReview;
  EXPECT_TRUE(NeedsDisplayNameApproval(p));
  p.display_phone_number = "442071838750";
  EXPECT_FALSE(NeedsDisplayNameApproval(p));
}

TEST(SenderFactsTest, UnreachableRecipients) {
  Customer c;
  CustomerRelation rel;
  EXPECT_FALSE(RecipientUnreachable(&c, &rel));
  c.state = CustomerState::kOffline;  // offline users get it later: not a failure
  EXPECT_FALSE(RecipientUnreachable(&c, &rel));
  c.state = CustomerState::kNotOnWhatsApp;
  EXPECT_TRUE(RecipientUnreachable(&c, &rel));
  c.state = CustomerState::kOldClient;
  EXPECT_TRUE(RecipientUnreachable(&c, nullptr));
  c.state = CustomerState::kOnline;
  rel.blocked_business = true;
  EXPECT_TRUE(RecipientUnreachable(&c, &rel));
}

}  // namespace
}  // namespace wasim::rules
