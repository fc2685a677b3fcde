// Business-scoped user ids and usernames (Meta: business-scoped-user-ids.mdx):
// the BSUID of a (portfolio, user) pair, and when a username adopter's phone
// number is hidden from the business.
#include "simulator/domain/customers/identity.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/customers/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/world.h"

namespace wasim::customers {
namespace {

using D = DefaultIds;

class IdentityTest : public ::testing::Test {
 protected:
  IdentityTest() {
    Simulator::Options o;
    clock_ = std::make_shared<ManualClock>(kBsuidsSharedFrom);
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  Status Apply(const std::string& wa_id, const CustomerUpdate& u) {
    return sim_->WithLock([&](Ctx& ctx) -> Status {
      auto r = UpdateCustomer(ctx, wa_id, u);
      if (!r) return r.error();
      return {};
    });
  }
  UserIdentity Identity(const std::string& wa_id) {
    return sim_->WithLock(
        [&](Ctx& ctx) { return IdentityFor(ctx.state, D::kPhoneNumberId, wa_id, ctx.now()); });
  }
  // The business messaged the user's number at `at` (set up through the builder).
  void SentToPhoneAt(const std::string& wa_id, TimeMs at) {
    CustomerRelation rel;
    rel.last_send_to_phone_at = at;
    wasim::testing::EditWorld(*sim_, WorldBuilder().Relate(D::kPhoneNumberId, wa_id, rel));
  }
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
};

TEST(BsuidFormatTest, DerivedBsuidIsCountryDotTwentyDigitsAndStablePerPortfolio) {
  std::string a = DerivedBsuid("portfolio-1", "16505551234");
  ASSERT_EQ(a.size(), 23u) << a;
  EXPECT_EQ(a.substr(0, 3), "US.");
  for (char c : a.substr(3)) EXPECT_TRUE(c >= '0' && c <= '9') << a;
  EXPECT_EQ(a, DerivedBsuid("portfolio-1", "16505551234"));
  // Meta: unique to each business portfolio-user pair.
  EXPECT_NE(a, DerivedBsuid("portfolio-2", "16505551234"));
  EXPECT_NE(a, DerivedBsuid("portfolio-1", "16505551235"));
  EXPECT_EQ(DerivedBsuid("p", "447700900123").substr(0, 3), "GB.");
  EXPECT_EQ(DerivedBsuid("p", "919876543210").substr(0, 3), "IN.");
  EXPECT_TRUE(IsValidBsuid(a));
}

TEST(BsuidFormatTest, AcceptsMetasFormsAndRefusesPhoneNumbersAndJunk) {
  EXPECT_TRUE(IsValidBsuid("US.13491208655302741918"));
  EXPECT_TRUE(IsValidBsuid("US.ENT.11815799212886844830"));
  EXPECT_TRUE(IsValidBsuid("user.9373795779eb6441c8adb2eaee5b848e7dd174ddd302d7db62142f4722d574b6"));
  EXPECT_FALSE(IsValidBsuid("16505551234"));
  EXPECT_FALSE(IsValidBsuid("U.123"));
  EXPECT_FALSE(IsValidBsuid("US."));
  EXPECT_FALSE(IsValidBsuid("US..1"));
  EXPECT_FALSE(IsValidBsuid("US.12-3"));
  EXPECT_FALSE(IsValidBsuid("1S.123"));
  EXPECT_FALSE(IsValidBsuid("US." + std::string(254, '1')));
  EXPECT_TRUE(LooksLikeBsuid("US.1"));
  EXPECT_FALSE(LooksLikeBsuid("+1 (650) 555-1234"));
}

TEST(BsuidFormatTest, CountryCodeFromTheCallingCode) {
  EXPECT_EQ(CountryOfWaId("16505551234"), "US");
  EXPECT_EQ(CountryOfWaId("5511987654321"), "BR");
  EXPECT_EQ(CountryOfWaId("2348012345678"), "NG");
  EXPECT_EQ(CountryOfWaId("971501234567"), "AE");
}

TEST_F(IdentityTest, NothingIsSharedBeforeBsuidsAre) {
  Simulator::Options o;
  o.clock = std::make_shared<ManualClock>(kBsuidsSharedFrom - 1);
  o.world = DefaultWorld();
  Simulator early(std::move(o));
  UserIdentity u = early.WithLock(
      [&](Ctx& ctx) { return IdentityFor(ctx.state, D::kPhoneNumberId, "16505551234", ctx.now()); });
  EXPECT_EQ(u.user_id, "");
  EXPECT_FALSE(u.phone_hidden);
}

TEST_F(IdentityTest, EveryUserHasTheBsuidOfThePortfolioAndACountry) {
  UserIdentity u = Identity("16505551234");
  std::string portfolio =
      sim_->WithLock([](Ctx& ctx) { return PortfolioOfPhone(ctx.state, D::kPhoneNumberId); });
  EXPECT_EQ(u.user_id, DerivedBsuid(portfolio, "16505551234"));
  EXPECT_EQ(u.country_code, "US");
  EXPECT_EQ(u.username, "");
  EXPECT_FALSE(u.phone_hidden);  // Meta: no username, both number and BSUID
}

TEST_F(IdentityTest, OperatorSetBsuidWinsAndIsFoundBack) {
  CustomerUpdate u;
  u.phone_number_id = D::kPhoneNumberId;
  u.bsuid = "US.13491208655302741918";
  ASSERT_TRUE(Apply("16505551234", u));
  EXPECT_EQ(Identity("16505551234").user_id, "US.13491208655302741918");
  auto found = sim_->WithLock([](Ctx& ctx) {
    return FindByBsuid(ctx.state, PortfolioOfPhone(ctx.state, D::kPhoneNumberId), "US.13491208655302741918");
  });
  EXPECT_EQ(found, std::optional<std::string>("16505551234"));
}

TEST_F(IdentityTest, ABsuidIsRefusedWhenMalformedTakenOrWithoutANumber) {
  CustomerUpdate u;
  u.phone_number_id = D::kPhoneNumberId;
  u.bsuid = "US.13491208655302741918";
  ASSERT_TRUE(Apply("16505551234", u));
  EXPECT_FALSE(Apply("16505550000", u));  // another user's in this portfolio
  u.bsuid = "13491208655302741918";
  EXPECT_FALSE(Apply("16505550000", u));
  CustomerUpdate no_number;
  no_number.bsuid = "US.1";
  EXPECT_FALSE(Apply("16505550000", no_number));
  EXPECT_EQ(Identity("16505550000").user_id.substr(0, 3), "US.");
  EXPECT_NE(Identity("16505550000").user_id, "US.13491208655302741918");
}

TEST_F(IdentityTest, AUsernameHidesTheNumberUnlessSavedOrMessagedInThirtyDays) {
  CustomerUpdate u;
  u.username = "@pablomorales";
  ASSERT_TRUE(Apply("16505551234", u));
  UserIdentity id = Identity("16505551234");
  EXPECT_EQ(id.username, "@pablomorales");
  EXPECT_TRUE(id.phone_hidden);

  // Meta: shared for 30 days after the business messaged the number.
  SentToPhoneAt("16505551234", clock_->Now());
  EXPECT_FALSE(Identity("16505551234").phone_hidden);
  clock_->SetForward(clock_->Now() + kPhoneShareWindow - 1);
  EXPECT_FALSE(Identity("16505551234").phone_hidden);
  clock_->SetForward(clock_->Now() + 1);
  EXPECT_TRUE(Identity("16505551234").phone_hidden);

  // Meta: or when the user saved the business number.
  CustomerUpdate saved;
  saved.phone_number_id = D::kPhoneNumberId;
  saved.saved_business_number = true;
  ASSERT_TRUE(Apply("16505551234", saved));
  EXPECT_FALSE(Identity("16505551234").phone_hidden);
}

TEST_F(IdentityTest, AUsernameWithSpacesIsRefusedAndAnEmptyOneRemovesIt) {
  CustomerUpdate bad;
  bad.username = "pablo morales";
  EXPECT_FALSE(Apply("16505551234", bad));
  CustomerUpdate set;
  set.username = "@pablo";
  ASSERT_TRUE(Apply("16505551234", set));
  CustomerUpdate clear;
  clear.username = "";
  ASSERT_TRUE(Apply("16505551234", clear));
  EXPECT_EQ(Identity("16505551234").username, "");
  EXPECT_FALSE(Identity("16505551234").phone_hidden);
}

}  // namespace
}  // namespace wasim::customers
