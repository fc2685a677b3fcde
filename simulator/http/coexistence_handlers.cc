// Coexistence (Graph API): POST /{phone-number-id}/smb_app_data starts the
// sync of a WhatsApp Business app number's contacts or chat history (Meta:
// embedded-signup/onboarding-business-app-users). The webhooks follow on
// the timeline; the answer only acknowledges the request.
#include "simulator/domain/coexistence/service.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

Result<GraphReply> PostSmbAppData(Ctx& ctx, GraphCall& call) {
  auto request_id = coexistence::RequestSync(ctx, call.node.id, call.params);
  if (!request_id) return request_id.error();
  Json j = Json::object();
  j["messaging_product"] = "whatsapp";
  j["request_id"] = *request_id;
  return GraphReply::Of(std::move(j));
}

}  // namespace

void RegisterCoexistenceRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "smb_app_data", PostSmbAppData);
}

}  // namespace wasim
