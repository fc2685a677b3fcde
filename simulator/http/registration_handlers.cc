// Number registration and two-step verification (Meta:
// business-phone-numbers/phone-numbers.mdx, registration.md,
// two-step-verification.mdx): every call answers {"success":true} or a Graph
// error; the rules are in simulator/domain/registration/.
#include "simulator/domain/registration/service.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

Result<GraphReply> Reply(const Status& s) {
  if (!s) return s.error();
  return SuccessReply();
}

Result<GraphReply> RequestCode(Ctx& ctx, GraphCall& call) {
  return Reply(registration::RequestCode(ctx, call.node_id, call.params));
}

Result<GraphReply> VerifyCode(Ctx& ctx, GraphCall& call) {
  return Reply(registration::VerifyCode(ctx, call.node_id, call.params));
}

Result<GraphReply> Register(Ctx& ctx, GraphCall& call) {
  return Reply(registration::Register(ctx, call.node_id, call.params));
}

Result<GraphReply> Deregister(Ctx& ctx, GraphCall& call) {
  return Reply(registration::Deregister(ctx, call.node_id));
}

}  // namespace

void RegisterRegistrationRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "request_code", RequestCode);
  r.Add(NodeKind::kPhoneNumber, "POST", "verify_code", VerifyCode);
  r.Add(NodeKind::kPhoneNumber, "POST", "register", Register);
  r.Add(NodeKind::kPhoneNumber, "POST", "deregister", Deregister);
  // POST /{phone-number-id} {"pin"} is phone_numbers_handlers.cc's (with new_display_name).
}

}  // namespace wasim
