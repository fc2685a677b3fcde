#include "simulator/domain/accounts/patch.h"

#include <functional>
#include <map>
#include <set>

#include "simulator/domain/accounts/name_review.h"
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
      // Meta (account_review_update): APPROVED, REJECTED, PENDING, DEFERRED.
      {"account_review_status",
       [](Waba& w, const Json& v, const SimState&, std::string* error) {
         static const std::set<std::string> decisions = {"APPROVED", "DEFERRED", "PENDING", "REJECTED"};
         if (!v.is_string() || !decisions.count(v.get<std::string>()))
           return *error = "account_review_status must be one of: APPROVED, DEFERRED, PENDING, REJECTED",
                  false;
         w.account_review_status = v.get<std::string>();
         return true;
       }},
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

std::string NameStatusChoices() {
  std::set<std::string> sorted;
  for (const auto& name : MetaNames<NameStatus>()) sorted.insert(name);
  std::string list;
  for (const auto& a : sorted) list += (list.empty() ? "" : ", ") + a;
  return "value must be one of: " + list;
}

// name_status through the review: PENDING_REVIEW submits the current name,
// APPROVED / DECLINED are Meta's decision now (phone_number_name_update when
// it changes the status), any other status is set without a review.
Status PatchNameStatus(Ctx& ctx, PhoneNumber& p, NameStatus to) {
  switch (to) {
    case NameStatus::kPendingReview:
      return ReviewNameInUse(ctx, p);
    case NameStatus::kApproved:
      return DecideDisplayName(ctx, p, "APPROVED", "");
    case NameStatus::kDeclined:
      return DecideDisplayName(ctx, p, "DECLINED", "");
    default:
      SetNameStatusWithoutReview(ctx, p, to);
      return {};
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
  const std::string review_before = w->account_review_status;
  std::string error;
  if (!ApplyPatch(*w, body, WabaSetters(), ctx.state, &error)) return Invalid(error);
  // Meta: every review decision of a WABA sends account_review_update.
  if (w->account_review_status != review_before)
    ctx.Record(AccountReviewDecided{w->id, w->account_review_status});
  return {};
}

PatchResult PatchPhone(Ctx& ctx, const std::string& id, const Json& body) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  if (!p) return NotFound("no phone number with id " + id);
  PhoneNumber before = *p;
  // name_status goes through the display-name review (name_review.h), after
  // the other fields are checked and applied.
  Json fields = body;
  std::optional<NameStatus> name_status;
  if (body.is_object() && body.contains("name_status")) {
    const Json& v = body["name_status"];
    name_status = v.is_string() ? ParseMetaName<NameStatus>(v.get<std::string>()) : std::nullopt;
    if (!name_status) return Invalid("name_status: " + NameStatusChoices());
    fields.erase("name_status");
  }
  std::string error;
  if (!ApplyPatch(*p, fields, PhoneSetters(), ctx.state, &error)) return Invalid(error);
  if (name_status) {
    if (Status s = PatchNameStatus(ctx, *p, *name_status); !s) {
      *p = before;  // a refused move changes nothing (the review recorded nothing either)
      return Invalid(s.error().details);
    }
  }
  // Meta: after a throughput upgrade, phone_number_quality_update THROUGHPUT_UPGRADE.
  if (before.throughput_level != ThroughputLevel::kHigh && p->throughput_level == ThroughputLevel::kHigh)
    ctx.Record(ThroughputUpgraded{p->waba_id, p->id, p->display_phone_number});
  return {};
}

}  // namespace wasim::accounts
