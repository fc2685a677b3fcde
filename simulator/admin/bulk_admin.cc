#include "simulator/admin/bulk_admin.h"

namespace wasim {

void RegisterBulkAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/bulk", [&sim](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
    if (!body) return AdminError(400, body.error().details);
    BulkRequest request;
    std::string error;
    if (!ParseBulkRequest(*body, &request, &error)) return AdminError(400, error);
    BulkCreated created;
    bool ok = sim.WithLock([&](Ctx& ctx) { return CreateBulk(ctx, request, &created, &error); });
    if (!ok) return AdminError(404, error);
    Json j;
    j["waba_id"] = created.waba_id;
    Json phones = Json::array();
    for (const auto& [id, display] : created.phone_numbers)
      phones.push_back({{"id", id}, {"display_phone_number", display}});
    j["phone_numbers"] = phones;
    j["customers"] = created.customers;
    return AdminJson(200, j);
  });
}

}  // namespace wasim
