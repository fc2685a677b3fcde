#include "simulator/admin/coexistence_admin.h"

#include "simulator/domain/coexistence/service.h"

namespace wasim {
namespace {

std::string Text(const Json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

Json Optional(const std::optional<TimeMs>& t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

}  // namespace

Json BusinessAppJson(const SimState& state, const PhoneNumber& p) {
  Json j = Json::object();
  j["phone_number_id"] = p.id;
  j["mode"] = p.mode == NumberMode::kCoexistence ? "coexistence" : "cloud";
  j["onboarded_at"] = Optional(p.onboarded_at);
  j["companions"] = p.business_app.companions;
  j["contacts"] = p.business_app.contacts.size();
  j["threads"] = p.business_app.threads.size();
  j["shares_history"] = p.business_app.shares_history;
  const coexistence::NumberState* st = state.coexistence.Find(p.id);
  j["connected"] = !st || st->link.state == coexistence::Link::kConnected;
  j["disconnect_due_at"] = st ? Optional(st->disconnect_due_at) : Json(nullptr);
  j["last_opened_at"] = st ? Optional(st->last_opened_at) : Json(nullptr);
  j["contacts_sync_requested_at"] = st ? Optional(st->contacts_requested_at) : Json(nullptr);
  j["history_sync_requested_at"] = st ? Optional(st->history_requested_at) : Json(nullptr);
  j["history_pieces_pending"] = st ? st->history_pending.size() : 0;
  j["companions_unlinked_at_onboarding"] = st ? st->companions_unlinked : 0;
  return j;
}

namespace {

HttpResponse PostBusinessApp(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  if (!body->is_object() || !(*body)["action"].is_string())
    return AdminError(400,
                      "body must be {\"action\":\"opened|sent_message|contact_saved|contact_removed|stopped|"
                      "reinstalled\", ...}");
  const std::string action = (*body)["action"].get<std::string>();
  const std::string id = p.at("id");
  return sim.WithLock([&](Ctx& ctx) {
    const PhoneNumber* phone = ctx.state.accounts.FindPhone(id);
    if (!phone) return AdminError(404, "no phone number " + id);
    Json out = Json::object();
    Status s;
    if (action == "opened") {
      s = coexistence::AppOpened(ctx, id);
    } else if (action == "sent_message") {
      auto wamid = coexistence::AppSentMessage(ctx, id, *body);
      if (wamid) out["wamid"] = *wamid;
      s = wamid ? Status{} : Status(wamid.error());
    } else if (action == "stopped") {
      s = coexistence::AppDisconnected(ctx, id);
    } else if (action == "contact_saved") {
      s = coexistence::AppContactSaved(
          ctx, id,
          BusinessAppContact{Text(*body, "phone_number"), Text(*body, "full_name"),
                             Text(*body, "first_name")});
    } else if (action == "contact_removed") {
      s = coexistence::AppContactRemoved(ctx, id, Text(*body, "phone_number"));
    } else if (action == "reinstalled") {
      s = coexistence::AppReinstalled(ctx, id);
    } else {
      return AdminError(
          400, "unknown action \"" + action +
                   "\": use opened, sent_message, contact_saved, contact_removed, stopped or reinstalled");
    }
    if (!s) return AdminError(409, s.error().details);
    out["business_app"] = BusinessAppJson(ctx.state, *ctx.state.accounts.FindPhone(id));
    return AdminJson(200, out);
  });
}

}  // namespace

void RegisterCoexistenceAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/phone_numbers/{id}/business_app",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostBusinessApp(sim, req, p); });
  router.Add("GET", "/_sim/phone_numbers/{id}/business_app", [&sim](const HttpRequest&, const PathParams& p) {
    return sim.WithLock([&](Ctx& ctx) {
      const PhoneNumber* phone = ctx.state.accounts.FindPhone(p.at("id"));
      if (!phone) return AdminError(404, "no phone number " + p.at("id"));
      return AdminJson(200, BusinessAppJson(ctx.state, *phone));
    });
  });
  router.Add("GET", "/_sim/coexistence", [&sim](const HttpRequest&, const PathParams&) {
    return sim.WithLock([](Ctx& ctx) { return AdminJson(200, coexistence::SettingsJson(ctx)); });
  });
  router.Add("PATCH", "/_sim/coexistence", [&sim](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
    if (!body) return AdminError(400, body.error().details);
    return sim.WithLock([&](Ctx& ctx) {
      if (auto problem = coexistence::UpdateSettings(ctx, *body)) return AdminError(400, *problem);
      return AdminJson(200, coexistence::SettingsJson(ctx));
    });
  });
}

}  // namespace wasim
