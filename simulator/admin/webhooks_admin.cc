#include "simulator/admin/webhooks_admin.h"

#include "simulator/admin/query_params.h"

namespace wasim {

void RegisterWebhookAdminRoutes(AdminRouter& router, webhooks::Outbox& outbox) {
  router.Add("GET", "/_sim/webhooks", [&outbox](const HttpRequest& req, const PathParams&) {
    webhooks::ListFilter f;
    f.state = req.Query("state");
    if (!f.state.empty() && f.state != "pending" && f.state != "delivered" && f.state != "given_up")
      return AdminError(400, "state must be pending, delivered or given_up");
    f.field = req.Query("field");
    f.app_id = req.Query("app_id");
    f.wamid = req.Query("wamid");
    if (!ParseLimit(req.Query("limit"), 100000, &f.limit))
      return AdminError(400, "limit must be an integer 1..100000");
    f.with_body = req.Query("body") != "0";
    return AdminJson(200, outbox.List(f));
  });
  router.Add("GET", "/_sim/webhooks/config", [&outbox](const HttpRequest&, const PathParams&) {
    return AdminJson(200, outbox.OptionsJson());
  });
  router.Add("POST", "/_sim/webhooks/config", [&outbox](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
    if (!body) return AdminError(400, body.error().details);
    if (std::string err = outbox.UpdateOptions(*body); !err.empty()) return AdminError(400, err);
    return AdminJson(200, outbox.OptionsJson());
  });
  router.Add("GET", "/_sim/webhooks/{id}", [&outbox](const HttpRequest&, const PathParams& p) {
    auto j = outbox.Get(p.at("id"));
    if (!j) return AdminError(404, "Unknown webhook delivery " + p.at("id"));
    return AdminJson(200, *j);
  });
  router.Add("POST", "/_sim/webhooks/{id}/redeliver", [&outbox](const HttpRequest&, const PathParams& p) {
    auto r = outbox.Redeliver(p.at("id"));
    if (!r) return AdminError(404, r.error().details);
    return AdminJson(200, *r);
  });
}

}  // namespace wasim
