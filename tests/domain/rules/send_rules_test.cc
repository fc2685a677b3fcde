// rules::CheckSend against a real world on a manual clock: counters commit
// only for accepted messages, boundaries are exact virtual instants.
#include "simulator/domain/rules/send_rules.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "simulator/domain/rules/pricing.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"

namespace wasim::rules {
namespace {

using wasim::testing::EditWorld;

using D = DefaultIds;

class SendRulesTest : public ::testing::Test {
 protected:
  SendRulesTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    MessageTemplate promo;
    promo.id = "900";
    promo.waba_id = D::kWabaId;
    promo.name = "promo";
    promo.language = "en_US";
    promo.category = "MARKETING";
    promo.status.state = *ParseTemplateStatus("APPROVED");
    o.world = DefaultWorld().Add(promo);
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  // Management webhook changes caused since the fixture was made.
  std::vector<wasim::testing::ManagementChange> Management() { return tap_->ManagementChanges(); }

  Result<SendDecision> Send(const std::string& to, const std::string& type) {
    Json payload = type == "template" ? Json::parse(R"({"name":"hello_world","language":{"code":"en_US"}})")
                   : type == "promo"  ? Json::parse(R"({"name":"promo","language":{"code":"en_US"}})")
                                      : Json::parse(R"({"body":"hi"})");
    std::string t = type == "promo" ? "template" : type;
    return sim_->WithLock([&](Ctx& ctx) {
      // The category messages::CheckSendState passes on: the named template's.
      PricingCategory category = PricingCategory::kService;
      if (t == "template")
        category = CategoryFromTemplate(ctx.state.templates
                                            .Find(D::kWabaId, payload["name"].get<std::string>(),
                                                  payload["language"]["code"].get<std::string>())
                                            ->category);
      return CheckSend(ctx, D::kPhoneNumberId, to, t, category);
    });
  }
  // The customer wrote just now (added to the world first when new).
  void OpenWindow(const std::string& wa_id) {
    WorldBuilder w;
    if (!sim_->WithLock([&](Ctx& ctx) { return ctx.state.customers.Find(wa_id) != nullptr; })) {
      Customer c;
      c.wa_id = wa_id;
      w.Add(c);
    }
    TimeMs now = clock_->Now();
    EditWorld(*sim_, w.EditRelation(D::kPhoneNumberId, wa_id,
                                    [=](CustomerRelation& r) { r.last_inbound_at = now; }));
  }
  // The customer clicked a click-to-WhatsApp ad and wrote just now.
  void OpenReferral(const std::string& wa_id) {
    TimeMs now = clock_->Now();
    EditWorld(*sim_, WorldBuilder().EditRelation(D::kPhoneNumberId, wa_id, [=](CustomerRelation& r) {
      r.last_inbound_at = r.last_referral_at = now;
    }));
  }
  long Limit() {
    return sim_->WithLock(
        [](Ctx& ctx) { return ctx.state.accounts.businesses.at(D::kBusinessId).messaging_limit; });
  }
  static std::string User(int i) { return std::to_string(16505550000LL + i); }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(SendRulesTest, ThroughputIsExactAtOneInstantAndCountsInbound) {
  for (int i = 0; i < 80; ++i) ASSERT_TRUE(Send(User(i), "template")) << i;
  auto over = Send(User(80), "template");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kThroughputRateLimit);
  sim_->AdvanceBy(999);
  EXPECT_FALSE(Send(User(81), "template"));
  sim_->AdvanceBy(1);
  EXPECT_TRUE(Send(User(82), "template"));
  // Inbound messages take the same budget.
  sim_->AdvanceBy(kSecond);
  sim_->WithLock([&](Ctx& ctx) {
    for (int i = 0; i < 80; ++i) RecordInbound(ctx, D::kPhoneNumberId, User(i));
  });
  EXPECT_FALSE(Send(User(83), "template"));
}

TEST_F(SendRulesTest, ThroughputLevels) {
  RulesConfig cfg;
  PhoneNumber p;
  EXPECT_EQ(ThroughputLimit(p, cfg), 80);
  p.throughput_level = ThroughputLevel::kHigh;
  EXPECT_EQ(ThroughputLimit(p, cfg), 1000);
  p.mode = NumberMode::kCoexistence;
  EXPECT_EQ(ThroughputLimit(p, cfg), 20);
}

TEST_F(SendRulesTest, PairRateBurstThenOnePerSixSecondsAsync) {
  std::string u = D::kCustomerWaId;
  OpenWindow(u);
  for (int i = 0; i < 45; ++i) {
    auto d = Send(u, "text");
    ASSERT_TRUE(d);
    ASSERT_FALSE(d->failure) << i;
    if (i % 40 == 39) sim_->AdvanceBy(kSecond);  // stay under 80 msg/s
  }
  auto over = Send(u, "text");
  ASSERT_TRUE(over);           // accepted...
  ASSERT_TRUE(over->failure);  // ...then failed
  EXPECT_EQ(over->failure->code, ErrorCode::kPairRateLimit);
  // Refill: 1 s already passed during the burst; credit for one message at 6 s.
  sim_->AdvanceBy(4 * kSecond + 999);
  EXPECT_TRUE(Send(u, "text")->failure);
  sim_->AdvanceBy(1);
  EXPECT_FALSE(Send(u, "text")->failure);
  // Other users have their own bucket.
  OpenWindow(User(1));
  EXPECT_FALSE(Send(User(1), "text")->failure);
}

TEST_F(SendRulesTest, MessagingLimitCountsUniqueUsersOutsideTheWindowInARollingDay) {
  EditWorld(*sim_, WorldBuilder().EditConfig([](SimConfig& c) { c.rules.throughput_standard_mps = 100000; }));
  for (int i = 0; i < 250; ++i) ASSERT_FALSE(Send(User(i), "template")->failure) << i;
  auto over = Send(User(250), "template");
  ASSERT_TRUE(over->failure);
  EXPECT_EQ(over->failure->code, ErrorCode::kSpamRateLimit);
  EXPECT_FALSE(Send(User(0), "template")->failure);  // repeats count once
  OpenWindow(User(251));
  EXPECT_FALSE(Send(User(251), "template")->failure);  // inside a window: not counted
  sim_->AdvanceBy(24 * kHour - 1);
  EXPECT_TRUE(Send(User(252), "template")->failure);
  sim_->AdvanceBy(1);
  EXPECT_FALSE(Send(User(252), "template")->failure);
}

TEST_F(SendRulesTest, AutomaticScalingWithinSixHoursPublishesMetasWebhooks) {
  EditWorld(*sim_, WorldBuilder()
                       .EditConfig([](SimConfig& c) { c.rules.throughput_standard_mps = 100000; })
                       .EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 2000; }));
  for (int i = 0; i < 999; ++i) ASSERT_FALSE(Send(User(i), "template")->failure);
  EXPECT_FALSE(sim_->NextDue() && *sim_->NextDue() > clock_->Now() + 5 * kHour);  // nothing yet
  ASSERT_FALSE(Send(User(999), "template")->failure);                             // 1,000 = half of 2,000
  sim_->AdvanceBy(6 * kHour - 1);
  EXPECT_EQ(Limit(), 2000);
  EXPECT_TRUE(Management().empty());
  sim_->AdvanceBy(1);
  EXPECT_EQ(Limit(), 10000);
  auto management = Management();
  ASSERT_EQ(management.size(), 2u);
  EXPECT_EQ(management[0].field, "business_capability_update");
  EXPECT_EQ(management[0].waba_id, D::kWabaId);
  // Rendered for the default version (v23.0) in January 2026: the integer
  // limit, not the tier name (Meta: messaging-limits page; limit_payloads_test).
  EXPECT_EQ(management[0].value["max_daily_conversation_per_phone"], 10000);
  EXPECT_FALSE(management[0].value.contains("max_daily_conversations_per_business"));
  EXPECT_EQ(management[0].value["max_phone_numbers_per_waba"], 25);
  EXPECT_EQ(management[1].field, "phone_number_quality_update");
  EXPECT_EQ(management[1].value["display_phone_number"], D::kDisplayPhoneNumber);
  EXPECT_EQ(management[1].value["old_limit"], "TIER_2K");
  EXPECT_EQ(management[1].value["current_limit"], "TIER_10K");
}

TEST_F(SendRulesTest, NoScalingFrom250OrWithLowQuality) {
  EditWorld(*sim_, WorldBuilder().EditConfig([](SimConfig& c) { c.rules.throughput_standard_mps = 100000; }));
  for (int i = 0; i < 200; ++i) ASSERT_FALSE(Send(User(i), "template")->failure);
  sim_->AdvanceBy(7 * kHour);
  EXPECT_EQ(Limit(), 250);  // Meta: 250 -> 2,000 only by a scaling path
  EditWorld(*sim_, WorldBuilder()
                       .EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 2000; })
                       .EditPhone(D::kPhoneNumberId,
                                  [](PhoneNumber& p) { p.quality_rating = QualityRating::kRed; }));
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(Send(User(1000 + i), "template")->failure);
  sim_->AdvanceBy(7 * kHour);
  EXPECT_EQ(Limit(), 2000);
  EXPECT_TRUE(Management().empty());
}

TEST_F(SendRulesTest, FreeEntryPointPricesEverythingFreeFor72hFromTheReply) {
  std::string u = D::kCustomerWaId;
  OpenReferral(u);
  sim_->AdvanceBy(kHour);
  auto reply = Send(u, "text");  // opens the FEP window now
  EXPECT_EQ(reply->pricing.type, "free_entry_point");
  EXPECT_EQ(reply->pricing.category, PricingCategory::kReferralConversion);
  sim_->AdvanceBy(48 * kHour);
  auto promo = Send(u, "promo");  // outside the 24 h window, inside FEP
  EXPECT_FALSE(promo->failure);
  EXPECT_FALSE(promo->pricing.billable);
  EXPECT_EQ(promo->pricing.type, "free_entry_point");
  auto text = Send(u, "text");  // the 24 h window still governs free-form
  ASSERT_TRUE(text->failure);
  EXPECT_EQ(text->failure->code, ErrorCode::kReengagementMessage);
  sim_->AdvanceBy(24 * kHour - 1);  // 72 h after the reply, minus 1 ms
  EXPECT_EQ(Send(u, "promo")->pricing.type, "free_entry_point");
  sim_->AdvanceBy(1);
  auto after = Send(u, "promo");
  EXPECT_TRUE(after->pricing.billable);
  EXPECT_EQ(after->pricing.type, "regular");
  EXPECT_EQ(after->pricing.category, PricingCategory::kMarketing);
}

TEST_F(SendRulesTest, FreeEntryPointConversationIsTheWindow) {
  std::string u = D::kCustomerWaId;
  OpenReferral(u);
  auto plain = Send(User(5), "template");  // no window: no conversation
  EXPECT_TRUE(plain->pricing.conversation_id.empty());
  EXPECT_FALSE(plain->pricing.conversation_expires_at);
  sim_->AdvanceBy(kHour);
  TimeMs start = clock_->Now();
  auto reply = Send(u, "text");
  ASSERT_EQ(reply->pricing.conversation_id.size(), 32u);
  EXPECT_EQ(reply->pricing.conversation_expires_at, start + 72 * kHour);
  sim_->AdvanceBy(30 * kHour);
  auto later = Send(u, "promo");  // Meta: one id per window
  EXPECT_EQ(later->pricing.conversation_id, reply->pricing.conversation_id);
  EXPECT_EQ(later->pricing.conversation_expires_at, start + 72 * kHour);
  // After the window: billed, no conversation; a new referral opens a new window with a new id.
  sim_->AdvanceBy(42 * kHour);
  EXPECT_TRUE(Send(u, "promo")->pricing.conversation_id.empty());
  OpenReferral(u);
  sim_->AdvanceBy(kSecond);
  auto second = Send(u, "text");
  EXPECT_EQ(second->pricing.type, "free_entry_point");
  EXPECT_NE(second->pricing.conversation_id, reply->pricing.conversation_id);
  EXPECT_EQ(second->pricing.conversation_expires_at, clock_->Now() + 72 * kHour);
}

TEST_F(SendRulesTest, PerUserMarketingCapAcrossTheRollingWindow) {
  EditWorld(*sim_, WorldBuilder().EditConfig([](SimConfig& c) { c.rules.marketing_cap_per_user = 2; }));
  std::string u = D::kCustomerWaId;
  EXPECT_FALSE(Send(u, "promo")->failure);
  EXPECT_FALSE(Send(u, "promo")->failure);
  auto third = Send(u, "promo");
  ASSERT_TRUE(third->failure);
  EXPECT_EQ(third->failure->code, ErrorCode::kEcosystemEngagement);
  EXPECT_FALSE(Send(u, "template")->failure);  // utility templates are not capped
  sim_->AdvanceBy(24 * kHour);
  EXPECT_FALSE(Send(u, "promo")->failure);
}

TEST_F(SendRulesTest, RecipientAndAccountStates) {
  std::string u = D::kCustomerWaId;
  OpenWindow(u);
  EditWorld(*sim_,
            WorldBuilder().EditCustomer(u, [](Customer& c) { c.state = CustomerState::kNotOnWhatsApp; }));
  EXPECT_EQ(Send(u, "text")->failure->code, ErrorCode::kMessageUndeliverable);
  EditWorld(*sim_, WorldBuilder().EditCustomer(u, [](Customer& c) {
    c.state = CustomerState::kOnline;
    c.in_marketing_experiment = true;
  }));
  EXPECT_FALSE(Send(u, "template")->failure);
  EXPECT_EQ(Send(u, "promo")->failure->code, ErrorCode::kMarketingExperiment);
  EditWorld(*sim_,
            WorldBuilder()
                .EditCustomer(u, [](Customer& c) { c.in_marketing_experiment = false; })
                .EditRelation(D::kPhoneNumberId, u, [](CustomerRelation& r) { r.marketing_opt_out = true; }));
  EXPECT_EQ(Send(u, "promo")->failure->code, ErrorCode::kMarketingOptOut);
  EditWorld(*sim_, WorldBuilder().EditWaba(D::kWabaId, [](Waba& w) { w.restricted_calling_codes = {"1"}; }));
  auto restricted = Send(u, "text");
  ASSERT_FALSE(restricted);
  EXPECT_EQ(restricted.error().code, ErrorCode::kCountryRestricted);
  EXPECT_EQ(restricted.error().http_status, 403);
  EditWorld(*sim_, WorldBuilder()
                       .EditWaba(D::kWabaId, [](Waba& w) { w.restricted_calling_codes.clear(); })
                       .EditPhone(D::kPhoneNumberId,
                                  [](PhoneNumber& p) { p.name_status = NameStatus::kPendingReview; }));
  EXPECT_EQ(Send(u, "text").error().code, ErrorCode::kDisplayNameApprovalNeeded);
}

}  // namespace
}  // namespace wasim::rules
