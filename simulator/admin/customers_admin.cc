#include "simulator/admin/customers_admin.h"

#include <set>

#include "simulator/admin/chunked_read.h"
#include "simulator/admin/inbound_admin.h"
#include "simulator/admin/message_status_admin.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/domain/customers/number_change.h"
#include "simulator/domain/customers/service.h"
#include "simulator/domain/rules/service_window.h"

namespace wasim {
namespace {

using customers::CustomerUpdate;

const char* kAllowedFields =
    "state, profile_name, auto_read, in_marketing_experiment, phone_number_id, blocked_business, "
    "marketing_opt_out, username, bsuid, saved_business_number";

bool ReadBool(const Json& b, const char* key, std::optional<bool>* out, std::string* error) {
  if (!b.contains(key)) return true;
  if (!b[key].is_boolean()) {
    *error = std::string("\"") + key + "\" must be true or false";
    return false;
  }
  *out = b[key].get<bool>();
  return true;
}

bool ReadString(const Json& b, const char* key, std::optional<std::string>* out, std::string* error) {
  if (!b.contains(key)) return true;
  if (!b[key].is_string()) {
    *error = std::string("\"") + key + "\" must be a string";
    return false;
  }
  *out = b[key].get<std::string>();
  return true;
}

// The PUT body as a partial update; false with `error` on a malformed body.
bool ParseUpdate(const Json& b, CustomerUpdate* u, std::string* error) {
  if (!b.is_object()) {
    *error = "body must be a JSON object with any of: " + std::string(kAllowedFields);
    return false;
  }
  static const std::set<std::string> kKnown = {
      "state",           "profile_name",         "auto_read",         "in_marketing_experiment",
      "phone_number_id", "blocked_business",     "marketing_opt_out", "username",
      "bsuid",           "saved_business_number"};
  for (const auto& [k, v] : b.items()) {
    if (!kKnown.count(k)) {
      *error = "unknown field \"" + k + "\"; allowed: " + kAllowedFields;
      return false;
    }
  }
  std::optional<std::string> state;
  if (!ReadString(b, "state", &state, error)) return false;
  if (state) {
    u->state = ParseCustomerState(*state);
    if (!u->state) {
      *error = "\"state\" must be online, offline, not_on_whatsapp or old_client (got \"" + *state + "\")";
      return false;
    }
  }
  return ReadString(b, "profile_name", &u->profile_name, error) &&
         ReadString(b, "phone_number_id", &u->phone_number_id, error) &&
         ReadBool(b, "auto_read", &u->auto_read, error) &&
         ReadBool(b, "in_marketing_experiment", &u->in_marketing_experiment, error) &&
         ReadBool(b, "blocked_business", &u->blocked_business, error) &&
         ReadBool(b, "marketing_opt_out", &u->marketing_opt_out, error) &&
         ReadString(b, "username", &u->username, error) && ReadString(b, "bsuid", &u->bsuid, error) &&
         ReadBool(b, "saved_business_number", &u->saved_business_number, error);
}

HttpResponse PutCustomer(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  CustomerUpdate u;
  std::string error;
  if (!ParseUpdate(*body, &u, &error)) return AdminError(400, error);
  const std::string wa_id = p.at("wa_id");
  return sim.WithLock([&](Ctx& ctx) {
    auto r = customers::UpdateCustomer(ctx, wa_id, u);
    if (!r) return AdminError(400, r.error().details);
    return AdminJson(200, CustomerJson(ctx, *ctx.state.customers.Find(wa_id)));
  });
}

// {"new_wa_id":"12195555358"}: the user changed their WhatsApp number (Meta's
// user_changed_number / user_changed_user_id system messages).
HttpResponse PostNumberChange(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  const Json& b = *body;
  if (!b.is_object() || !b.contains("new_wa_id") || !b["new_wa_id"].is_string() || b.size() != 1)
    return AdminError(400, "give {\"new_wa_id\":\"12195555358\"} (digits, no '+')");
  const std::string wa_id = p.at("wa_id");
  return sim.WithLock([&](Ctx& ctx) {
    if (!ctx.state.customers.Find(wa_id)) return AdminError(404, "no customer " + wa_id);
    const std::string to = b["new_wa_id"].get<std::string>();
    if (auto s = customers::ChangeNumber(ctx, wa_id, to); !s) return AdminError(400, s.error().details);
    return AdminJson(200, CustomerJson(ctx, *ctx.state.customers.Find(to)));
  });
}

HttpResponse GetCustomer(Simulator& sim, const PathParams& p) {
  const std::string wa_id = p.at("wa_id");
  return sim.WithLock([&](Ctx& ctx) {
    const Customer* c = ctx.state.customers.Find(wa_id);
    if (!c) return AdminError(404, "no customer " + wa_id + "; create one with PUT /_sim/customers/" + wa_id);
    return AdminJson(200, CustomerJson(ctx, *c));
  });
}

// Every customer in wa_id order, read in chunks (chunked_read.h).
HttpResponse ListCustomers(Simulator& sim) {
  Json data = Json::array();
  ReadInChunks<std::optional<std::string>, CustomerView>(
      sim, std::optional<std::string>(),
      [](Ctx& ctx, std::optional<std::string>& last, std::vector<CustomerView>& out) {
        const auto& all = ctx.state.customers.by_wa_id;
        auto it = last ? all.upper_bound(*last) : all.begin();
        for (; it != all.end() && out.size() < kAdminReadChunk; ++it) out.push_back(ViewOf(ctx, it->second));
        if (!out.empty()) last = out.back().customer.wa_id;
        return it != all.end();
      },
      [&](const CustomerView& v) { data.push_back(CustomerJson(v)); });
  Json j;
  j["data"] = std::move(data);
  return AdminJson(200, j);
}

Json OptionalTime(const std::optional<TimeMs>& t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

}  // namespace

CustomerView ViewOf(const Ctx& ctx, const Customer& c) {
  CustomerView v{c, {}, {}, {}};
  for (const auto& [phone, rel] : ctx.state.customers.RelationsOf(c.wa_id)) {
    v.relations.emplace_back(phone, *rel);
    // Meta: 24 h from the customer's last message (rules/service_window.h).
    const rules::RulesConfig& cfg = ctx.state.config.rules;
    v.window_open_until.push_back(rules::ServiceWindowOpen(rel, ctx.now(), cfg) && rel->last_inbound_at
                                      ? std::optional<TimeMs>(*rel->last_inbound_at + cfg.service_window)
                                      : std::nullopt);
    v.user_ids.push_back(
        customers::BsuidOf(ctx.state, customers::PortfolioOfPhone(ctx.state, phone), c.wa_id));
  }
  return v;
}

Json CustomerJson(const CustomerView& v) {
  const Customer& c = v.customer;
  Json j;
  j["wa_id"] = c.wa_id;
  j["profile_name"] = c.profile_name;
  j["state"] = CustomerStateName(c.state);
  j["auto_read"] = c.auto_read;
  j["in_marketing_experiment"] = c.in_marketing_experiment;
  j["username"] = c.username;
  Json rels = Json::array();
  for (size_t i = 0; i < v.relations.size(); ++i) {
    const auto& [phone, rel] = v.relations[i];
    Json r;
    r["phone_number_id"] = phone;
    r["user_id"] = v.user_ids[i];  // the BSUID in this number's business portfolio
    r["saved_business_number"] = rel.saved_business_number;
    r["last_send_to_phone_at"] = OptionalTime(rel.last_send_to_phone_at);
    r["blocked_business"] = rel.blocked_business;
    r["marketing_opt_out"] = rel.marketing_opt_out;
    r["last_inbound_at"] = OptionalTime(rel.last_inbound_at);
    r["service_window"] = v.window_open_until[i] ? "open" : "closed";
    r["service_window_open_until"] = OptionalTime(v.window_open_until[i]);
    r["last_referral_at"] = OptionalTime(rel.last_referral_at);
    rels.push_back(r);
  }
  j["relations"] = rels;
  return j;
}

Json CustomerJson(const Ctx& ctx, const Customer& c) { return CustomerJson(ViewOf(ctx, c)); }

void RegisterCustomerAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("PUT", "/_sim/customers/{wa_id}",
             [&sim](const HttpRequest& req, const PathParams& p) { return PutCustomer(sim, req, p); });
  router.Add("POST", "/_sim/customers/{wa_id}/number",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostNumberChange(sim, req, p); });
  router.Add("GET", "/_sim/customers/{wa_id}",
             [&sim](const HttpRequest&, const PathParams& p) { return GetCustomer(sim, p); });
  router.Add("GET", "/_sim/customers",
             [&sim](const HttpRequest&, const PathParams&) { return ListCustomers(sim); });
  RegisterInboundAdminRoutes(router, sim);
  RegisterMessageStatusAdminRoutes(router, sim);
}

}  // namespace wasim
