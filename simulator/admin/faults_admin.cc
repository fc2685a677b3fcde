#include "simulator/admin/faults_admin.h"

namespace wasim {
namespace {

Json FaultListJson(const std::vector<faults::FaultRule>& rules) {
  Json data = Json::array();
  for (const auto& r : rules) data.push_back(faults::FaultRuleJson(r));
  Json j;
  j["data"] = std::move(data);
  return j;
}

}  // namespace

void RegisterFaultAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/faults", [&sim](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "null" : req.body);
    if (!body) return AdminError(400, "invalid fault rule: " + body.error().details);
    std::string error;
    auto rule = faults::ParseFaultRule(*body, &error);
    if (!rule) return AdminError(400, "invalid fault rule: " + error);
    return AdminJson(200, faults::FaultRuleJson(sim.faults().Add(std::move(*rule))));
  });
  router.Add("GET", "/_sim/faults", [&sim](const HttpRequest&, const PathParams&) {
    return AdminJson(200, FaultListJson(sim.faults().List()));
  });
  router.Add("GET", "/_sim/faults/{id}", [&sim](const HttpRequest&, const PathParams& p) {
    auto rule = sim.faults().Get(p.at("id"));
    if (!rule) return AdminError(404, "no fault rule " + p.at("id"));
    return AdminJson(200, faults::FaultRuleJson(*rule));
  });
  router.Add("DELETE", "/_sim/faults/{id}", [&sim](const HttpRequest&, const PathParams& p) {
    if (!sim.faults().Remove(p.at("id"))) return AdminError(404, "no fault rule " + p.at("id"));
    Json j;
    j["deleted"] = p.at("id");
    return AdminJson(200, j);
  });
  router.Add("DELETE", "/_sim/faults", [&sim](const HttpRequest&, const PathParams&) {
    Json j;
    j["deleted"] = sim.faults().Clear();
    return AdminJson(200, j);
  });
}

}  // namespace wasim
