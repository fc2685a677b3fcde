// Display-name review on the virtual clock: decided at the configured delay
// (48 h), not a millisecond before; a new name restarts the wait; an edit of
// an approved name keeps it in use; every decision is a phone_number_name_update.
#include "simulator/domain/accounts/name_review.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"

namespace wasim::accounts {
namespace {

using D = DefaultIds;
using wasim::testing::EditWorld;
using wasim::testing::FactTap;

class NameReviewTest : public ::testing::Test {
 protected:
  NameReviewTest() {
    Simulator::Options o;
    o.seed = 5;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  // A number whose name was never reviewed (Meta's NONE), e.g. just onboarded.
  void MakeUnreviewed() {
    EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) {
      p.name_status = NameStatus::kNone;
      p.verified_name = "Lucky Shrub";
    }));
  }
  template <class F>
  auto OnPhone(F f) {
    return sim_->WithLock([&](Ctx& ctx) { return f(ctx, *ctx.state.accounts.FindPhone(D::kPhoneNumberId)); });
  }
  Status Request(const std::string& name) {
    return OnPhone([&](Ctx& ctx, PhoneNumber& p) { return RequestDisplayName(ctx, p, name); });
  }
  PhoneNumber Phone() {
    return sim_->WithLock([](Ctx& ctx) { return *ctx.state.accounts.FindPhone(D::kPhoneNumberId); });
  }

  std::unique_ptr<Simulator> sim_;
};

TEST_F(NameReviewTest, DecidedAt48HoursNotAMillisecondBefore) {
  MakeUnreviewed();
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("Lucky Shrub").ok());
  EXPECT_EQ(Phone().name_status, NameStatus::kPendingReview);
  sim_->AdvanceBy(48 * kHour - 1);
  EXPECT_EQ(Phone().name_status, NameStatus::kPendingReview);
  EXPECT_TRUE(tap.Of<PhoneNameDecided>().empty());  // starting a review sends nothing
  sim_->AdvanceBy(1);
  EXPECT_EQ(Phone().name_status, NameStatus::kApproved);
  auto decided = tap.TimedOf<PhoneNameDecided>();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0]->decision, "APPROVED");
  EXPECT_EQ(decided[0]->requested_verified_name, "Lucky Shrub");
  EXPECT_EQ(decided[0]->rejection_reason, "");
  EXPECT_EQ(decided[0].at, kDefaultManualStart + 48 * kHour);
  // One webhook, in Meta's shape.
  auto values = tap.ManagementValues("phone_number_name_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0]["decision"], "APPROVED");
  EXPECT_TRUE(values[0]["rejection_reason"].is_null());
}

TEST_F(NameReviewTest, ADeletedNumbersPendingReviewNeverDecides) {
  MakeUnreviewed();
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("Lucky Shrub").ok());
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.deleted = true; }));
  sim_->AdvanceBy(72 * kHour);
  EXPECT_TRUE(tap.Of<PhoneNameDecided>().empty());
  EXPECT_TRUE(tap.ManagementValues("phone_number_name_update").empty());
}

TEST_F(NameReviewTest, ANewNameDuringReviewRestartsTheWait) {
  MakeUnreviewed();
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("Lucky Shrub").ok());
  sim_->AdvanceBy(24 * kHour);
  ASSERT_TRUE(Request("Lucky Shrub Plants").ok());
  sim_->AdvanceBy(24 * kHour);  // 48 h after the first name: still under review
  EXPECT_EQ(Phone().name_status, NameStatus::kPendingReview);
  EXPECT_EQ(Phone().verified_name, "Lucky Shrub Plants");
  sim_->AdvanceBy(24 * kHour - 1);
  EXPECT_TRUE(tap.Of<PhoneNameDecided>().empty());
  sim_->AdvanceBy(1);
  auto decided = tap.Of<PhoneNameDecided>();
  ASSERT_EQ(decided.size(), 1u);  // the first name's decision never came
  EXPECT_EQ(decided[0].requested_verified_name, "Lucky Shrub Plants");
  EXPECT_EQ(Phone().name_status, NameStatus::kApproved);
}

TEST_F(NameReviewTest, ADeclinedDecisionAfterItsDelayCarriesTheReason) {
  MakeUnreviewed();
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("Jane Doe").ok());
  ASSERT_TRUE(OnPhone([](Ctx& ctx, PhoneNumber& p) {
                return SetDisplayNameDecision(ctx, p, std::string("DECLINED"), "NAME_INDIVIDUAL_ISSUE",
                                              36 * kHour);
              }).ok());
  sim_->AdvanceBy(36 * kHour - 1);
  EXPECT_EQ(Phone().name_status, NameStatus::kPendingReview);
  sim_->AdvanceBy(1);
  EXPECT_EQ(Phone().name_status, NameStatus::kDeclined);
  auto values = tap.ManagementValues("phone_number_name_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(
      DumpMeta(values[0]),
      R"({"display_phone_number":")" + std::string(D::kDisplayPhoneNumber) +
          R"(","decision":"REJECTED","requested_verified_name":"Jane Doe","rejection_reason":"NAME_INDIVIDUAL_ISSUE"})");
  // Nothing is left on the timeline for this review.
  sim_->AdvanceBy(100 * kHour);
  EXPECT_EQ(tap.Of<PhoneNameDecided>().size(), 1u);
}

TEST_F(NameReviewTest, AnEditedApprovedNameStaysInUseUntilTheEditIsApproved) {
  const std::string approved = Phone().verified_name;
  ASSERT_EQ(Phone().name_status, NameStatus::kApproved);
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("New Lucky Shrub").ok());
  PhoneNumber p = Phone();
  EXPECT_EQ(p.name_status, NameStatus::kApproved);  // Meta: the approved name is still shown
  EXPECT_EQ(p.verified_name, approved);
  EXPECT_EQ(p.name_review.new_display_name, "New Lucky Shrub");
  EXPECT_EQ(p.name_review.new_name_status, NameStatus::kPendingReview);
  sim_->AdvanceBy(48 * kHour);
  p = Phone();
  EXPECT_EQ(p.verified_name, "New Lucky Shrub");
  EXPECT_EQ(p.name_status, NameStatus::kApproved);
  EXPECT_EQ(p.name_review.new_name_status, NameStatus::kApproved);
  ASSERT_EQ(tap.Of<PhoneNameDecided>().size(), 1u);
  EXPECT_EQ(tap.Of<PhoneNameDecided>()[0].requested_verified_name, "New Lucky Shrub");
}

TEST_F(NameReviewTest, ADeclinedEditKeepsTheApprovedName) {
  const std::string approved = Phone().verified_name;
  FactTap tap(*sim_);
  ASSERT_TRUE(Request("Cheap Pills").ok());
  ASSERT_TRUE(
      OnPhone([](Ctx& ctx, PhoneNumber& p) { return DecideDisplayName(ctx, p, "DECLINED", ""); }).ok());
  PhoneNumber p = Phone();
  EXPECT_EQ(p.name_status, NameStatus::kApproved);
  EXPECT_EQ(p.verified_name, approved);
  EXPECT_EQ(p.name_review.new_name_status, NameStatus::kDeclined);
  auto decided = tap.Of<PhoneNameDecided>();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0].decision, "REJECTED");
  EXPECT_EQ(decided[0].rejection_reason, "UNKNOWN");  // Meta's value when no reason is given
  sim_->AdvanceBy(49 * kHour);                        // deciding now cancelled the scheduled decision
  EXPECT_EQ(tap.Of<PhoneNameDecided>().size(), 1u);
}

TEST_F(NameReviewTest, ADecisionOnASettledNameAnnouncesOnlyAChange) {
  FactTap tap(*sim_);
  ASSERT_TRUE(
      OnPhone([](Ctx& ctx, PhoneNumber& p) { return DecideDisplayName(ctx, p, "APPROVED", ""); }).ok());
  EXPECT_TRUE(tap.Of<PhoneNameDecided>().empty());  // already approved
  ASSERT_TRUE(OnPhone([](Ctx& ctx, PhoneNumber& p) {
                return DecideDisplayName(ctx, p, "DECLINED", "NAME_NOT_CONSISTENT");
              }).ok());
  EXPECT_EQ(Phone().name_status, NameStatus::kDeclined);
  ASSERT_EQ(tap.Of<PhoneNameDecided>().size(), 1u);
  // An appeal: Meta reverses the decision.
  ASSERT_TRUE(
      OnPhone([](Ctx& ctx, PhoneNumber& p) { return DecideDisplayName(ctx, p, "APPROVED", ""); }).ok());
  EXPECT_EQ(Phone().name_status, NameStatus::kApproved);
  EXPECT_EQ(tap.Of<PhoneNameDecided>().size(), 2u);
}

TEST_F(NameReviewTest, BadDecisionsAndEmptyNamesChangeNothing) {
  FactTap tap(*sim_);
  EXPECT_FALSE(Request("").ok());
  EXPECT_FALSE(OnPhone([](Ctx& ctx, PhoneNumber& p) { return DecideDisplayName(ctx, p, "MAYBE", ""); }).ok());
  EXPECT_FALSE(OnPhone([](Ctx& ctx, PhoneNumber& p) {
                 return DecideDisplayName(ctx, p, "DECLINED", "TOO_LONG");
               }).ok());
  // Rescheduling needs a pending review.
  EXPECT_FALSE(OnPhone([](Ctx& ctx, PhoneNumber& p) {
                 return SetDisplayNameDecision(ctx, p, std::nullopt, "", 1 * kHour);
               }).ok());
  EXPECT_TRUE(tap.All().empty());
  EXPECT_EQ(Phone().name_status, NameStatus::kApproved);
}

TEST_F(NameReviewTest, TheConfiguredDelayAndThePerNumberDelayApply) {
  MakeUnreviewed();
  EditWorld(*sim_, WorldBuilder().EditConfig([](SimConfig& c) { c.display_name_review_delay = 2 * kHour; }));
  ASSERT_TRUE(Request("Lucky Shrub").ok());
  sim_->AdvanceBy(2 * kHour);
  EXPECT_EQ(Phone().name_status, NameStatus::kApproved);
  ASSERT_TRUE(OnPhone([](Ctx& ctx, PhoneNumber& p) {
                return RequestDisplayName(ctx, p, "Lucky Shrub Two", 10 * kMinute);
              }).ok());
  sim_->AdvanceBy(10 * kMinute);
  EXPECT_EQ(Phone().verified_name, "Lucky Shrub Two");
}

}  // namespace
}  // namespace wasim::accounts
