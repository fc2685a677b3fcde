#include "simulator/admin/inbound_admin.h"

#include <optional>

#include "simulator/domain/messages/inbound.h"
#include "simulator/domain/messages/inbound_content.h"

namespace wasim {
namespace {

HttpResponse PostInbound(Simulator& sim, const HttpRequest& req) {
  auto body = ParseJsonBody(req.body);
  if (!body) return AdminError(400, body.error().details);
  // Media bytes are decoded and hashed without the lock; if the message is
  // refused they are dropped here, after it, and the blob store never saw them.
  std::optional<PreparedBlob> data = messages::PrepareInboundData(*body);
  return sim.WithLock([&](Ctx& ctx) {
    auto r = messages::ReceiveInbound(ctx, *body, data ? &*data : nullptr);
    if (!r) return AdminError(r.error().http_status == 404 ? 404 : 400, r.error().details);
    Json j;
    j["id"] = r->wamid;
    if (!r->media_id.empty()) j["media_id"] = r->media_id;
    return AdminJson(200, j);
  });
}

}  // namespace

void RegisterInboundAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/inbound",
             [&sim](const HttpRequest& req, const PathParams&) { return PostInbound(sim, req); });
}

}  // namespace wasim
