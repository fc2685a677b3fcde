// Business usernames of a phone number (Meta: business-scoped-user-ids.mdx,
// "Business usernames"): POST/GET/DELETE /{phone-number-id}/username,
// DELETE /{phone-number-id}/requested_username,
// GET /{phone-number-id}/username_suggestions. The rules are in
// simulator/domain/accounts/username.h.
#include "simulator/domain/accounts/username.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

// {"status"[, "rejection_reasons"]} (rejection_reasons only for REJECTED).
Result<GraphReply> PostUsername(Ctx& ctx, GraphCall& call) {
  if (!call.params.contains("username")) return SchemaParamError("The parameter username is required.");
  if (!call.params["username"].is_string()) return SchemaParamError("Param username must be a string.");
  auto answer = accounts::RequestUsername(ctx, call.node_id, call.params["username"].get<std::string>());
  if (!answer) return answer.error();
  Json out = Json::object();
  out["status"] = answer->status;
  if (answer->status == "REJECTED") out["rejection_reasons"] = answer->rejection_reasons;
  return GraphReply::Of(std::move(out));
}

// {"username", "status"[, "requested_username"]}: username "" when the number
// has none. Meta's status is ACTIVE (approved) or RESERVED; wasim's usernames
// are approved ones (ACTIVE). Assumption: no status without a username.
Result<GraphReply> GetUsername(Ctx& ctx, GraphCall& call) {
  const PhoneNumber& p = *ctx.state.accounts.FindPhone(call.node_id);
  Json out = Json::object();
  out["username"] = p.username.username;
  if (!p.username.username.empty()) out["status"] = "ACTIVE";
  if (accounts::UsernameReviewPending(p)) out["requested_username"] = p.username.requested;
  return GraphReply::Of(std::move(out));
}

Result<GraphReply> UsernameSuccessReply(bool done) {
  Json out = Json::object();
  out["success"] = done;
  return GraphReply::Of(std::move(out));
}

Result<GraphReply> DeleteUsername(Ctx& ctx, GraphCall& call) {
  return UsernameSuccessReply(accounts::DeleteUsername(ctx, call.node_id));
}

Result<GraphReply> DeleteRequestedUsername(Ctx& ctx, GraphCall& call) {
  return UsernameSuccessReply(accounts::CancelRequestedUsername(ctx, call.node_id));
}

// {"data":[{"username_suggestions":[...]}]}
Result<GraphReply> GetUsernameSuggestions(Ctx& ctx, GraphCall& call) {
  Json row = Json::object();
  row["username_suggestions"] = accounts::UsernameSuggestions(ctx.state, call.node_id);
  Json out = Json::object();
  out["data"] = Json::array({row});
  return GraphReply::Of(std::move(out));
}

}  // namespace

void RegisterUsernameRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "username", PostUsername);
  r.Add(NodeKind::kPhoneNumber, "GET", "username", GetUsername);
  r.Add(NodeKind::kPhoneNumber, "DELETE", "username", DeleteUsername);
  r.Add(NodeKind::kPhoneNumber, "DELETE", "requested_username", DeleteRequestedUsername);
  r.Add(NodeKind::kPhoneNumber, "GET", "username_suggestions", GetUsernameSuggestions);
}

}  // namespace wasim
