// Registration rules at their boundaries, on the virtual clock: codes
// (delivery filter, resend wait, daily cap, lifetime, wrong guesses), register
// (verification, two-step PIN, 10 per 72 h moving window, recently deleted,
// 14 days after Embedded Signup), deregister and the PIN.
#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/registration/limits.h"
#include "simulator/domain/registration/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"

namespace wasim::registration {
namespace {

using D = DefaultIds;
using wasim::testing::EditWorld;

const Json kSms = {{"code_method", "SMS"}, {"language", "en_US"}};
const Json kVoice = {{"code_method", "VOICE"}, {"language", "en_US"}};

Json RegisterBody(const std::string& pin) { return {{"messaging_product", "whatsapp"}, {"pin", pin}}; }

class RegistrationTest : public ::testing::Test {
 protected:
  RegistrationTest() {
    Simulator::Options o;
    o.seed = 9;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  // The default number, not yet verified nor registered (as after Embedded Signup).
  void Unregistered(const std::string& pin = "") {
    EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [pin](PhoneNumber& p) {
      p.registered = false;
      p.status = PhoneStatus::kPending;
      p.platform_type = PlatformType::kNotApplicable;
      p.code_verification_status = CodeVerificationStatus::kNotVerified;
      p.pin = pin;
    }));
  }
  template <class F>
  auto Do(F f) {
    return sim_->WithLock([&](Ctx& ctx) { return f(ctx); });
  }
  Status Request(const Json& p = kSms) {
    return Do([&](Ctx& c) { return RequestCode(c, D::kPhoneNumberId, p); });
  }
  Status Verify(const std::string& code) {
    return Do([&](Ctx& c) { return VerifyCode(c, D::kPhoneNumberId, Json{{"code", code}}); });
  }
  Status Reg(const std::string& pin) {
    return Do([&](Ctx& c) { return Register(c, D::kPhoneNumberId, RegisterBody(pin)); });
  }
  Status Dereg() {
    return Do([&](Ctx& c) { return Deregister(c, D::kPhoneNumberId); });
  }
  PhoneNumber Phone() {
    return Do([](Ctx& c) { return *c.state.accounts.FindPhone(D::kPhoneNumberId); });
  }
  NumberRegistration Rec() {
    return Do([](Ctx& c) { return c.state.registration.Of(D::kPhoneNumberId); });
  }
  std::string LastCode() { return Rec().codes.back().code; }
  void Advance(DurationMs d) { sim_->AdvanceBy(d); }
  // Requests a code, verifies it: the number is VERIFIED.
  void VerifyNow() {
    ASSERT_TRUE(Request(kVoice).ok());
    ASSERT_TRUE(Verify(LastCode()).ok());
  }
  static ErrorCode CodeOf(const Status& s) { return s.ok() ? ErrorCode::kApiUnknown : s.error().code; }

  std::unique_ptr<Simulator> sim_;
};

// ---- request_code

TEST_F(RegistrationTest, ACodeIsSixDigitsValidForTenMinutesAndRecordedAsAFact) {
  Unregistered();
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Request().ok());
  auto codes = Rec().codes;
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].code.size(), 6u);
  EXPECT_EQ(codes[0].code.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(codes[0].expires_at - codes[0].sent_at, 10 * kMinute);
  EXPECT_TRUE(codes[0].delivered);
  auto sent = tap.Of<VerificationCodeSent>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "SMS");
  EXPECT_EQ(sent[0].code, codes[0].code);
}

TEST_F(RegistrationTest, TheSameSeedSendsTheSameCodes) {
  Unregistered();
  ASSERT_TRUE(Request().ok());
  std::string first = LastCode();
  sim_->Reset();
  Unregistered();
  ASSERT_TRUE(Request().ok());
  EXPECT_EQ(LastCode(), first);
}

TEST_F(RegistrationTest, AFilteredMethodAnswersSuccessButTheCodeNeverArrives) {
  Unregistered();
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId,
                                            [](PhoneNumber& p) { p.undelivered_code_methods = {"SMS"}; }));
  ASSERT_TRUE(Request(kSms).ok());
  EXPECT_FALSE(Rec().codes.back().delivered);
  ASSERT_TRUE(Request(kVoice).ok());
  EXPECT_TRUE(Rec().codes.back().delivered);
}

TEST_F(RegistrationTest, BadParametersAreRefusedAndSendNothing) {
  Unregistered();
  EXPECT_EQ(CodeOf(Request(Json{{"language", "en_US"}})), ErrorCode::kInvalidParameter);
  EXPECT_EQ(CodeOf(Request(Json{{"code_method", "EMAIL"}, {"language", "en_US"}})),
            ErrorCode::kInvalidParameter);
  EXPECT_EQ(CodeOf(Request(Json{{"code_method", "SMS"}})), ErrorCode::kInvalidParameter);
  EXPECT_TRUE(Rec().codes.empty());
}

TEST_F(RegistrationTest, TheSameMethodAgainWithinAMinuteIsTooManyRequestsAnotherMethodIsNot) {
  Unregistered();
  ASSERT_TRUE(Request(kSms).ok());
  Advance(kCodeResendWait - 1);
  Status again = Request(kSms);
  EXPECT_EQ(CodeOf(again), ErrorCode::kApiTooManyCalls);
  EXPECT_NE(again.error().details.find("You have requested your code too many times."), std::string::npos);
  EXPECT_TRUE(Request(kVoice).ok());
  Advance(1);
  EXPECT_TRUE(Request(kSms).ok());
  EXPECT_EQ(Rec().codes.size(), 3u);
}

TEST_F(RegistrationTest, TheEleventhCodeIn24HoursIsRefusedUntilTheFirstLeavesTheWindow) {
  Unregistered();
  for (size_t i = 0; i < kMaxCodeRequests; ++i) {
    ASSERT_TRUE(Request().ok()) << i;
    Advance(kCodeResendWait);
  }
  EXPECT_EQ(CodeOf(Request()), ErrorCode::kApiTooManyCalls);
  Advance(kCodeRequestWindow - kMaxCodeRequests * kCodeResendWait);  // the first is 24 h old
  EXPECT_TRUE(Request().ok());
}

// ---- verify_code

TEST_F(RegistrationTest, TheRightCodeVerifiesTheNumberThroughTheLifecycle) {
  Unregistered();
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Request().ok());
  ASSERT_TRUE(Verify(LastCode()).ok());
  EXPECT_EQ(Phone().code_verification_status, CodeVerificationStatus::kVerified);
  EXPECT_TRUE(Rec().codes.back().used);
  auto moves = tap.Of<LifecycleChanged>();
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].machine, "code_verification");
  EXPECT_EQ(moves[0].from, "NOT_VERIFIED");
  EXPECT_EQ(moves[0].to, "VERIFIED");
  EXPECT_EQ(moves[0].cause, "verify_code");
  // Single use.
  EXPECT_EQ(CodeOf(Verify(LastCode())), ErrorCode::kParameterValueInvalid);
}

TEST_F(RegistrationTest, ACodeExpiresAfterTenMinutes) {
  Unregistered();
  ASSERT_TRUE(Request().ok());
  std::string code = LastCode();
  Advance(kCodeLifetime);
  Status late = Verify(code);
  EXPECT_EQ(CodeOf(late), ErrorCode::kParameterValueInvalid);
  EXPECT_NE(late.error().details.find("expired"), std::string::npos);
  EXPECT_EQ(Phone().code_verification_status, CodeVerificationStatus::kNotVerified);
}

TEST_F(RegistrationTest, ACodeIsStillValidJustBeforeItExpires) {
  Unregistered();
  ASSERT_TRUE(Request().ok());
  Advance(kCodeLifetime - 1);
  EXPECT_TRUE(Verify(LastCode()).ok());
}

TEST_F(RegistrationTest, OnlyTheLastCodeSentIsValid) {
  Unregistered();
  ASSERT_TRUE(Request(kSms).ok());
  std::string older = LastCode();
  ASSERT_TRUE(Request(kVoice).ok());
  ASSERT_NE(older, LastCode());  // seeded: these two differ
  EXPECT_EQ(CodeOf(Verify(older)), ErrorCode::kParameterValueInvalid);
  EXPECT_TRUE(Verify(LastCode()).ok());
}

TEST_F(RegistrationTest, TheFifthWrongCodeLocksVerificationFor12Hours) {
  Unregistered();
  ASSERT_TRUE(Request().ok());
  std::string right = LastCode();
  std::string wrong = right == "000000" ? "111111" : "000000";
  for (int i = 1; i < kMaxWrongCodes; ++i)
    EXPECT_EQ(CodeOf(Verify(wrong)), ErrorCode::kParameterValueInvalid) << i;
  EXPECT_EQ(CodeOf(Verify(wrong)), ErrorCode::kApiTooManyCalls);
  EXPECT_EQ(CodeOf(Verify(right)), ErrorCode::kApiTooManyCalls);  // even the right one, while locked
  Advance(kCodeGuessLock - 1);
  EXPECT_EQ(CodeOf(Verify(right)), ErrorCode::kApiTooManyCalls);
  Advance(1);
  ASSERT_TRUE(Request().ok());
  EXPECT_TRUE(Verify(LastCode()).ok());
}

TEST_F(RegistrationTest, VerifyingWithoutACodeRequestedFails) {
  Unregistered();
  EXPECT_EQ(CodeOf(Verify("123456")), ErrorCode::kParameterValueInvalid);
  EXPECT_EQ(CodeOf(Do([](Ctx& c) { return VerifyCode(c, D::kPhoneNumberId, Json::object()); })),
            ErrorCode::kInvalidParameter);
}

// ---- register

TEST_F(RegistrationTest, RegisterNeedsAVerifiedNumber) {
  Unregistered();
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kReverificationNeeded);
  EXPECT_FALSE(Phone().registered);
  VerifyNow();
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, RegisterConnectsTheNumberOnCloudApiAndItsPinBecomesThePin) {
  Unregistered();
  VerifyNow();
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Reg("123456").ok());
  PhoneNumber p = Phone();
  EXPECT_TRUE(p.registered);
  EXPECT_EQ(p.status, PhoneStatus::kConnected);
  EXPECT_EQ(p.platform_type, PlatformType::kCloudApi);
  EXPECT_EQ(p.pin, "123456");
  std::vector<std::string> moves;
  for (const auto& m : tap.Of<LifecycleChanged>()) moves.push_back(m.machine + ":" + m.from + ">" + m.to);
  EXPECT_EQ(moves, (std::vector<std::string>{"two_step_verification:DISABLED>ENABLED",
                                             "number_registration:UNREGISTERED>REGISTERED"}));
}

TEST_F(RegistrationTest, AHeldPinMustMatch) {
  Unregistered("654321");
  VerifyNow();
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kPinMismatch);
  EXPECT_FALSE(Phone().registered);
  Advance(kPinRetryWait);
  EXPECT_TRUE(Reg("654321").ok());
  EXPECT_EQ(Phone().pin, "654321");
}

TEST_F(RegistrationTest, AGuessSoonerThanTenSecondsAfterAWrongPinIsTooFast) {
  Unregistered("654321");
  VerifyNow();
  EXPECT_EQ(CodeOf(Reg("111111")), ErrorCode::kPinMismatch);
  Advance(kPinRetryWait - 1);
  EXPECT_EQ(CodeOf(Reg("654321")), ErrorCode::kPinGuessedTooFast);
  Advance(1);
  EXPECT_TRUE(Reg("654321").ok());
}

TEST_F(RegistrationTest, TheFifthWrongPinLocksRegisterFor12Hours) {
  Unregistered("654321");
  VerifyNow();
  for (size_t i = 1; i < kMaxWrongPins; ++i) {
    EXPECT_EQ(CodeOf(Reg("111111")), ErrorCode::kPinMismatch) << i;
    Advance(kPinRetryWait);
  }
  EXPECT_EQ(CodeOf(Reg("111111")), ErrorCode::kTooManyPinGuesses);
  Advance(kPinGuessLock - 1);
  EXPECT_EQ(CodeOf(Reg("654321")), ErrorCode::kTooManyPinGuesses);
  Advance(1);
  EXPECT_TRUE(Reg("654321").ok());
}

TEST_F(RegistrationTest, BadRegisterBodiesAreRefusedAndCountNothing) {
  Unregistered();
  VerifyNow();
  auto reg = [&](const Json& body) {
    return CodeOf(Do([&](Ctx& c) { return Register(c, D::kPhoneNumberId, body); }));
  };
  EXPECT_EQ(reg(Json{{"pin", "123456"}}), ErrorCode::kInvalidParameter);
  EXPECT_EQ(reg(Json{{"messaging_product", "whatsapp"}, {"pin", "12345"}}), ErrorCode::kInvalidParameter);
  EXPECT_EQ(reg(Json{{"messaging_product", "whatsapp"}, {"pin", "12a456"}}), ErrorCode::kInvalidParameter);
  EXPECT_EQ(
      reg(Json{{"messaging_product", "whatsapp"}, {"pin", "123456"}, {"data_localization_region", "XX"}}),
      ErrorCode::kInvalidParameter);
  EXPECT_TRUE(Rec().register_limit.requests.empty());
  EXPECT_FALSE(Phone().registered);
  EXPECT_TRUE(
      Do([&](Ctx& c) {
        return Register(
            c, D::kPhoneNumberId,
            Json{{"messaging_product", "whatsapp"}, {"pin", "123456"}, {"data_localization_region", "CH"}});
      }).ok());
  EXPECT_EQ(Rec().data_localization_region, "CH");
}

TEST_F(RegistrationTest, TheEleventhRegisterIn72HoursIs133016AndBlocksFor72Hours) {
  for (size_t i = 0; i < kMaxRegisterRequests; ++i) {
    ASSERT_TRUE(Reg("123456").ok()) << i;  // the default number is verified and registered
    Advance(kHour);
  }
  Status eleventh = Reg("123456");
  EXPECT_EQ(CodeOf(eleventh), ErrorCode::kRegisterRateLimit);
  const TimeMs refused_at = sim_->clock().Now();
  // Blocked for 72 h from the refusal, although the first request leaves the window sooner.
  Advance(kRegisterBlock - 1);
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kRegisterRateLimit);
  Advance(1);
  EXPECT_EQ(sim_->clock().Now(), refused_at + kRegisterBlock);
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, TheRegisterWindowMoves) {
  ASSERT_TRUE(Reg("123456").ok());  // at 0
  Advance(kHour);
  for (size_t i = 1; i < kMaxRegisterRequests; ++i) ASSERT_TRUE(Reg("123456").ok()) << i;  // 9 more at 1 h
  Advance(kRegisterWindow - kHour);  // the first is exactly 72 h old: out of the window
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, TheTenthRegisterPassesTheEleventhJustBeforeTheWindowMovesFails) {
  ASSERT_TRUE(Reg("123456").ok());
  Advance(kHour);
  for (size_t i = 1; i < kMaxRegisterRequests; ++i) ASSERT_TRUE(Reg("123456").ok()) << i;
  Advance(kRegisterWindow - kHour - 1);
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kRegisterRateLimit);
}

TEST_F(RegistrationTest, DeregisterHasItsOwnWindow) {
  for (size_t i = 0; i < kMaxRegisterRequests; ++i) ASSERT_TRUE(Dereg().ok()) << i;
  EXPECT_EQ(CodeOf(Dereg()), ErrorCode::kRegisterRateLimit);
  EXPECT_TRUE(Reg("123456").ok());  // register counts apart
}

TEST_F(RegistrationTest, ARecentlyDeletedNumberWaitsFiveMinutes) {
  Unregistered();
  VerifyNow();
  ASSERT_TRUE(Do([](Ctx& c) { return MarkPreviousAccountDeleted(c, D::kPhoneNumberId); }).ok());
  Advance(kRecentlyDeletedWait - 1);
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kRecentlyDeleted);
  Advance(1);
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, FourteenDaysAfterEmbeddedSignupTheVerificationExpires) {
  Unregistered();
  const TimeMs signup = sim_->clock().Now();
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [signup](PhoneNumber& p) {
    p.onboarded_at = signup;
    p.code_verification_status = CodeVerificationStatus::kVerified;  // verified during Embedded Signup
  }));
  Advance(kRegisterDeadline);
  wasim::testing::FactTap tap(*sim_);
  EXPECT_EQ(CodeOf(Reg("123456")), ErrorCode::kReverificationNeeded);
  EXPECT_EQ(Phone().code_verification_status, CodeVerificationStatus::kExpired);
  auto moves = tap.Of<LifecycleChanged>();
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].to, "EXPIRED");
  Advance(kMinute);
  VerifyNow();  // verified again after the deadline
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, JustBeforeFourteenDaysRegisterWorks) {
  Unregistered();
  const TimeMs signup = sim_->clock().Now();
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [signup](PhoneNumber& p) {
    p.onboarded_at = signup;
    p.code_verification_status = CodeVerificationStatus::kVerified;
  }));
  Advance(kRegisterDeadline - 1);
  EXPECT_TRUE(Reg("123456").ok());
}

TEST_F(RegistrationTest, ANumberRegisteredSinceSignupMayReRegisterAfterFourteenDays) {
  Unregistered();
  const TimeMs signup = sim_->clock().Now();
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [signup](PhoneNumber& p) {
    p.onboarded_at = signup;
    p.code_verification_status = CodeVerificationStatus::kVerified;
  }));
  ASSERT_TRUE(Reg("123456").ok());
  Advance(20 * kDay);
  ASSERT_TRUE(Dereg().ok());
  Advance(kDay);
  EXPECT_TRUE(Reg("123456").ok());
  EXPECT_EQ(Phone().code_verification_status, CodeVerificationStatus::kVerified);
}

// ---- deregister and the PIN

TEST_F(RegistrationTest, DeregisterDisconnectsTheNumber) {
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Dereg().ok());
  PhoneNumber p = Phone();
  EXPECT_FALSE(p.registered);
  EXPECT_EQ(p.status, PhoneStatus::kDisconnected);
  EXPECT_EQ(p.platform_type, PlatformType::kNotApplicable);
  auto moves = tap.Of<LifecycleChanged>();
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].machine, "number_registration");
  EXPECT_EQ(moves[0].to, "UNREGISTERED");
  ASSERT_TRUE(Dereg().ok());  // again: nothing moves
  EXPECT_EQ(tap.Of<LifecycleChanged>().size(), 1u);
}

TEST_F(RegistrationTest, ACoexistenceNumberCannotBeDeregistered) {
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId,
                                            [](PhoneNumber& p) { p.mode = NumberMode::kCoexistence; }));
  EXPECT_EQ(CodeOf(Dereg()), ErrorCode::kInvalidParameter);
  EXPECT_TRUE(Phone().registered);
  EXPECT_TRUE(Rec().deregister_limit.requests.empty());
}

TEST_F(RegistrationTest, ThePinIsSetAndChangedWithoutTheOldOneAndOnlyWhatsAppManagerTurnsItOff) {
  auto set = [&](const Json& body) { return Do([&](Ctx& c) { return SetPin(c, D::kPhoneNumberId, body); }); };
  EXPECT_EQ(CodeOf(set(Json{{"pin", "12345"}})), ErrorCode::kInvalidParameter);
  EXPECT_EQ(CodeOf(set(Json::object())), ErrorCode::kInvalidParameter);
  EXPECT_EQ(Phone().pin, "");
  ASSERT_TRUE(set(Json{{"pin", "111111"}}).ok());
  ASSERT_TRUE(set(Json{{"pin", "222222"}}).ok());
  EXPECT_EQ(Phone().pin, "222222");
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Do([](Ctx& c) { return DisableTwoStep(c, D::kPhoneNumberId); }).ok());
  EXPECT_EQ(Phone().pin, "");
  auto moves = tap.Of<LifecycleChanged>();
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].machine, "two_step_verification");
  EXPECT_EQ(moves[0].to, "DISABLED");
  EXPECT_EQ(moves[0].cause, "whatsapp_manager");
}

TEST_F(RegistrationTest, WhatsAppManagerChangesSendTheSecurityWebhook) {
  wasim::testing::FactTap tap(*sim_);
  ASSERT_TRUE(Do([](Ctx& c) {
                return ChangePinInManager(c, D::kPhoneNumberId, Json{{"pin", "424242"}});
              }).ok());
  EXPECT_EQ(Phone().pin, "424242");
  ASSERT_TRUE(Do([](Ctx& c) { return RequestTwoStepReset(c, D::kPhoneNumberId, "61555822107539"); }).ok());
  EXPECT_EQ(Phone().pin, "424242");  // the request alone changes nothing
  ASSERT_TRUE(Do([](Ctx& c) { return DisableTwoStep(c, D::kPhoneNumberId); }).ok());
  auto changes = tap.ManagementChanges("security");
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].value["event"], "PIN_CHANGED");
  EXPECT_EQ(changes[1].value["event"], "PIN_RESET_REQUEST");
  EXPECT_EQ(changes[1].value["requester"], "61555822107539");
  EXPECT_EQ(changes[2].value["event"], "PIN_REQUEST_SUCCESS");
  EXPECT_EQ(changes[2].waba_id, D::kWabaId);
  EXPECT_EQ(CodeOf(Do([](Ctx& c) {
              return ChangePinInManager(c, D::kPhoneNumberId, Json{{"pin", "1"}});
            })),
            ErrorCode::kInvalidParameter);
  // The API's own PIN change sends no security webhook (Meta lists WhatsApp Manager triggers only).
  ASSERT_TRUE(Do([](Ctx& c) { return SetPin(c, D::kPhoneNumberId, Json{{"pin", "101010"}}); }).ok());
  EXPECT_EQ(tap.ManagementChanges("security").size(), 3u);
}

}  // namespace
}  // namespace wasim::registration
