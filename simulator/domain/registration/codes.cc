// request_code and verify_code (Meta: business-phone-numbers/phone-numbers.mdx,
// "Verify phone numbers"). Limits and their sources: limits.h.
#include <algorithm>
#include <cctype>

#include "simulator/domain/registration/limits.h"
#include "simulator/domain/registration/machines.h"
#include "simulator/domain/registration/params.h"
#include "simulator/domain/registration/service.h"

namespace wasim::registration {
namespace {

// Assumption: Meta documents no Graph code for "You have requested your code
// too many times." / "You have guessed too many times."; its OpenAPI
// description of request_code shows code 4 (API Too Many Calls) for rate limits.
GraphError TooMany(const std::string& what, TimeMs retry_at) {
  return MakeError(ErrorCode::kApiTooManyCalls, what + " Try again after " + FormatIso8601(retry_at) + ".");
}

void DropOlder(std::deque<TimeMs>& times, TimeMs now, DurationMs window) {
  while (!times.empty() && times.front() <= now - window) times.pop_front();
}

// Meta: code_method is SMS or VOICE. Assumption: Graph reads it case-insensitively.
Result<std::string> CodeMethod(const Json& params) {
  auto method = ParamText(params, "code_method");
  if (!method) return MissingParam("code_method");
  std::string upper = *method;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper != "SMS" && upper != "VOICE")
    return SchemaParamError("Param code_method must be one of {SMS, VOICE} - got \"" + *method + "\".");
  return upper;
}

// Meta: a language code such as "en" (its example sends en_US).
Result<std::string> Language(const Json& params) {
  auto language = ParamText(params, "language");
  if (!language) return MissingParam("language");
  const std::string& l = *language;
  bool ok = l.size() >= 2 && l.size() <= 8;
  for (char c : l) ok = ok && (std::isalpha(static_cast<unsigned char>(c)) || c == '_');
  if (!ok) return SchemaParamError("Param language must be a language code such as en or en_US.");
  return l;
}

Status CheckRequestAllowed(const NumberRegistration& rec, const std::string& method, TimeMs now) {
  if (rec.code_requests.size() >= kMaxCodeRequests)
    return TooMany("You have requested your code too many times.",
                   rec.code_requests.front() + kCodeRequestWindow);
  auto last = rec.last_request_by_method.find(method);
  if (last != rec.last_request_by_method.end() && now - last->second < kCodeResendWait)
    return TooMany("You have requested your code too many times.", last->second + kCodeResendWait);
  return {};
}

bool Undelivered(const PhoneNumber& phone, const std::string& method) {
  const auto& lost = phone.undelivered_code_methods;
  return std::find(lost.begin(), lost.end(), method) != lost.end();
}

}  // namespace

Status RequestCode(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  auto method = CodeMethod(params);
  if (!method) return method.error();
  auto language = Language(params);
  if (!language) return language.error();
  NumberRegistration& rec = ctx.state.registration.Of(phone_number_id);
  const TimeMs now = ctx.now();
  DropOlder(rec.code_requests, now, kCodeRequestWindow);
  if (auto allowed = CheckRequestAllowed(rec, *method, now); !allowed) return allowed;
  rec.code_requests.push_back(now);
  rec.last_request_by_method[*method] = now;
  SentCode code;
  code.method = *method;
  code.language = *language;
  code.code = ctx.ids.NumericId(6);  // seeded: the same run sends the same codes
  code.sent_at = now;
  code.expires_at = now + kCodeLifetime;
  code.delivered = !Undelivered(*phone, *method);
  rec.codes.push_back(code);
  rec.wrong_code_guesses = 0;  // assumption: wrong guesses count per code
  ctx.Record(VerificationCodeSent{phone->waba_id, phone->id, code.method, code.language, code.code,
                                  code.delivered, code.expires_at});
  return {};
}

Status VerifyCode(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  auto entered = ParamText(params, "code");
  if (!entered) return MissingParam("code");
  NumberRegistration& rec = ctx.state.registration.Of(phone_number_id);
  const TimeMs now = ctx.now();
  if (rec.code_guess_locked_until && now < *rec.code_guess_locked_until)
    return TooMany("You have guessed too many times.", *rec.code_guess_locked_until);
  // Assumption: the last code sent is the only valid one; wrong, expired and
  // used codes are 131009 (Meta documents the failures only as Embedded
  // Signup messages, "Code couldn't be verified").
  if (rec.codes.empty())
    return MakeError(
        ErrorCode::kParameterValueInvalid,
        "Code couldn't be verified: no code was requested for this phone number (call request_code).");
  SentCode& last = rec.codes.back();
  if (*entered != last.code) {
    if (++rec.wrong_code_guesses >= kMaxWrongCodes) {
      rec.wrong_code_guesses = 0;
      rec.code_guess_locked_until = now + kCodeGuessLock;
      return TooMany("You have guessed too many times.", *rec.code_guess_locked_until);
    }
    return MakeError(ErrorCode::kParameterValueInvalid, "Code couldn't be verified: the code is incorrect.");
  }
  if (last.used)
    return MakeError(ErrorCode::kParameterValueInvalid,
                     "Code couldn't be verified: the code was already used; request a new one.");
  if (now >= last.expires_at)
    return MakeError(ErrorCode::kParameterValueInvalid,
                     "Code couldn't be verified: the code has expired; request a new one.");
  last.used = true;
  rec.wrong_code_guesses = 0;
  rec.verified_at = now;
  MoveVerification(ctx, *phone, CodeVerificationStatus::kVerified, "verify_code");
  return {};
}

}  // namespace wasim::registration
