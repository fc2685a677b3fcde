#include "simulator/domain/accounts/account_alerts.h"

#include <set>

namespace wasim::accounts {
namespace {

Status BadAlert(const std::string& what) { return InvalidParameterError(what); }

struct AlertDefaults {
  const char* type;
  const char* entity_type;  // BUSINESS | PHONE_NUMBER | CURRENT_STATUS_ID
  const char* severity;     // CRITICAL | WARNING | INFORMATIONAL
  const char* description;  // Meta's text; {NAME}: the portfolio's name
};

// Meta's types and descriptions (account_alerts reference); which description
// goes with which type and the severities are our reading of the type texts.
const std::vector<AlertDefaults>& Defaults() {
  static const std::vector<AlertDefaults> d = {
      {"INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED", "BUSINESS", "WARNING",
       "Limits cannot be increased for your business {NAME}. Use WhatsApp Business platform actively for "
       "several days and follow our messaging policies."},
      {"INCREASED_CAPABILITIES_ELIGIBILITY_FAILED", "BUSINESS", "CRITICAL",
       "Based on your activity, limits cannot be increased for your business. Contact support for more "
       "information."},
      {"INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO", "BUSINESS", "WARNING",
       "Additional verification is required for your business {NAME}. Go to Security Center in Meta for "
       "Business to complete identity verification. To continue without completing additional verification, "
       "your business can use WhatsApp Business platform actively for several days and follow our messaging "
       "policies."},
      {"OBA_APPROVED", "PHONE_NUMBER", "INFORMATIONAL",
       "This phone number now has a green badge next to its name showing that it's an authentic and notable "
       "business account. Add more details to your business profile to increase customer trust."},
      {"OBA_REJECTED", "PHONE_NUMBER", "CRITICAL",
       "We do not grant official business accounts to individuals. Your display name must be directly "
       "associated with your business. Edit the display name and submit a new request."},
      {"PROFILE_PICTURE_LOST", "CURRENT_STATUS_ID", "WARNING", "Please reupload your profile picture"},
  };
  return d;
}

std::string WithName(std::string text, const std::string& name) {
  size_t at = text.find("{NAME}");
  if (at != std::string::npos) text.replace(at, 6, name);
  return text;
}

// The optional string `key`, one of `allowed` when given.
Status ReadChoice(const Json& b, const char* key, const std::set<std::string>& allowed, std::string* out) {
  if (!b.contains(key)) return {};
  if (!b[key].is_string() || !allowed.count(b[key].get<std::string>())) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return BadAlert(std::string("\"") + key + "\" must be one of: " + list);
  }
  *out = b[key].get<std::string>();
  return {};
}

// The entity: the portfolio (BUSINESS), or a number of this WABA.
Status ReadEntity(const Ctx& ctx, const Waba& w, const Json& b, AccountAlertRaised& f) {
  bool business = f.entity_type == "BUSINESS";
  if (!b.contains("entity_id")) {
    if (business) {
      f.entity_id = w.business_id.empty() ? w.id : w.business_id;
      return {};
    }
    for (const auto& [id, p] : ctx.state.accounts.phone_numbers)
      if (p.waba_id == w.id && !p.deleted) {
        f.entity_id = id;
        return {};
      }
    return BadAlert("WABA " + w.id + " has no phone number for a " + f.alert_type + " alert");
  }
  if (!b["entity_id"].is_string()) return BadAlert("\"entity_id\" must be a string");
  f.entity_id = b["entity_id"].get<std::string>();
  if (business) {
    if (f.entity_id != w.business_id)
      return BadAlert("\"entity_id\" must be WABA " + w.id + "'s business portfolio");
    return {};
  }
  const PhoneNumber* p = ctx.state.accounts.FindPhone(f.entity_id);
  if (!p || p->waba_id != w.id) return BadAlert("\"entity_id\" must be a phone number of WABA " + w.id);
  return {};
}

}  // namespace

const std::vector<std::string>& AccountAlertTypes() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> v;
    for (const auto& d : Defaults()) v.push_back(d.type);
    return v;
  }();
  return types;
}

Status RaiseAccountAlert(Ctx& ctx, const std::string& waba_id, const Json& b) {
  const Waba* w = ctx.state.accounts.FindWaba(waba_id);
  if (!w) return BadAlert("No WABA with id " + waba_id + ".");
  if (!b.is_object()) return BadAlert("body must be a JSON object such as {\"alert_type\":\"OBA_APPROVED\"}");
  static const std::set<std::string> keys = {"alert_description", "alert_severity", "alert_status",
                                             "alert_type", "entity_id"};
  for (const auto& [k, _] : b.items())
    if (!keys.count(k))
      return BadAlert("unknown field \"" + k +
                      "\" (fields: alert_type, entity_id, alert_severity, alert_status, alert_description)");
  const AlertDefaults* d = nullptr;
  if (b.contains("alert_type") && b["alert_type"].is_string())
    for (const auto& one : Defaults())
      if (b["alert_type"].get<std::string>() == one.type) d = &one;
  if (!d) {
    std::string list;
    for (const auto& t : AccountAlertTypes()) list += (list.empty() ? "" : ", ") + t;
    return BadAlert("\"alert_type\" must be one of: " + list);
  }
  const Business* business = ctx.state.accounts.BusinessOfWaba(waba_id);
  AccountAlertRaised f;
  f.waba_id = waba_id;
  f.alert_type = d->type;
  f.entity_type = d->entity_type;
  f.alert_severity = d->severity;
  f.alert_status = "ACTIVE";
  f.alert_description = WithName(d->description, business ? business->name : "");
  if (auto s = ReadChoice(b, "alert_severity", {"CRITICAL", "INFORMATIONAL", "WARNING"}, &f.alert_severity);
      !s)
    return s;
  if (auto s = ReadChoice(b, "alert_status", {"ACTIVE", "NONE"}, &f.alert_status); !s) return s;
  if (b.contains("alert_description")) {
    if (!b["alert_description"].is_string() || b["alert_description"].get<std::string>().empty() ||
        b["alert_description"].get<std::string>().size() > 2000)
      return BadAlert("\"alert_description\" must be a non-empty string (at most 2000 characters)");
    f.alert_description = b["alert_description"].get<std::string>();
  }
  if (auto s = ReadEntity(ctx, *w, b, f); !s) return s;
  // Meta: "the business phone number's business profile photo has been deleted".
  if (f.alert_type == "PROFILE_PICTURE_LOST")
    ctx.state.accounts.FindPhone(f.entity_id)->business_profile.profile_picture_url.clear();
  ctx.Record(std::move(f));
  return {};
}

}  // namespace wasim::accounts
