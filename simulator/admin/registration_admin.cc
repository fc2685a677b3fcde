#include "simulator/admin/registration_admin.h"

#include <functional>

#include "simulator/domain/registration/limits.h"
#include "simulator/domain/registration/service.h"

namespace wasim {
namespace {

Json TimeOrNull(const std::optional<TimeMs>& t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

Json CodesJson(const registration::NumberRegistration* rec) {
  Json data = Json::array();
  if (rec)
    for (const auto& c : rec->codes)
      data.push_back({{"method", c.method},
                      {"language", c.language},
                      {"code", c.code},
                      {"sent_at", FormatIso8601(c.sent_at)},
                      {"delivered", c.delivered},
                      {"expires_at", FormatIso8601(c.expires_at)},
                      {"used", c.used}});
  return Json{{"data", std::move(data)}};
}

Json WindowJson(const registration::WindowedLimit& w, TimeMs now) {
  size_t in_window = 0;
  for (TimeMs t : w.requests) in_window += t > now - registration::kRegisterWindow ? 1 : 0;
  return {{"requests_in_72h", in_window},
          {"blocked_until", now < w.blocked_until.value_or(0) ? TimeOrNull(w.blocked_until) : Json(nullptr)}};
}

Json RegistrationJson(const PhoneNumber& p, const registration::NumberRegistration* rec, TimeMs now) {
  static const registration::NumberRegistration kNone;
  const registration::NumberRegistration& r = rec ? *rec : kNone;
  return {{"id", p.id},
          {"registered", p.registered},
          {"status", MetaName(p.status)},
          {"platform_type", MetaName(p.platform_type)},
          {"code_verification_status", MetaName(p.code_verification_status)},
          {"two_step_verification", p.pin.empty() ? "DISABLED" : "ENABLED"},
          {"undelivered_code_methods", p.undelivered_code_methods},
          {"data_localization_region",
           r.data_localization_region.empty() ? Json(nullptr) : Json(r.data_localization_region)},
          {"verified_at", TimeOrNull(r.verified_at)},
          {"code_guess_locked_until", TimeOrNull(r.code_guess_locked_until)},
          {"pin_locked_until", TimeOrNull(r.pin_locked_until)},
          {"register", WindowJson(r.register_limit, now)},
          {"deregister", WindowJson(r.deregister_limit, now)},
          {"previous_account_deleted_at", TimeOrNull(r.previous_account_deleted_at)}};
}

HttpResponse NoPhone(const std::string& id) { return AdminError(404, "no phone number with id " + id); }

// A Meta-side action on one number, answered with its registration state.
HttpResponse Act(Simulator& sim, const std::string& id,
                 const std::function<Status(Ctx&, const std::string&)>& action) {
  return sim.WithLock([&](Ctx& ctx) {
    if (!ctx.state.accounts.FindPhone(id)) return NoPhone(id);
    if (auto s = action(ctx, id); !s) return AdminError(400, s.error().details);
    return AdminJson(
        200, RegistrationJson(*ctx.state.accounts.FindPhone(id), ctx.state.registration.Find(id), ctx.now()));
  });
}

}  // namespace

void RegisterRegistrationAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim/phone_numbers/{id}/codes", [&sim](const HttpRequest&, const PathParams& pp) {
    return sim.WithLock([&](Ctx& ctx) {
      const std::string& id = pp.at("id");
      if (!ctx.state.accounts.FindPhone(id)) return NoPhone(id);
      return AdminJson(200, CodesJson(ctx.state.registration.Find(id)));
    });
  });
  router.Add("GET", "/_sim/phone_numbers/{id}/registration",
             [&sim](const HttpRequest&, const PathParams& pp) {
               return sim.WithLock([&](Ctx& ctx) {
                 const std::string& id = pp.at("id");
                 const PhoneNumber* p = ctx.state.accounts.FindPhone(id);
                 if (!p) return NoPhone(id);
                 return AdminJson(200, RegistrationJson(*p, ctx.state.registration.Find(id), ctx.now()));
               });
             });
  router.Add("POST", "/_sim/phone_numbers/{id}/two_step_verification/reset_request",
             [&sim](const HttpRequest& req, const PathParams& pp) {
               auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
               if (!body || !body->is_object()) return AdminError(400, "body must be a JSON object");
               if (body->contains("requester") && !(*body)["requester"].is_string())
                 return AdminError(400, "requester must be a string (a Meta Business Suite user id)");
               const std::string requester = body->value("requester", "");
               return Act(sim, pp.at("id"), [&](Ctx& ctx, const std::string& id) {
                 return registration::RequestTwoStepReset(ctx, id, requester);
               });
             });
  router.Add("POST", "/_sim/phone_numbers/{id}/two_step_verification/pin",
             [&sim](const HttpRequest& req, const PathParams& pp) {
               auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
               if (!body) return AdminError(400, body.error().details);
               return Act(sim, pp.at("id"), [&](Ctx& ctx, const std::string& id) {
                 return registration::ChangePinInManager(ctx, id, *body);
               });
             });
  router.Add("POST", "/_sim/phone_numbers/{id}/two_step_verification/disable",
             [&sim](const HttpRequest&, const PathParams& pp) {
               return Act(sim, pp.at("id"), registration::DisableTwoStep);
             });
  router.Add("POST", "/_sim/phone_numbers/{id}/previous_account_deleted",
             [&sim](const HttpRequest&, const PathParams& pp) {
               return Act(sim, pp.at("id"), registration::MarkPreviousAccountDeleted);
             });
}

}  // namespace wasim
