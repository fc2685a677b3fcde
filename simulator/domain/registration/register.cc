// register, deregister and the two-step PIN (Meta:
// business-phone-numbers/registration.md, two-step-verification.mdx and the
// error codes page). Limits and their sources: limits.h.
#include <set>

#include "simulator/domain/registration/limits.h"
#include "simulator/domain/registration/machines.h"
#include "simulator/domain/registration/params.h"
#include "simulator/domain/registration/service.h"

namespace wasim::registration {
namespace {

// Meta's supported data_localization_region values (registration.md).
const std::set<std::string>& LocalStorageRegions() {
  static const std::set<std::string> regions = {"AU", "ID", "IN", "JP", "SG", "KR", "DE",
                                                "CH", "GB", "BR", "BH", "ZA", "AE", "CA"};
  return regions;
}

Status CheckRegisterParams(const Json& params) {
  auto product = ParamText(params, "messaging_product");
  if (!product) return MissingParam("messaging_product");
  if (*product != "whatsapp")
    return SchemaParamError("Param messaging_product must be one of {WHATSAPP} - got \"" + *product + "\".");
  if (auto region = ParamText(params, "data_localization_region");
      region && !LocalStorageRegions().count(*region)) {
    std::string list;
    for (const auto& r : LocalStorageRegions()) list += (list.empty() ? "" : ", ") + r;
    return SchemaParamError("Param data_localization_region must be one of {" + list + "} - got \"" +
                            *region + "\".");
  }
  return {};
}

// Meta: 10 requests per number in a 72-hour moving window; the 11th gets
// 133016 and blocks the endpoint for the next 72 hours. A request refused by
// the block is not counted (it never reached the endpoint's work).
Status TakeWindowSlot(WindowedLimit& limit, TimeMs now, const char* what) {
  if (limit.blocked_until && now < *limit.blocked_until)
    return MakeError(ErrorCode::kRegisterRateLimit,
                     std::string("Too many ") + what +
                         " requests for this phone number in 72 hours; blocked until " +
                         FormatIso8601(*limit.blocked_until) + ".");
  while (!limit.requests.empty() && limit.requests.front() <= now - kRegisterWindow)
    limit.requests.pop_front();
  if (limit.requests.size() >= kMaxRegisterRequests) {
    limit.blocked_until = now + kRegisterBlock;
    return MakeError(ErrorCode::kRegisterRateLimit,
                     std::string("Too many ") + what +
                         " requests for this phone number in 72 hours; blocked until " +
                         FormatIso8601(*limit.blocked_until) + ".");
  }
  limit.requests.push_back(now);
  return {};
}

// Meta: a number must be verified before it is registered (133006). Meta: it
// must be registered within 14 days of Embedded Signup; assumption: past that,
// a verification made before the deadline EXPIRES.
// A number registered since Embedded Signup (and deregistered later) is past that rule.
Status CheckVerified(Ctx& ctx, PhoneNumber& phone, const NumberRegistration& rec) {
  const bool registered_since_signup = phone.registered || (phone.onboarded_at && rec.registered_until &&
                                                            *rec.registered_until >= *phone.onboarded_at);
  if (!registered_since_signup && phone.onboarded_at &&
      ctx.now() >= *phone.onboarded_at + kRegisterDeadline &&
      !(rec.verified_at && *rec.verified_at >= *phone.onboarded_at + kRegisterDeadline)) {
    MoveVerification(ctx, phone, CodeVerificationStatus::kExpired, "registration_deadline");
    return MakeError(ErrorCode::kReverificationNeeded,
                     "The phone number was not registered within 14 days of Embedded Signup; verify it again "
                     "(request_code, verify_code).");
  }
  if (phone.code_verification_status != CodeVerificationStatus::kVerified)
    return MakeError(ErrorCode::kReverificationNeeded);
  return {};
}

// Meta: with two-step verification on, register needs its PIN (133005);
// guesses too fast 133009, too many 133008 (numbers: limits.h, assumptions).
Status CheckPin(const PhoneNumber& phone, NumberRegistration& rec, const std::string& pin, TimeMs now) {
  if (rec.pin_locked_until && now < *rec.pin_locked_until)
    return MakeError(ErrorCode::kTooManyPinGuesses,
                     "Too many two step verification PIN guesses for this phone number; try again after " +
                         FormatIso8601(*rec.pin_locked_until) + ".");
  if (!rec.wrong_pin_guesses.empty() && now - rec.wrong_pin_guesses.back() < kPinRetryWait)
    return MakeError(ErrorCode::kPinGuessedTooFast);
  if (phone.pin.empty() || pin == phone.pin) return {};
  std::erase_if(rec.wrong_pin_guesses, [&](TimeMs t) { return t <= now - kWrongPinWindow; });
  rec.wrong_pin_guesses.push_back(now);
  if (rec.wrong_pin_guesses.size() >= kMaxWrongPins) {
    rec.wrong_pin_guesses.clear();
    rec.pin_locked_until = now + kPinGuessLock;
    return MakeError(ErrorCode::kTooManyPinGuesses,
                     "Too many two step verification PIN guesses for this phone number; try again after " +
                         FormatIso8601(*rec.pin_locked_until) + ".");
  }
  return MakeError(ErrorCode::kPinMismatch);
}

}  // namespace

Status Register(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  if (auto bad = CheckRegisterParams(params); !bad) return bad;
  auto pin = RequiredPin(params);
  if (!pin) return pin.error();
  NumberRegistration& rec = ctx.state.registration.Of(phone_number_id);
  const TimeMs now = ctx.now();
  if (auto slot = TakeWindowSlot(rec.register_limit, now, "register"); !slot) return slot;
  if (rec.previous_account_deleted_at && now < *rec.previous_account_deleted_at + kRecentlyDeletedWait)
    return MakeError(ErrorCode::kRecentlyDeleted);
  if (auto verified = CheckVerified(ctx, *phone, rec); !verified) return verified;
  if (auto pin_ok = CheckPin(*phone, rec, *pin, now); !pin_ok) return pin_ok;
  rec.wrong_pin_guesses.clear();
  // Meta: without two-step verification, the register PIN becomes the PIN.
  if (phone->pin.empty()) {
    MoveTwoStep(ctx, *phone, TwoStepState::kEnabled, "register");  // adopts the PIN-less state first
    phone->pin = *pin;
  }
  rec.data_localization_region = ParamText(params, "data_localization_region").value_or("");
  MoveRegistration(ctx, *phone, RegistrationState::kRegistered, "register");
  rec.registered_until = now;
  return {};
}

Status Deregister(Ctx& ctx, const std::string& phone_number_id) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  // Meta: deregister cannot be used for a number in use with both Cloud API
  // and the WhatsApp Business app. Assumption: refused with (#100), as Meta
  // documents no code; the business disconnects from the app instead.
  if (phone->mode == NumberMode::kCoexistence)
    return MakeError(ErrorCode::kInvalidParameter,
                     "This phone number is in use with the WhatsApp Business app (Coexistence) and cannot be "
                     "deregistered with the API; disconnect it in the app.");
  NumberRegistration& rec = ctx.state.registration.Of(phone_number_id);
  if (auto slot = TakeWindowSlot(rec.deregister_limit, ctx.now(), "deregister"); !slot) return slot;
  // Meta: deregistering turns local storage off. Assumption: deregistering
  // a number that is not registered succeeds and changes nothing.
  rec.data_localization_region.clear();
  if (phone->registered) rec.registered_until = ctx.now();
  MoveRegistration(ctx, *phone, RegistrationState::kUnregistered, "deregister");
  return {};
}

Status MarkPreviousAccountDeleted(Ctx& ctx, const std::string& phone_number_id) {
  if (!ctx.state.accounts.FindPhone(phone_number_id)) return UnknownObjectError("POST", phone_number_id);
  ctx.state.registration.Of(phone_number_id).previous_account_deleted_at = ctx.now();
  return {};
}

void RegisterLifecycles(LifecycleRegistry& registry) { RegisterMachines(registry); }

}  // namespace wasim::registration
