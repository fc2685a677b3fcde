// WABA node: GET /{waba-id}.
#include "simulator/http/graph_router.h"
#include "simulator/http/node_fields.h"

namespace wasim {
namespace {

Result<GraphReply> GetWaba(Ctx& ctx, GraphCall& call) {
  const Waba& w = *ctx.state.accounts.FindWaba(call.node_id);
  Json all;
  all["id"] = w.id;
  all["name"] = w.name;
  all["timezone_id"] = w.timezone_id;
  all["message_template_namespace"] = w.message_template_namespace;
  all["account_review_status"] = w.account_review_status;
  all["currency"] = w.currency;
  all["business_verification_status"] = [&] {
    const Business* b = ctx.state.accounts.BusinessOfWaba(w.id);
    return std::string(b && b->verified ? "verified" : "not_verified");
  }();
  auto out = SelectFields(all, ParamString(call.params, "fields"),
                          {"id", "name", "timezone_id", "message_template_namespace"},
                          NodeTypeName(NodeKind::kWaba));
  if (!out) return out.error();
  return GraphReply::Of(std::move(*out));
}

}  // namespace

void RegisterWabaRoutes(GraphRouter& r) { r.Add(NodeKind::kWaba, "GET", "", GetWaba); }

}  // namespace wasim
