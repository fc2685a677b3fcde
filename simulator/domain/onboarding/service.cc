#include "simulator/domain/onboarding/service.h"

#include <algorithm>
#include <cctype>

#include "simulator/domain/coexistence/service.h"

namespace wasim::onboarding {
namespace {

// How a named failure shows. Meta documents the CANCEL event and the ES
// screen strings (embedded-signup/errors); the strings for Coexistence
// eligibility, WABA ownership, pairing, verification and credit lines are not
// in Meta's docs: our wording (assumption), shown as ES would show an error.
struct Failure {
  const char* name;
  const char* current_step;   // ES screen the flow stops on
  const char* error_message;  // "" : the flow finishes, Meta acts on the WABA afterwards
  const char* after_connect;  // under_review | disabled | ""
};

const std::vector<Failure>& Failures() {
  static const std::vector<Failure> f = {
      // Meta (embedded-signup/errors, Phone Setup Errors), verbatim.
      {"number_on_whatsapp_app", "PHONE_NUMBER_SETUP",
       "This number is registered to an existing WhatsApp account. To use this number, disconnect it from "
       "the "
       "existing account. Then, return to this page and re-enter the number. Note: It may take up to 3 "
       "minutes "
       "for the number to become available.",
       ""},
      {"number_not_eligible", "PHONE_NUMBER_SETUP",
       "Phone number not eligible to onboard: it is linked to another business portfolio or a Facebook Page.",
       ""},
      // Reference (2025-12): Coexistence excluded Nigeria and South Africa; Meta's
      // changelog of 2026-04-15 lifted it, so this is only an explicit outcome.
      {"unsupported_country", "PHONE_NUMBER_SETUP",
       "Phone number not eligible to onboard: WhatsApp Business app numbers from this country are not "
       "supported.",
       ""},
      {"waba_connected_to_another_business", "WABA_PHONE_PROFILE_PICKER",
       "This WhatsApp Business Account is connected to another business portfolio.", ""},
      {"pairing_error", "PHONE_NUMBER_VERIFICATION",
       "Error while pairing Cloud API. Reinstall the WhatsApp Business app and try again.", ""},
      {"paid_verification_conflict", "PHONE_NUMBER_SETUP",
       "This number has a paid business verification (Meta Verified) that cannot be used with the WhatsApp "
       "Business app and Cloud API together.",
       ""},
      {"credit_line_blocks", "PERMISSIONS",
       "This WhatsApp Business Account has a credit line that prevents sharing it with another partner.", ""},
      {"waba_under_review", "", "", "under_review"},
      {"waba_disabled", "", "", "disabled"},
  };
  return f;
}

const Failure* FindFailure(const std::string& name) {
  for (const auto& f : Failures())
    if (name == f.name) return &f;
  return nullptr;
}

Json SessionEvent(const std::string& event, Json data) {
  Json j = Json::object();
  j["data"] = std::move(data);
  j["type"] = "WA_EMBEDDED_SIGNUP";
  j["event"] = event;
  j["version"] = 3;
  return j;
}

// Meta (embedded-signup/implementation): a user-reported error arrives as
// CANCEL with error_message, error_id, session_id and timestamp.
Outcome Cancelled(Ctx& ctx, const Failure& f) {
  Outcome o;
  Json data = Json::object();
  data["error_message"] = f.error_message;
  data["error_id"] = ctx.ids.NumericId(6);
  data["session_id"] = ctx.ids.Hex(16);
  data["timestamp"] = UnixSeconds(ctx.now());
  data["current_step"] = f.current_step;  // assumption: where the flow stopped, as on abandonment
  o.session_event = SessionEvent("CANCEL", data);
  return o;
}

std::string OnlyAppId(const Ctx& ctx) {
  return ctx.state.accounts.apps.size() == 1 ? ctx.state.accounts.apps.begin()->first : "";
}

Result<Business*> BusinessFor(Ctx& ctx, const Request& r) {
  if (!r.business_id.empty()) {
    auto it = ctx.state.accounts.businesses.find(r.business_id);
    if (it == ctx.state.accounts.businesses.end())
      return InvalidParameterError("No business portfolio " + r.business_id + ".");
    return &it->second;
  }
  Business b;
  do b.id = ctx.ids.NumericId(15);
  while (ctx.state.accounts.businesses.count(b.id));
  b.name = r.business_name.empty() ? "Business " + b.id : r.business_name;
  return &(ctx.state.accounts.businesses[b.id] = b);
}

Result<Waba*> WabaFor(Ctx& ctx, const Request& r, const Business& business) {
  if (!r.waba_id.empty()) {
    Waba* w = ctx.state.accounts.FindWaba(r.waba_id);
    if (!w) return InvalidParameterError("No WhatsApp Business Account " + r.waba_id + ".");
    if (w->business_id != business.id)
      return InvalidParameterError("WhatsApp Business Account " + r.waba_id + " belongs to business " +
                                   w->business_id + ".");
    return w;
  }
  Waba w;
  do w.id = ctx.ids.NumericId(15);
  while (ctx.state.accounts.wabas.count(w.id));
  w.name = business.name;
  w.business_id = business.id;
  w.message_template_namespace = ctx.ids.Hex(8) + "_" + ctx.ids.Hex(4) + "_" + ctx.ids.Hex(4);
  return &(ctx.state.accounts.wabas[w.id] = w);
}

Result<PhoneNumber*> PhoneFor(Ctx& ctx, const Request& r, Waba& waba) {
  if (!r.phone_number_id.empty()) {
    PhoneNumber* p = ctx.state.accounts.FindPhone(r.phone_number_id);
    if (!p) return InvalidParameterError("No phone number " + r.phone_number_id + ".");
    if (p->waba_id != waba.id)
      return InvalidParameterError("Phone number " + r.phone_number_id + " belongs to WABA " + p->waba_id +
                                   ".");
    return p;
  }
  if (r.display_phone_number.empty() ||
      !std::all_of(r.display_phone_number.begin(), r.display_phone_number.end(), ::isdigit))
    return InvalidParameterError("phone_number must be the number's digits, e.g. \"15550783881\".");
  for (const auto& [id, p] : ctx.state.accounts.phone_numbers)
    if (p.display_phone_number == r.display_phone_number && !p.deleted)
      return InvalidParameterError("Phone number " + r.display_phone_number + " already exists as " + id +
                                   "; pass phone_number_id to onboard it again.");
  PhoneNumber p;
  do p.id = ctx.ids.NumericId(15);
  while (ctx.state.accounts.phone_numbers.count(p.id));
  p.waba_id = waba.id;
  p.display_phone_number = r.display_phone_number;
  p.verified_name = r.verified_name.empty() ? waba.name : r.verified_name;
  waba.phone_number_ids.push_back(p.id);
  return &(ctx.state.accounts.phone_numbers[p.id] = p);
}

// Meta: a Cloud number must still be registered (POST /{id}/register, the
// registration module); a Coexistence number stays registered (skip register).
void ConnectNumber(Ctx& ctx, PhoneNumber& phone, NumberMode mode) {
  phone.mode = mode;
  phone.onboarded_at = ctx.now();
  phone.platform_type = PlatformType::kCloudApi;
  if (mode == NumberMode::kCoexistence) {
    phone.registered = true;
    coexistence::Onboarded(ctx, phone.id);
  } else {
    phone.registered = false;
  }
}

std::string IssueCode(Ctx& ctx, const std::string& app_id, const Business& b, const Waba& w) {
  std::string code;
  do code = "AQ" + ctx.ids.Hex(40);
  while (ctx.state.onboarding.codes.count(code));
  ctx.state.onboarding.codes[code] = SignupCode{app_id, b.id, w.id, ctx.now(), false};
  return code;
}

// Everything the creation below may refuse, checked before anything is
// created, so a refused onboarding leaves the world as it was.
Status CheckTargets(const Ctx& ctx, const Request& r) {
  const Accounts& a = ctx.state.accounts;
  if (!r.business_id.empty() && !a.businesses.count(r.business_id))
    return InvalidParameterError("No business portfolio " + r.business_id + ".");
  if (!r.waba_id.empty()) {
    const Waba* w = a.FindWaba(r.waba_id);
    if (!w) return InvalidParameterError("No WhatsApp Business Account " + r.waba_id + ".");
    if (w->business_id != r.business_id)
      return InvalidParameterError("WhatsApp Business Account " + r.waba_id + " belongs to business " +
                                   w->business_id + ".");
  }
  if (!r.phone_number_id.empty()) {
    const PhoneNumber* p = a.FindPhone(r.phone_number_id);
    if (!p) return InvalidParameterError("No phone number " + r.phone_number_id + ".");
    if (p->waba_id != r.waba_id)
      return InvalidParameterError("Phone number " + r.phone_number_id + " belongs to WABA " + p->waba_id +
                                   ".");
    return {};
  }
  if (r.display_phone_number.empty() ||
      !std::all_of(r.display_phone_number.begin(), r.display_phone_number.end(), ::isdigit))
    return InvalidParameterError("phone_number must be the number's digits, e.g. \"15550783881\".");
  for (const auto& [id, p] : a.phone_numbers)
    if (p.display_phone_number == r.display_phone_number && !p.deleted)
      return InvalidParameterError("Phone number " + r.display_phone_number + " already exists as " + id +
                                   "; pass phone_number_id to onboard it again.");
  return {};
}

void ApplyAfterConnect(Waba& w, const std::string& after) {
  // Meta places some WABAs under review, or disables them, after they connect.
  if (after == "under_review") w.account_review_status = "PENDING";
  // Disabled as Meta's DISABLED_UPDATE ban does it (accounts/account_events.h):
  // sends then fail with 131031 (the code is our assumption there too).
  if (after == "disabled") w.ban_state = "DISABLE";
}

}  // namespace

const std::vector<std::string>& FailureNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& f : Failures()) n.push_back(f.name);
    return n;
  }();
  return names;
}

Result<Outcome> Onboard(Ctx& ctx, const Request& r) {
  const Failure* failure = nullptr;
  if (r.outcome != "success") {
    failure = FindFailure(r.outcome);
    if (!failure) return InvalidParameterError("Unknown outcome \"" + r.outcome + "\".");
  }
  std::string app_id = r.app_id.empty() ? OnlyAppId(ctx) : r.app_id;
  if (!ctx.state.accounts.apps.count(app_id))
    return InvalidParameterError("app_id is required (the partner app that launched Embedded Signup).");
  // A pairing error sticks to the number until the business app is reinstalled.
  if (!failure && !r.phone_number_id.empty()) {
    const auto* st = ctx.state.coexistence.Find(r.phone_number_id);
    if (st && st->pairing_error) failure = FindFailure("pairing_error");
  }
  if (failure && *failure->error_message) {
    if (std::string(failure->name) == "pairing_error" && !r.phone_number_id.empty() &&
        ctx.state.accounts.FindPhone(r.phone_number_id))
      ctx.state.coexistence.Of(r.phone_number_id).pairing_error = true;
    return Cancelled(ctx, *failure);  // nothing is created: the flow stopped
  }
  if (auto s = CheckTargets(ctx, r); !s) return s.error();
  auto business = BusinessFor(ctx, r);
  if (!business) return business.error();
  auto waba = WabaFor(ctx, r, **business);
  if (!waba) return waba.error();
  auto phone = PhoneFor(ctx, r, **waba);
  if (!phone) return phone.error();
  ConnectNumber(ctx, **phone, r.mode);
  ctx.state.onboarding.unannounced_shares[(*waba)->id] = app_id;
  Outcome o;
  o.business_id = (*business)->id;
  o.waba_id = (*waba)->id;
  o.phone_number_id = (*phone)->id;
  o.code = IssueCode(ctx, app_id, **business, **waba);
  o.code_expires_at = ctx.now() + ctx.state.onboarding.code_ttl;
  Json data = Json::object();
  // Meta: FINISH carries the three ids; the Coexistence finish event only waba_id.
  if (r.mode == NumberMode::kCoexistence) {
    data["waba_id"] = o.waba_id;
    o.session_event = SessionEvent("FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", data);
  } else {
    data["phone_number_id"] = o.phone_number_id;
    data["waba_id"] = o.waba_id;
    data["business_id"] = o.business_id;
    o.session_event = SessionEvent("FINISH", data);
  }
  if (failure) {
    o.after_connect = failure->after_connect;
    ApplyAfterConnect(**waba, o.after_connect);
  }
  return o;
}

Result<IssuedToken> ExchangeCode(Ctx& ctx, const std::string& client_id, const std::string& client_secret,
                                 const std::string& code) {
  auto app = ctx.state.accounts.apps.find(client_id);
  if (app == ctx.state.accounts.apps.end())
    return OAuthError(ErrorCode::kInvalidApplicationId,
                      "Error validating application. Invalid application ID.");
  if (app->second.secret != client_secret)
    return OAuthError(ErrorCode::kApiUnknown, "Error validating client secret.");
  auto it = ctx.state.onboarding.codes.find(code);
  if (it == ctx.state.onboarding.codes.end() || it->second.app_id != client_id)
    return OAuthError(ErrorCode::kInvalidParameter, "Invalid verification code format.");
  SignupCode& c = it->second;
  if (c.used)
    return OAuthError(ErrorCode::kInvalidParameter, "This authorization code has been used.", 36009);
  // Meta: the code expires 30 seconds after it is issued.
  if (ctx.now() >= c.issued_at + ctx.state.onboarding.code_ttl)
    return OAuthError(ErrorCode::kInvalidParameter, "This authorization code has expired.", 36007);
  c.used = true;
  AccessToken t;
  do t.token = "EAA" + ctx.ids.Hex(60);
  while (ctx.state.accounts.tokens.count(t.token));
  t.app_id = client_id;
  // Meta: ES yields a business integration system user token; it does not expire.
  t.type = "SYSTEM_USER";
  t.waba_ids = {c.waba_id};
  ctx.state.accounts.tokens[t.token] = t;
  return IssuedToken{t.token, "bearer"};
}

Result<Json> DescribeToken(const Ctx& ctx, const std::string& caller_token, const std::string& input_token) {
  if (caller_token.empty()) return NoAccessTokenError();
  if (input_token.empty()) return InvalidParameterError("The parameter input_token is required.");
  Json d = Json::object();
  auto it = ctx.state.accounts.tokens.find(input_token);
  if (it == ctx.state.accounts.tokens.end()) {
    // Graph describes an unknown token as invalid rather than failing the call.
    d["is_valid"] = false;
    d["error"] = {{"code", 190}, {"message", "Invalid OAuth access token - Cannot parse access token"}};
    return d;
  }
  const AccessToken& t = it->second;
  auto app = ctx.state.accounts.apps.find(t.app_id);
  d["app_id"] = t.app_id;
  d["type"] = t.type;
  d["application"] = app == ctx.state.accounts.apps.end() ? "" : app->second.name;
  d["data_access_expires_at"] = 0;
  d["expires_at"] = t.expires_at ? UnixSeconds(*t.expires_at) : 0;  // Graph: 0 = never
  d["is_valid"] = !t.expires_at || ctx.now() < *t.expires_at;
  static const std::vector<std::string> kScopes = {"whatsapp_business_management",
                                                   "whatsapp_business_messaging"};
  d["scopes"] = kScopes;
  Json granular = Json::array();
  for (const auto& scope : kScopes) granular.push_back({{"scope", scope}, {"target_ids", t.waba_ids}});
  d["granular_scopes"] = granular;
  return d;
}

void OnAppSubscribed(Ctx& ctx, const std::string& waba_id, const std::string& app_id) {
  auto it = ctx.state.onboarding.unannounced_shares.find(waba_id);
  if (it == ctx.state.onboarding.unannounced_shares.end() || it->second != app_id) return;
  ctx.state.onboarding.unannounced_shares.erase(it);
  PartnerChanged f;
  f.waba_id = waba_id;
  if (const Business* b = ctx.state.accounts.BusinessOfWaba(waba_id)) f.owner_business_id = b->id;
  f.event = "PARTNER_ADDED";
  ctx.Record(std::move(f));
}

}  // namespace wasim::onboarding
