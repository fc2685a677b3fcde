#include "simulator/domain/accounts/patch.h"

#include <functional>
#include <map>
#include <set>

#include "simulator/domain/rules/limit_upgrade.h"
#include "simulator/domain/rules/messaging_limit.h"

namespace wasim::accounts {
namespace {

// One patchable field: validates `v` and writes it into the copy, or sets `error`.
template <class T>
using Setter = std::function<bool(T& obj, const Json& v, const SimState& s, std::string* error)>;

template <class T>
bool ApplyPatch(T& obj, const Json& body, const std::map<std::string, Setter<T>>& setters, const SimState& s,
                std::string* error) {
  if (!body.is_object()) return *error = "body must be a JSON object of fields to change", false;
  T copy = obj;
  for (const auto& [key, v] : body.items()) {
    auto it = setters.find(key);
    if (it == setters.end()) {
      std::string known;
      for (const auto& [k, _] : setters) known += (known.empty() ? "" : ", ") + k;
      return *error = "unknown field \"" + key + "\" (patchable: " + known + ")", false;
    }
    if (!it->second(copy, v, s, error)) return false;
  }
  obj = std::move(copy);
  return true;
}

template <class T>
Setter<T> Bool(bool T::*field) {
  return [field](T& o, const Json& v, const SimState&, std::string* error) {
    if (!v.is_boolean()) return *error = "value must be true or false", false;
    o.*field = v.get<bool>();
    return true;
  };
}

template <class T>
Setter<T> NonEmptyString(std::string T::*field) {
  return [field](T& o, const Json& v, const SimState&, std::string* error) {
    if (!v.is_string() || v.get<std::string>().empty())
      return *error = "value must be a non-empty string", false;
    o.*field = v.get<std::string>();
    return true;
  };
}

// One of Meta's names of the enum E (phone_enums.h); the error lists them.
template <class T, class E>
Setter<T> MetaEnum(E T::*field) {
  return [field](T& o, const Json& v, const SimState&, std::string* error) {
    std::optional<E> parsed = v.is_string() ? ParseMetaName<E>(v.get<std::string>()) : std::nullopt;
    if (!parsed) {
      std::set<std::string> sorted;
      for (const auto& name : MetaNames<E>()) sorted.insert(name);
      std::string list;
      for (const auto& a : sorted) list += (list.empty() ? "" : ", ") + a;
      return *error = "value must be one of: " + list, false;
    }
    o.*field = *parsed;
    return true;
  };
}

bool AllDigits(const std::string& s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// An array of digit strings of the given length range, at most `max_items` long.
bool DigitList(const Json& v, size_t min_len, size_t max_len, size_t max_items, std::vector<std::string>* out,
               std::string* error) {
  if (!v.is_array()) return *error = "value must be an array of digit strings", false;
  if (v.size() > max_items)
    return *error = "at most " + std::to_string(max_items) + " entries allowed", false;
  std::vector<std::string> list;
  for (const auto& item : v) {
    if (!item.is_string() || !AllDigits(item.get<std::string>(), min_len, max_len))
      return *error = "entries must be strings of " + std::to_string(min_len) + "-" +
                      std::to_string(max_len) + " digits",
             false;
    list.push_back(item.get<std::string>());
  }
  *out = std::move(list);
  return true;
}

// ---- businesses

const std::map<std::string, Setter<Business>>& BusinessSetters() {
  static const std::map<std::string, Setter<Business>> m = {
      {"name", NonEmptyString(&Business::name)},
      {"verified", Bool(&Business::verified)},
      {"payment_method_ok", Bool(&Business::payment_method_ok)},
      {"messaging_limit",
       [](Business& b, const Json& v, const SimState&, std::string* error) {
         long limit = 0;
         if (v.is_string() && v.get<std::string>() == "unlimited")
           limit = rules::kUnlimited;
         else if (v.is_number_integer())
           limit = v.get<long>();
         else
           limit = 0;
         if (!rules::IsMessagingLimitLevel(limit))
           return *error =
                      "messaging_limit must be one of Meta's levels: 250, 2000, 10000, 100000, -1 or "
                      "\"unlimited\"",
                  false;
         b.messaging_limit = limit;
         return true;
       }},
  };
  return m;
}

// ---- WABAs

const std::map<std::string, Setter<Waba>>& WabaSetters() {
  static const std::map<std::string, Setter<Waba>> m = {
      {"name", NonEmptyString(&Waba::name)},
      {"locked", Bool(&Waba::locked)},
      {"policy_blocked", Bool(&Waba::policy_blocked)},
      {"restricted_calling_codes",
       [](Waba& w, const Json& v, const SimState&, std::string* error) {
         return DigitList(v, 1, 3, 300, &w.restricted_calling_codes, error);
       }},
  };
  return m;
}

// ---- phone numbers

const std::map<std::string, Setter<PhoneNumber>>& PhoneSetters() {
  static const std::map<std::string, Setter<PhoneNumber>> m = {
      // Assumption: "HIGH" marks a number upgraded to 1,000 messages/s.
      {"throughput_level", MetaEnum(&PhoneNumber::throughput_level)},
      {"is_test_number", Bool(&PhoneNumber::is_test_number)},
      {"quality_rating", MetaEnum(&PhoneNumber::quality_rating)},
      {"name_status", MetaEnum(&PhoneNumber::name_status)},
      {"verified_name", NonEmptyString(&PhoneNumber::verified_name)},
      {"registered", Bool(&PhoneNumber::registered)},
      {"deleted", Bool(&PhoneNumber::deleted)},
      {"allowed_recipients",
       [](PhoneNumber& p, const Json& v, const SimState& s, std::string* error) {
         // Meta: a test number's allow list holds at most 5 numbers.
         return DigitList(v, 7, 15, static_cast<size_t>(s.config.rules.allow_list_max), &p.allowed_recipients,
                          error);
       }},
      // Registration: verification-code methods that never reach the number.
      {"undelivered_code_methods",
       [](PhoneNumber& p, const Json& v, const SimState&, std::string* error) {
         std::vector<std::string> methods;
         for (const auto& m : v.is_array() ? v : Json::array({nullptr})) {
           if (m != "SMS" && m != "VOICE")
             return *error = "undelivered_code_methods must be an array of \"SMS\" and \"VOICE\"", false;
           methods.push_back(m.get<std::string>());
         }
         p.undelivered_code_methods = std::move(methods);
         return true;
       }},
      {"mode",
       [](PhoneNumber& p, const Json& v, const SimState&, std::string* error) {
         if (v == "cloud")
           p.mode = NumberMode::kCloud;
         else if (v == "coexistence")
           p.mode = NumberMode::kCoexistence;
         else
           return *error = "mode must be \"cloud\" or \"coexistence\"", false;
         return true;
       }},
  };
  return m;
}

// Meta's phone_number_name_update `decision` for a display-name status, or
// "" when the status is not a review outcome (no webhook). Assumption: Meta
// sends the webhook for review outcomes (APPROVED, REJECTED) and pending reviews.
std::string NameDecision(NameStatus name_status) {
  switch (name_status) {
    case NameStatus::kApproved:
      return "APPROVED";
    case NameStatus::kDeclined:
      return "REJECTED";
    case NameStatus::kPendingReview:
      return "PENDING";
    default:
      return "";
  }
}

PatchResult Invalid(std::string error) { return {PatchOutcome::kInvalid, std::move(error)}; }
PatchResult NotFound(std::string error) { return {PatchOutcome::kNotFound, std::move(error)}; }

}  // namespace

PatchResult PatchBusiness(Ctx& ctx, const std::string& id, const Json& body) {
  auto it = ctx.state.accounts.businesses.find(id);
  if (it == ctx.state.accounts.businesses.end()) return NotFound("no business with id " + id);
  Business& b = it->second;
  Business before = b;
  std::string error;
  if (!ApplyPatch(b, body, BusinessSetters(), ctx.state, &error)) return Invalid(error);
  // Meta: verifying the business is a scaling path: 250 -> 2,000.
  if (!before.verified && b.verified && !body.contains("messaging_limit") && b.messaging_limit == 250)
    b.messaging_limit = 2000;
  if (b.messaging_limit != before.messaging_limit)
    rules::RecordLimitChange(ctx, b.id, before.messaging_limit, b.messaging_limit);
  return {};
}

PatchResult PatchWaba(Ctx& ctx, const std::string& id, const Json& body) {
  Waba* w = ctx.state.accounts.FindWaba(id);
  if (!w) return NotFound("no WABA with id " + id);
  std::string error;
  if (!ApplyPatch(*w, body, WabaSetters(), ctx.state, &error)) return Invalid(error);
  return {};
}

PatchResult PatchPhone(Ctx& ctx, const std::string& id, const Json& body) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  if (!p) return NotFound("no phone number with id " + id);
  PhoneNumber before = *p;
  std::string error;
  if (!ApplyPatch(*p, body, PhoneSetters(), ctx.state, &error)) return Invalid(error);
  // Meta: after a throughput upgrade, phone_number_quality_update THROUGHPUT_UPGRADE.
  if (before.throughput_level != ThroughputLevel::kHigh && p->throughput_level == ThroughputLevel::kHigh)
    ctx.Record(ThroughputUpgraded{p->waba_id, p->id, p->display_phone_number});
  // Meta: a display-name review outcome sends phone_number_name_update.
  if (p->name_status != before.name_status) {
    if (std::string decision = NameDecision(p->name_status); !decision.empty())
      ctx.Record(
          PhoneNameDecided{p->waba_id, p->id, p->display_phone_number, decision, p->verified_name, ""});
  }
  return {};
}

}  // namespace wasim::accounts
