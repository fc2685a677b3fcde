#include "simulator/admin/accounts_admin.h"

#include <functional>
#include <map>
#include <set>

#include "simulator/admin/state_json.h"
#include "simulator/domain/rules/limit_upgrade.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/domain/rules/rules_config_json.h"
#include "simulator/domain/rules/send_rules.h"

namespace wasim {
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

template <class T>
Setter<T> OneOf(std::string T::*field, std::set<std::string> allowed) {
  return [field, allowed](T& o, const Json& v, const SimState&, std::string* error) {
    if (!v.is_string() || !allowed.count(v.get<std::string>())) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return *error = "value must be one of: " + list, false;
    }
    o.*field = v.get<std::string>();
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

HttpResponse PatchBusiness(Ctx& ctx, const std::string& id, const Json& body) {
  auto it = ctx.state.accounts.businesses.find(id);
  if (it == ctx.state.accounts.businesses.end()) return AdminError(404, "no business with id " + id);
  Business& b = it->second;
  Business before = b;
  std::string error;
  if (!ApplyPatch(b, body, BusinessSetters(), ctx.state, &error)) return AdminError(400, error);
  // Meta: verifying the business is a scaling path: 250 -> 2,000.
  if (!before.verified && b.verified && !body.contains("messaging_limit") && b.messaging_limit == 250)
    b.messaging_limit = 2000;
  if (b.messaging_limit != before.messaging_limit)
    rules::RecordLimitChange(ctx, b.id, before.messaging_limit, b.messaging_limit);
  return AdminJson(200, BusinessJson(b));
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
      {"throughput_level", OneOf(&PhoneNumber::throughput_level, {"STANDARD", "HIGH", "NOT_APPLICABLE"})},
      {"is_test_number", Bool(&PhoneNumber::is_test_number)},
      {"quality_rating", OneOf(&PhoneNumber::quality_rating, {"GREEN", "YELLOW", "RED", "NA", "UNKNOWN"})},
      {"name_status", OneOf(&PhoneNumber::name_status, {"APPROVED", "AVAILABLE_WITHOUT_REVIEW", "DECLINED",
                                                        "EXPIRED", "PENDING_REVIEW", "NONE"})},
      {"verified_name", NonEmptyString(&PhoneNumber::verified_name)},
      {"registered", Bool(&PhoneNumber::registered)},
      {"deleted", Bool(&PhoneNumber::deleted)},
      {"allowed_recipients",
       [](PhoneNumber& p, const Json& v, const SimState& s, std::string* error) {
         // Meta: a test number's allow list holds at most 5 numbers.
         return DigitList(v, 7, 15, static_cast<size_t>(s.config.rules.allow_list_max), &p.allowed_recipients,
                          error);
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

// Meta: after a throughput upgrade, phone_number_quality_update THROUGHPUT_UPGRADE.
void RecordThroughputUpgrade(Ctx& ctx, const PhoneNumber& p) {
  ctx.Record(ThroughputUpgraded{p.waba_id, p.id, p.display_phone_number});
}

HttpResponse PatchPhone(Ctx& ctx, const std::string& id, const Json& body) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  if (!p) return AdminError(404, "no phone number with id " + id);
  std::string before_level = p->throughput_level;
  std::string error;
  if (!ApplyPatch(*p, body, PhoneSetters(), ctx.state, &error)) return AdminError(400, error);
  if (before_level != "HIGH" && p->throughput_level == "HIGH") RecordThroughputUpgrade(ctx, *p);
  return AdminJson(200, PhoneJson(*p, ctx.state));
}

Result<Json> ParseBody(const HttpRequest& req) { return ParseJsonBody(req.body.empty() ? "{}" : req.body); }

}  // namespace

void RegisterAccountsAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim/businesses/{id}", [&sim](const HttpRequest&, const PathParams& pp) {
    return sim.WithLock([&](Ctx& ctx) {
      auto it = ctx.state.accounts.businesses.find(pp.at("id"));
      if (it == ctx.state.accounts.businesses.end())
        return AdminError(404, "no business with id " + pp.at("id"));
      return AdminJson(200, BusinessJson(it->second));
    });
  });
  router.Add("PATCH", "/_sim/businesses/{id}", [&sim](const HttpRequest& req, const PathParams& pp) {
    auto body = ParseBody(req);
    if (!body) return AdminError(400, body.error().details);
    return sim.WithLock([&](Ctx& ctx) { return PatchBusiness(ctx, pp.at("id"), *body); });
  });
  router.Add("GET", "/_sim/wabas/{id}", [&sim](const HttpRequest&, const PathParams& pp) {
    return sim.WithLock([&](Ctx& ctx) {
      const Waba* w = ctx.state.accounts.FindWaba(pp.at("id"));
      return w ? AdminJson(200, WabaJson(*w)) : AdminError(404, "no WABA with id " + pp.at("id"));
    });
  });
  router.Add("PATCH", "/_sim/wabas/{id}", [&sim](const HttpRequest& req, const PathParams& pp) {
    auto body = ParseBody(req);
    if (!body) return AdminError(400, body.error().details);
    return sim.WithLock([&](Ctx& ctx) {
      Waba* w = ctx.state.accounts.FindWaba(pp.at("id"));
      if (!w) return AdminError(404, "no WABA with id " + pp.at("id"));
      std::string error;
      if (!ApplyPatch(*w, *body, WabaSetters(), ctx.state, &error)) return AdminError(400, error);
      return AdminJson(200, WabaJson(*w));
    });
  });
  router.Add("GET", "/_sim/phone_numbers/{id}", [&sim](const HttpRequest&, const PathParams& pp) {
    return sim.WithLock([&](Ctx& ctx) {
      const PhoneNumber* p = ctx.state.accounts.FindPhone(pp.at("id"));
      return p ? AdminJson(200, PhoneJson(*p, ctx.state))
               : AdminError(404, "no phone number with id " + pp.at("id"));
    });
  });
  router.Add("PATCH", "/_sim/phone_numbers/{id}", [&sim](const HttpRequest& req, const PathParams& pp) {
    auto body = ParseBody(req);
    if (!body) return AdminError(400, body.error().details);
    return sim.WithLock([&](Ctx& ctx) { return PatchPhone(ctx, pp.at("id"), *body); });
  });
  router.Add("GET", "/_sim/rules", [&sim](const HttpRequest&, const PathParams&) {
    return AdminJson(200,
                     sim.WithLock([](Ctx& ctx) { return rules::RulesConfigJson(ctx.state.config.rules); }));
  });
  router.Add("PATCH", "/_sim/rules", [&sim](const HttpRequest& req, const PathParams&) {
    auto body = ParseBody(req);
    if (!body) return AdminError(400, body.error().details);
    return sim.WithLock([&](Ctx& ctx) {
      std::string error;
      if (!rules::PatchRulesConfig(ctx.state.config.rules, *body, &error)) return AdminError(400, error);
      return AdminJson(200, rules::RulesConfigJson(ctx.state.config.rules));
    });
  });
}

}  // namespace wasim
