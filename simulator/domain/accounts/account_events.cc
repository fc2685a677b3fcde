#include "simulator/domain/accounts/account_events.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace wasim::accounts {
namespace {

constexpr size_t kMaxRestrictions = 16;

// An event's body reader: fills the fact (and the effect to apply once the
// whole body is valid) or returns what is wrong.
using EffectFn = std::function<void(Ctx&, Waba&)>;
using EventReader = std::function<Status(const Ctx&, const Waba&, const Json&, AccountUpdated&, EffectFn&)>;

bool IsMetaToken(const std::string& s) {  // ADULT, RESTRICTED_BIZ_INITIATED_MESSAGING, ...
  return !s.empty() && s.size() <= 100 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
  });
}

Status Bad(const std::string& what) { return InvalidParameterError(what); }

Status CheckKeys(const Json& body, const std::set<std::string>& allowed, const std::string& event) {
  for (const auto& [k, _] : body.items())
    if (k != "event" && !allowed.count(k)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return Bad("unknown field \"" + k + "\" for " + event + " (fields: " + (list.empty() ? "none" : list) +
                 ")");
    }
  return {};
}

Status ReadToken(const Json& body, const char* key, bool required, std::string* out) {
  if (!body.contains(key)) return required ? Bad(std::string("\"") + key + "\" is required") : Status{};
  if (!body[key].is_string() || !IsMetaToken(body[key].get<std::string>()))
    return Bad(std::string("\"") + key + "\" must be an upper-case Meta value such as ADULT");
  *out = body[key].get<std::string>();
  return {};
}

Status Violation(const Ctx&, const Waba&, const Json& b, AccountUpdated& f, EffectFn&) {
  if (auto s = CheckKeys(b, {"violation_type"}, f.event); !s) return s;
  // Meta: violation_type values are listed on its policy-enforcement-violations page.
  return ReadToken(b, "violation_type", true, &f.violation_type);
}

Status Disabled(const Ctx& ctx, const Waba&, const Json& b, AccountUpdated& f, EffectFn& effect) {
  if (auto s = CheckKeys(b, {"ban_date", "ban_state"}, f.event); !s) return s;
  static const std::set<std::string> states = {"DISABLE", "REINSTATE", "SCHEDULE_FOR_DISABLE"};
  if (!b.contains("ban_state") || !b["ban_state"].is_string() ||
      !states.count(b["ban_state"].get<std::string>()))
    return Bad("\"ban_state\" must be one of: DISABLE, REINSTATE, SCHEDULE_FOR_DISABLE");
  f.ban_state = b["ban_state"].get<std::string>();
  if (b.contains("ban_date")) {
    if (!b["ban_date"].is_string() || b["ban_date"].get<std::string>().empty() ||
        b["ban_date"].get<std::string>().size() > 64)
      return Bad("\"ban_date\" must be a date string such as \"April 17, 2025\"");
    f.ban_date = b["ban_date"].get<std::string>();
  } else {
    f.ban_date = BanDate(ctx.now());
  }
  effect = [state = f.ban_state](Ctx&, Waba& w) { w.ban_state = state; };
  return {};
}

// One restriction_info entry: {"restriction_type", "after":"3d" | "expiration":unix seconds}.
Status ReadRestriction(const Ctx& ctx, const Json& r, AccountUpdated::Restriction* out) {
  if (!r.is_object()) return Bad("restriction_info entries must be objects");
  for (const auto& [k, _] : r.items())
    if (k != "restriction_type" && k != "after" && k != "expiration")
      return Bad("unknown field \"" + k +
                 "\" in restriction_info (fields: restriction_type, after, expiration)");
  if (auto s = ReadToken(r, "restriction_type", true, &out->type); !s) return s;
  if (r.contains("after") && r.contains("expiration"))
    return Bad("give \"after\" or \"expiration\", not both");
  if (r.contains("after")) {
    auto d = r["after"].is_string() ? ParseDuration(r["after"].get<std::string>()) : std::nullopt;
    if (!d || *d <= 0 || *d > 3650 * kDay) return Bad("\"after\" must be a duration such as \"3d\"");
    out->expiration = ctx.now() + *d;
  }
  if (r.contains("expiration")) {
    if (!r["expiration"].is_number_integer() || r["expiration"].get<long long>() <= UnixSeconds(ctx.now()) ||
        r["expiration"].get<long long>() > 99999999999LL)
      return Bad("\"expiration\" must be a future Unix time in seconds");
    out->expiration = r["expiration"].get<long long>() * kSecond;
  }
  return {};
}

// Meta's messaging restriction types (older account_update reference) and
// what they block. Assumption: business-initiated = templates, customer-
// initiated = every message; other types (calling, adding numbers) block no send.
void ApplyRestriction(Waba& w, const AccountUpdated::Restriction& r) {
  const TimeMs until = r.expiration.value_or(std::numeric_limits<TimeMs>::max());
  if (r.type == "RESTRICTED_BIZ_INITIATED_MESSAGING") w.templates_blocked_until = until;
  if (r.type == "RESTRICTED_CUSTOMER_INITIATED_MESSAGING") w.messages_blocked_until = until;
}

Status Restriction(const Ctx& ctx, const Waba& w, const Json& b, AccountUpdated& f, EffectFn& effect) {
  if (auto s = CheckKeys(b, {"phone_number_id", "restriction_info", "violation_type"}, f.event); !s) return s;
  if (!b.contains("restriction_info") || !b["restriction_info"].is_array() || b["restriction_info"].empty() ||
      b["restriction_info"].size() > kMaxRestrictions)
    return Bad(
        "\"restriction_info\" must be a list of 1-16 {\"restriction_type\", \"after\"|\"expiration\"}");
  for (const Json& r : b["restriction_info"]) {
    AccountUpdated::Restriction one;
    if (auto s = ReadRestriction(ctx, r, &one); !s) return s;
    f.restrictions.push_back(std::move(one));
  }
  if (auto s = ReadToken(b, "violation_type", false, &f.violation_type); !s) return s;
  if (b.contains("phone_number_id")) {
    const PhoneNumber* p = b["phone_number_id"].is_string()
                               ? ctx.state.accounts.FindPhone(b["phone_number_id"].get<std::string>())
                               : nullptr;
    if (!p || p->waba_id != w.id) return Bad("\"phone_number_id\" must name a number of WABA " + w.id);
    f.phone_number = p->display_phone_number;
  }
  effect = [list = f.restrictions](Ctx&, Waba& waba) {
    for (const auto& r : list) ApplyRestriction(waba, r);
  };
  return {};
}

Status NoFields(const Ctx&, const Waba&, const Json& b, AccountUpdated& f, EffectFn&) {
  return CheckKeys(b, {}, f.event);
}

Status Country(const Ctx&, const Waba&, const Json& b, AccountUpdated& f, EffectFn& effect) {
  if (auto s = CheckKeys(b, {"country"}, f.event); !s) return s;
  const Json& c = b.contains("country") ? b["country"] : Json();
  if (!c.is_string() || c.get<std::string>().size() != 2 || !IsMetaToken(c.get<std::string>()))
    return Bad("\"country\" must be an ISO 3166-1 alpha-2 code such as \"IN\"");
  f.country = c.get<std::string>();
  // Meta: the event tells that the primary business location was set.
  effect = [country = f.country](Ctx&, Waba& waba) { waba.primary_business_location = country; };
  return {};
}

Status TermsSigned(const Ctx&, const Waba& w, const Json& b, AccountUpdated& f, EffectFn&) {
  if (auto s = CheckKeys(b, {}, f.event); !s) return s;
  f.owner_business_id = w.business_id;
  return {};
}

// A Unix time in seconds (Meta's webhook times), as a virtual instant.
Status ReadUnixTime(const Json& b, const char* key, TimeMs* out) {
  if (!b.contains(key) || !b[key].is_number_integer() || b[key].get<long long>() < 0 ||
      b[key].get<long long>() > 99999999999LL)
    return Bad(std::string("\"") + key + "\" must be a Unix time in seconds");
  *out = b[key].get<long long>() * kSecond;
  return {};
}

Status AuthIntlEligibility(const Ctx&, const Waba&, const Json& b, AccountUpdated& f, EffectFn&) {
  if (auto s = CheckKeys(b, {"exception_countries", "start_time"}, f.event); !s) return s;
  TimeMs start = 0;
  if (auto s = ReadUnixTime(b, "start_time", &start); !s) return s;
  f.auth_intl_start_time = start;
  if (!b.contains("exception_countries")) return {};
  const Json& list = b["exception_countries"];
  if (!list.is_array() || list.size() > 250)
    return Bad("\"exception_countries\" must be a list of {country_code, start_time}");
  for (const Json& c : list) {
    if (!c.is_object() || !c.contains("country_code") || !c["country_code"].is_string() ||
        c["country_code"].get<std::string>().size() != 2 ||
        !IsMetaToken(c["country_code"].get<std::string>()) || c.size() != 2)
      return Bad("exception_countries entries are {\"country_code\":\"ID\",\"start_time\":<Unix seconds>}");
    AccountUpdated::ExceptionCountry one{c["country_code"].get<std::string>(), 0};
    if (auto s = ReadUnixTime(c, "start_time", &one.start_time); !s) return s;
    f.exception_countries.push_back(std::move(one));
  }
  return {};
}

// Meta: partner-led business verification outcome of the client's portfolio.
Status Certification(const Ctx&, const Waba& w, const Json& b, AccountUpdated& f, EffectFn&) {
  if (auto s = CheckKeys(b, {"rejection_reasons", "status"}, f.event); !s) return s;
  static const std::set<std::string> statuses = {"APPROVED", "DISCARDED", "FAILED", "PENDING", "REVOKED"};
  static const std::set<std::string> reasons = {
      "ADDRESS NOT MATCHING",    "BUSINESS NOT ELIGIBLE",
      "LEGAL NAME NOT MATCHING", "LEGAL NAME NOT FOUND IN DOCUMENTS",
      "MALFORMED DOCUMENTS",     "NONE",
      "WEBSITE NOT MATCHING"};
  if (!b.contains("status") || !b["status"].is_string() || !statuses.count(b["status"].get<std::string>()))
    return Bad("\"status\" must be one of: APPROVED, DISCARDED, FAILED, PENDING, REVOKED");
  f.certification_status = b["status"].get<std::string>();
  f.client_business_id = w.business_id;
  f.rejection_reasons = {"NONE"};  // Meta: NONE when the submission was not rejected
  if (b.contains("rejection_reasons")) {
    const Json& list = b["rejection_reasons"];
    if (!list.is_array() || list.empty() || list.size() > reasons.size())
      return Bad("\"rejection_reasons\" must be a list of Meta's reasons such as \"MALFORMED DOCUMENTS\"");
    f.rejection_reasons.clear();
    for (const Json& r : list) {
      if (!r.is_string() || !reasons.count(r.get<std::string>()))
        return Bad(
            "rejection reasons are Meta's: ADDRESS NOT MATCHING, BUSINESS NOT ELIGIBLE, LEGAL NAME NOT "
            "MATCHING, LEGAL NAME NOT FOUND IN DOCUMENTS, MALFORMED DOCUMENTS, NONE, WEBSITE NOT MATCHING");
      f.rejection_reasons.push_back(r.get<std::string>());
    }
  }
  return {};
}

// Meta (pricing.mdx, "Tiering webhooks"): a WABA reached a new volume tier for
// a category in a region, effective for a month. Assumption: the month
// defaults to the current virtual month.
Status VolumeTier(const Ctx& ctx, const Waba&, const Json& b, AccountUpdated& f, EffectFn&) {
  if (auto s = CheckKeys(b, {"effective_month", "pricing_category", "region", "tier"}, f.event); !s) return s;
  static const std::set<std::string> categories = {"AUTHENTICATION", "AUTHENTICATION_INTERNATIONAL",
                                                   "MARKETING", "UTILITY"};
  auto text = [&](const char* key) {
    return b.contains(key) && b[key].is_string() ? b[key].get<std::string>() : std::string();
  };
  AccountUpdated::VolumeTier t{text("pricing_category"), text("tier"), text("effective_month"),
                               text("region")};
  if (!categories.count(t.pricing_category))
    return Bad(
        "\"pricing_category\" must be one of: AUTHENTICATION, AUTHENTICATION_INTERNATIONAL, MARKETING, "
        "UTILITY");
  size_t colon = t.tier.find(':');
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 12 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (colon == std::string::npos || !digits(t.tier.substr(0, colon)) || !digits(t.tier.substr(colon + 1)) ||
      std::stoll(t.tier.substr(0, colon)) > std::stoll(t.tier.substr(colon + 1)))
    return Bad("\"tier\" must be \"<lower>:<upper>\" message counts such as \"25000001:50000000\"");
  if (t.region.empty() || t.region.size() > 64)
    return Bad("\"region\" must be a region name such as \"India\"");
  if (!b.contains("effective_month")) {
    t.effective_month = FormatIso8601(ctx.now()).substr(0, 7);
  } else if (t.effective_month.size() != 7 || t.effective_month[4] != '-' ||
             !ParseIso8601(t.effective_month + "-01T00:00:00Z")) {
    return Bad("\"effective_month\" must be a month such as \"2025-11\"");
  }
  f.volume_tier = std::move(t);
  return {};
}

const std::map<std::string, EventReader>& Readers() {
  static const std::map<std::string, EventReader> m = {
      {"ACCOUNT_VIOLATION", Violation},
      {"DISABLED_UPDATE", Disabled},
      {"ACCOUNT_RESTRICTION", Restriction},
      // Assumption: a deleted WABA stays in the world (its numbers and
      // templates keep answering); only the webhook is simulated.
      {"ACCOUNT_DELETED", NoFields},
      {"BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE", Country},
      {"MM_LITE_TERMS_SIGNED", TermsSigned},
      {"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE", AuthIntlEligibility},
      {"PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE", Certification},
      {"VOLUME_BASED_PRICING_TIER_UPDATE", VolumeTier},
  };
  return m;
}

}  // namespace

const std::vector<std::string>& AccountEventNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& [name, _] : Readers()) v.push_back(name);
    return v;
  }();
  return names;
}

Status RaiseAccountEvent(Ctx& ctx, const std::string& waba_id, const Json& body) {
  Waba* found = ctx.state.accounts.FindWaba(waba_id);
  if (!found) return Bad("No WABA with id " + waba_id + ".");
  Waba& waba = *found;
  if (!body.is_object()) return Bad("body must be a JSON object such as {\"event\":\"ACCOUNT_VIOLATION\",…}");
  const std::string event =
      body.contains("event") && body["event"].is_string() ? body["event"].get<std::string>() : "";
  auto it = Readers().find(event);
  if (it == Readers().end()) {
    std::string list;
    for (const auto& n : AccountEventNames()) list += (list.empty() ? "" : ", ") + n;
    return Bad("\"event\" must be one of: " + list);
  }
  AccountUpdated f;
  f.waba_id = waba.id;
  f.event = event;
  EffectFn effect;
  if (auto s = it->second(ctx, waba, body, f, effect); !s) return s;
  if (effect) effect(ctx, waba);
  ctx.Record(std::move(f));
  return {};
}

bool WabaCannotSend(const Waba& waba) {
  return waba.ban_state == "DISABLE" || waba.account_review_status != "APPROVED";
}

std::optional<GraphError> RestrictionBlock(const Ctx& ctx, const Waba& waba, bool is_template) {
  const TimeMs now = ctx.now();
  bool blocked = (waba.messages_blocked_until && now < *waba.messages_blocked_until) ||
                 (is_template && waba.templates_blocked_until && now < *waba.templates_blocked_until);
  if (!blocked) return std::nullopt;
  return MakeError(ErrorCode::kPolicyBlocked);
}

std::string BanDate(TimeMs at) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  const std::string iso = FormatIso8601(at);  // 2026-01-01T...
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  return std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " + iso.substr(0, 4);
}

}  // namespace wasim::accounts
