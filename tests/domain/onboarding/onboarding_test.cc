// Embedded Signup outcomes and the code -> token exchange: the code lives 30 s
// on the virtual clock, is single-use, and the token grants the new WABA.
#include <gtest/gtest.h>

#include "simulator/domain/auth/auth.h"
#include "simulator/domain/coexistence/service.h"
#include "simulator/domain/onboarding/service.h"
#include "tests/support/world.h"

namespace wasim {
namespace {

using D = DefaultIds;

class OnboardingTest : public ::testing::Test {
 protected:
  OnboardingTest()
      : clock_(std::make_shared<ManualClock>(kDefaultManualStart)), sim_({7, clock_, DefaultWorld()}) {}

  Result<onboarding::Outcome> Onboard(onboarding::Request r) {
    return sim_.WithLock([&](Ctx& ctx) { return onboarding::Onboard(ctx, r); });
  }
  static onboarding::Request NewNumber(NumberMode mode = NumberMode::kCloud,
                                       std::string outcome = "success") {
    onboarding::Request r;
    r.business_name = "Lucky Shrub";
    r.display_phone_number = "15550001111";
    r.mode = mode;
    r.outcome = std::move(outcome);
    return r;
  }
  Result<onboarding::IssuedToken> Exchange(const std::string& code,
                                           const std::string& secret = D::kAppSecret) {
    return sim_.WithLock([&](Ctx& ctx) { return onboarding::ExchangeCode(ctx, D::kAppId, secret, code); });
  }
  template <class F>
  std::vector<F> FactsOf() {
    return sim_.WithLock([](Ctx& ctx) {
      std::vector<F> out;
      for (const auto& f : ctx.facts.Read(0, 100000).facts)
        if (auto* x = std::get_if<F>(&f.body)) out.push_back(*x);
      return out;
    });
  }

  std::shared_ptr<ManualClock> clock_;
  Simulator sim_;
};

TEST_F(OnboardingTest, ARefusedNumberCreatesNoBusinessOrWaba) {
  auto counts = [&] {
    return sim_.WithLock([](Ctx& ctx) {
      return std::make_pair(ctx.state.accounts.businesses.size(), ctx.state.accounts.wabas.size());
    });
  };
  auto before = counts();
  onboarding::Request bad_digits = NewNumber();
  bad_digits.display_phone_number = "+1 555";
  EXPECT_FALSE(Onboard(bad_digits).ok());
  onboarding::Request taken = NewNumber();
  taken.display_phone_number = D::kDisplayPhoneNumber;
  EXPECT_FALSE(Onboard(taken).ok());
  onboarding::Request foreign_waba = NewNumber();
  foreign_waba.waba_id = D::kWabaId;  // belongs to the default business, not to a new one
  EXPECT_FALSE(Onboard(foreign_waba).ok());
  EXPECT_EQ(counts(), before);
}

TEST_F(OnboardingTest, SuccessCreatesBusinessWabaAndNumberAndIssuesACode) {
  auto o = Onboard(NewNumber());
  ASSERT_TRUE(o.ok()) << o.error().details;
  EXPECT_EQ(o->session_event["event"], "FINISH");
  EXPECT_EQ(o->session_event["type"], "WA_EMBEDDED_SIGNUP");
  EXPECT_EQ(o->session_event["data"]["waba_id"], o->waba_id);
  EXPECT_FALSE(o->code.empty());
  EXPECT_EQ(*o->code_expires_at, clock_->Now() + 30 * kSecond);
  sim_.WithLock([&](Ctx& ctx) {
    const PhoneNumber* p = ctx.state.accounts.FindPhone(o->phone_number_id);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->onboarded_at, clock_->Now());
    EXPECT_FALSE(p->registered);  // a Cloud number still has to register
    EXPECT_EQ(ctx.state.accounts.BusinessOfWaba(o->waba_id)->id, o->business_id);
  });
}

TEST_F(OnboardingTest, CoexistenceKeepsTheNumberRegisteredAndFinishesWithItsEvent) {
  auto o = Onboard(NewNumber(NumberMode::kCoexistence));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->session_event["event"], "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING");
  EXPECT_FALSE(o->session_event["data"].contains("phone_number_id"));
  sim_.WithLock([&](Ctx& ctx) { EXPECT_TRUE(ctx.state.accounts.FindPhone(o->phone_number_id)->registered); });
  EXPECT_EQ(FactsOf<CompanionsUnlinked>().size(), 1u);
}

TEST_F(OnboardingTest, TheCodeWorksUntilThirtySecondsAndOnlyOnce) {
  auto o = Onboard(NewNumber());
  sim_.AdvanceBy(30 * kSecond - 1);
  auto t = Exchange(o->code);
  ASSERT_TRUE(t.ok()) << t.error().message;
  auto again = Exchange(o->code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(again.error().subcode, 36009);
  EXPECT_EQ(again.error().message, "This authorization code has been used.");
  // The token grants the app the new WABA.
  sim_.WithLock([&](Ctx& ctx) {
    auto p = Authenticate(ctx.state.accounts, t->access_token, ctx.now());
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->waba_ids, std::vector<std::string>{o->waba_id});
  });
}

TEST_F(OnboardingTest, AtThirtySecondsTheCodeHasExpired) {
  auto o = Onboard(NewNumber());
  sim_.AdvanceBy(30 * kSecond);
  auto t = Exchange(o->code);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().subcode, 36007);
  EXPECT_EQ(t.error().message, "This authorization code has expired.");
}

TEST_F(OnboardingTest, WrongSecretAndUnknownCodeAreGraphsOAuthErrors) {
  auto o = Onboard(NewNumber());
  auto app =
      sim_.WithLock([&](Ctx& ctx) { return onboarding::ExchangeCode(ctx, "404", D::kAppSecret, o->code); });
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, ErrorCode::kInvalidApplicationId);
  EXPECT_EQ(app.error().message, "Error validating application. Invalid application ID.");
  auto wrong = Exchange(o->code, "nope");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code_number(), 1);
  EXPECT_EQ(wrong.error().message, "Error validating client secret.");
  auto unknown = Exchange("AQnothing");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code_number(), 100);
  EXPECT_FALSE(unknown.error().subcode.has_value());
  EXPECT_TRUE(Exchange(o->code).ok());  // the failed tries did not use the code
}

TEST_F(OnboardingTest, AFailedFlowIsACancelEventAndCreatesNothing) {
  size_t wabas = sim_.WithLock([](Ctx& ctx) { return ctx.state.accounts.wabas.size(); });
  auto o = Onboard(NewNumber(NumberMode::kCoexistence, "number_on_whatsapp_app"));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->session_event["event"], "CANCEL");
  EXPECT_NE(
      o->session_event["data"]["error_message"].get<std::string>().find("registered to an existing WhatsApp"),
      std::string::npos);
  EXPECT_TRUE(o->code.empty());
  EXPECT_EQ(sim_.WithLock([](Ctx& ctx) { return ctx.state.accounts.wabas.size(); }), wabas);
  EXPECT_FALSE(Onboard(NewNumber(NumberMode::kCloud, "no_such_outcome")).ok());
}

TEST_F(OnboardingTest, PairingErrorSticksUntilTheAppIsReinstalled) {
  onboarding::Request r;
  r.business_id = D::kBusinessId;
  r.waba_id = D::kWabaId;
  r.phone_number_id = D::kPhoneNumberId;
  r.mode = NumberMode::kCoexistence;
  r.outcome = "pairing_error";
  EXPECT_EQ(Onboard(r)->session_event["event"], "CANCEL");
  r.outcome = "success";
  EXPECT_EQ(Onboard(r)->session_event["event"], "CANCEL");  // still failing
  sim_.WithLock([](Ctx& ctx) { ASSERT_TRUE(coexistence::AppReinstalled(ctx, D::kPhoneNumberId).ok()); });
  EXPECT_EQ(Onboard(r)->session_event["event"], "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING");
}

TEST_F(OnboardingTest, ADisabledWabaFinishesThenRefusesSends) {
  auto o = Onboard(NewNumber(NumberMode::kCloud, "waba_disabled"));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->session_event["event"], "FINISH");
  EXPECT_EQ(o->after_connect, "disabled");
  sim_.WithLock([&](Ctx& ctx) { EXPECT_EQ(ctx.state.accounts.FindWaba(o->waba_id)->ban_state, "DISABLE"); });
}

TEST_F(OnboardingTest, PartnerAddedIsRecordedWhenThePartnerAppSubscribes) {
  auto o = Onboard(NewNumber());
  EXPECT_TRUE(FactsOf<PartnerChanged>().empty());
  sim_.WithLock([&](Ctx& ctx) {
    onboarding::OnAppSubscribed(ctx, o->waba_id, "someone else");
    onboarding::OnAppSubscribed(ctx, o->waba_id, D::kAppId);
    onboarding::OnAppSubscribed(ctx, o->waba_id, D::kAppId);  // once
  });
  auto added = FactsOf<PartnerChanged>();
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].event, "PARTNER_ADDED");
  EXPECT_EQ(added[0].owner_business_id, o->business_id);
}

TEST_F(OnboardingTest, DebugTokenListsTheWabaInGranularScopes) {
  auto o = Onboard(NewNumber());
  auto t = Exchange(o->code);
  auto d = sim_.WithLock(
      [&](Ctx& ctx) { return onboarding::DescribeToken(ctx, D::kAccessToken, t->access_token); });
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)["app_id"], D::kAppId);
  EXPECT_EQ((*d)["is_valid"], true);
  EXPECT_EQ((*d)["granular_scopes"][0]["target_ids"], Json::array({o->waba_id}));
  auto unknown =
      sim_.WithLock([&](Ctx& ctx) { return onboarding::DescribeToken(ctx, D::kAccessToken, "EAAx"); });
  EXPECT_EQ((*unknown)["is_valid"], false);
}

}  // namespace
}  // namespace wasim
