#include "simulator/admin/accounts_admin.h"

#include "simulator/admin/state_json.h"
#include "simulator/domain/accounts/patch.h"
#include "simulator/domain/rules/rules_config_json.h"

namespace wasim {
namespace {

HttpResponse PatchError(const accounts::PatchResult& r) {
  return AdminError(r.outcome == accounts::PatchOutcome::kNotFound ? 404 : 400, r.error);
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
    return sim.WithLock([&](Ctx& ctx) {
      auto r = accounts::PatchBusiness(ctx, pp.at("id"), *body);
      return r.ok() ? AdminJson(200, BusinessJson(ctx.state.accounts.businesses.at(pp.at("id"))))
                    : PatchError(r);
    });
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
      auto r = accounts::PatchWaba(ctx, pp.at("id"), *body);
      return r.ok() ? AdminJson(200, WabaJson(*ctx.state.accounts.FindWaba(pp.at("id")))) : PatchError(r);
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
    return sim.WithLock([&](Ctx& ctx) {
      auto r = accounts::PatchPhone(ctx, pp.at("id"), *body);
      return r.ok() ? AdminJson(200, PhoneJson(*ctx.state.accounts.FindPhone(pp.at("id")), ctx.state))
                    : PatchError(r);
    });
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
