// Business usernames (Meta: business-scoped-user-ids.mdx, "Business
// usernames"): Meta's format rules, the answers of a request (PENDING,
// REJECTED with Meta's reasons), the review on the virtual clock and the
// phone_number_username_update fact of each decision.
#include "simulator/domain/accounts/username.h"

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

class UsernameTest : public ::testing::Test {
 protected:
  UsernameTest() {
    Simulator::Options o;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    // Meta: only a verified business with an approved display name may ask.
    EditWorld(*sim_, WorldBuilder().EditBusiness(D::kBusinessId, [](Business& b) { b.verified = true; }));
  }
  Result<UsernameAnswer> Request(const std::string& name) {
    return sim_->WithLock([&](Ctx& ctx) { return RequestUsername(ctx, D::kPhoneNumberId, name); });
  }
  Status Decide(const std::string& decision, std::vector<std::string> reasons = {},
                std::optional<DurationMs> after = std::nullopt) {
    return sim_->WithLock(
        [&](Ctx& ctx) { return DecideUsername(ctx, D::kPhoneNumberId, decision, reasons, after); });
  }
  BusinessUsername Username() {
    return sim_->WithLock([](Ctx& ctx) { return ctx.state.accounts.FindPhone(D::kPhoneNumberId)->username; });
  }
  std::unique_ptr<Simulator> sim_;
};

TEST(UsernameFormatTest, MetasFormatRules) {
  EXPECT_FALSE(UsernameFormatProblem("jaspers_market"));
  EXPECT_FALSE(UsernameFormatProblem("Jaspers.Market2"));
  EXPECT_FALSE(UsernameFormatProblem("abc"));
  EXPECT_FALSE(UsernameFormatProblem(std::string(35, 'a')));
  EXPECT_TRUE(UsernameFormatProblem("ab"));
  EXPECT_TRUE(UsernameFormatProblem(std::string(36, 'a')));
  EXPECT_TRUE(UsernameFormatProblem("jaspers-market"));
  EXPECT_TRUE(UsernameFormatProblem("12345"));            // needs a letter
  EXPECT_TRUE(UsernameFormatProblem(".jaspers"));         // leading period
  EXPECT_TRUE(UsernameFormatProblem("jaspers."));         // trailing period
  EXPECT_TRUE(UsernameFormatProblem("jaspers..market"));  // two periods
  EXPECT_TRUE(UsernameFormatProblem("wwwjaspers"));
  EXPECT_TRUE(UsernameFormatProblem("jaspers.com"));
  EXPECT_TRUE(UsernameFormatProblem("jaspers.HTML"));
  EXPECT_FALSE(UsernameFormatProblem("jaspers.co"));
  // Meta: case is ignored, periods and underscores are not.
  EXPECT_EQ(UsernameKey("myID"), UsernameKey("myid"));
  EXPECT_NE(UsernameKey("my.id"), UsernameKey("my_id"));
}

TEST_F(UsernameTest, ARequestIsPendingThenApprovedAfterTheReviewDelay) {
  FactTap tap(*sim_);
  auto r = Request("JaspersMarket");
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->status, "PENDING");
  EXPECT_TRUE(r->rejection_reasons.empty());
  EXPECT_EQ(Username().requested, "JaspersMarket");
  sim_->AdvanceBy(24 * kHour - 1);
  EXPECT_TRUE(tap.Of<PhoneUsernameDecided>().empty());
  sim_->AdvanceBy(1);
  auto decided = tap.Of<PhoneUsernameDecided>();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0].decision, "APPROVED");
  EXPECT_EQ(decided[0].requested_username, "JaspersMarket");
  EXPECT_EQ(decided[0].display_phone_number, D::kDisplayPhoneNumber);
  EXPECT_EQ(Username().username, "JaspersMarket");
  EXPECT_EQ(Username().requested, "");
}

TEST_F(UsernameTest, ASecondRequestDuringAReviewIsExistingPendingRequest) {
  ASSERT_EQ(Request("jaspers_market")->status, "PENDING");
  auto r = Request("jaspers_store");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "REJECTED");
  EXPECT_EQ(r->rejection_reasons, std::vector<std::string>{"EXISTING_PENDING_REQUEST"});
  EXPECT_EQ(Username().requested, "jaspers_market");
}

TEST_F(UsernameTest, AnUnverifiedBusinessOrUnapprovedNameIsAccountIneligible) {
  EditWorld(*sim_, WorldBuilder().EditBusiness(D::kBusinessId, [](Business& b) { b.verified = false; }));
  EXPECT_EQ(Request("jaspers_market")->rejection_reasons, std::vector<std::string>{"ACCOUNT_INELIGIBLE"});
  EditWorld(*sim_,
            WorldBuilder()
                .EditBusiness(D::kBusinessId, [](Business& b) { b.verified = true; })
                .EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.name_status = NameStatus::kDeclined; }));
  EXPECT_EQ(Request("jaspers_market")->status, "REJECTED");
  EXPECT_FALSE(UsernameReviewPending(
      sim_->WithLock([](Ctx& ctx) { return *ctx.state.accounts.FindPhone(D::kPhoneNumberId); })));
}

TEST_F(UsernameTest, AUsernameAUserHasIsNotAvailableIgnoringCase) {
  EditWorld(*sim_,
            WorldBuilder().EditCustomer(D::kCustomerWaId, [](Customer& c) { c.username = "@PabloMorales"; }));
  EXPECT_EQ(Request("pablomorales")->rejection_reasons, std::vector<std::string>{"NOT_AVAILABLE"});
  EXPECT_EQ(Request("pablo_morales")->status, "PENDING");
}

TEST_F(UsernameTest, ABadFormatIsAnInvalidParameterAndChangesNothing) {
  auto r = Request("www.jaspers");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(Username().requested, "");
}

TEST_F(UsernameTest, TheAdminRejectsWithMetasReasonsAndTheOldUsernameStays) {
  ASSERT_EQ(Request("jaspers_market")->status, "PENDING");
  sim_->AdvanceBy(24 * kHour);
  ASSERT_EQ(Username().username, "jaspers_market");
  FactTap tap(*sim_);
  ASSERT_EQ(Request("jaspers_store")->status, "PENDING");
  EXPECT_FALSE(Decide("REJECTED", {"NOT_A_REASON"}).ok());
  EXPECT_FALSE(Decide("APPROVED", {"UNKNOWN"}).ok());
  ASSERT_TRUE(Decide("REJECTED", {"REQUIRE_FB_ACCOUNT_LINKING"}).ok());
  auto decided = tap.Of<PhoneUsernameDecided>();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0].decision, "REJECTED");
  EXPECT_EQ(decided[0].requested_username, "jaspers_store");
  EXPECT_EQ(decided[0].rejection_reasons, std::vector<std::string>{"REQUIRE_FB_ACCOUNT_LINKING"});
  EXPECT_EQ(Username().username, "jaspers_market");  // Meta: the approved username remains
  EXPECT_FALSE(Decide("APPROVED").ok());             // nothing pending any more
}

TEST_F(UsernameTest, ADecisionSetForLaterDecidesThen) {
  FactTap tap(*sim_);
  ASSERT_EQ(Request("jaspers_market")->status, "PENDING");
  ASSERT_TRUE(Decide("REJECTED", {}, 1 * kHour).ok());
  sim_->AdvanceBy(1 * kHour);
  auto decided = tap.Of<PhoneUsernameDecided>();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0].rejection_reasons, std::vector<std::string>{"UNKNOWN"});
  EXPECT_EQ(Username().username, "");
}

TEST_F(UsernameTest, CancellingAPendingRequestDecidesNothingAndDeleteRemovesTheUsername) {
  FactTap tap(*sim_);
  ASSERT_EQ(Request("jaspers_market")->status, "PENDING");
  EXPECT_TRUE(sim_->WithLock([](Ctx& ctx) { return CancelRequestedUsername(ctx, D::kPhoneNumberId); }));
  EXPECT_FALSE(sim_->WithLock([](Ctx& ctx) { return CancelRequestedUsername(ctx, D::kPhoneNumberId); }));
  sim_->AdvanceBy(48 * kHour);
  EXPECT_TRUE(tap.Of<PhoneUsernameDecided>().empty());
  EXPECT_EQ(Username().username, "");
  ASSERT_EQ(Request("jaspers_market")->status, "PENDING");
  sim_->AdvanceBy(24 * kHour);
  EXPECT_TRUE(sim_->WithLock([](Ctx& ctx) { return DeleteUsername(ctx, D::kPhoneNumberId); }));
  EXPECT_EQ(Username().username, "");
  EXPECT_FALSE(sim_->WithLock([](Ctx& ctx) { return DeleteUsername(ctx, D::kPhoneNumberId); }));
}

TEST_F(UsernameTest, SuggestionsAreTheDisplayNameAsAUsername) {
  auto s = sim_->WithLock([](Ctx& ctx) { return UsernameSuggestions(ctx.state, D::kPhoneNumberId); });
  EXPECT_EQ(s, std::vector<std::string>{"wasimtestbusiness"});
}

}  // namespace
}  // namespace wasim::accounts

namespace wasim::accounts {
namespace {

// A deleted number cannot ask (its review could never decide): the error
// sends from a deleted number get, and nothing changes.
TEST(UsernameDeletedNumberTest, ADeletedNumberIsRefusedAndNothingIsPending) {
  Simulator::Options o;
  o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
  o.world = DefaultWorld();
  Simulator sim(std::move(o));
  wasim::testing::EditWorld(
      sim, WorldBuilder()
               .EditBusiness(DefaultIds::kBusinessId, [](Business& b) { b.verified = true; })
               .EditPhone(DefaultIds::kPhoneNumberId, [](PhoneNumber& p) { p.deleted = true; }));
  auto r =
      sim.WithLock([](Ctx& ctx) { return RequestUsername(ctx, DefaultIds::kPhoneNumberId, "lucky.shrub"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPhoneNumberDeleted);
  sim.WithLock([](Ctx& ctx) {
    EXPECT_TRUE(ctx.state.accounts.FindPhone(DefaultIds::kPhoneNumberId)->username.requested.empty());
  });
}

}  // namespace
}  // namespace wasim::accounts
