// POST /{phone-number-id}/messages: sends, mark-as-read, typing indicator.
#include <any>
#include <utility>

#include "simulator/domain/messages/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/messages_codec.h"

namespace wasim {
namespace {

// Meta's success shape (send-messages docs):
// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id"[,"message_status"]}]}
Json RenderSendResult(const messages::SendResult& r) {
  Json contact;
  contact["input"] = r.input;
  contact["wa_id"] = r.wa_id;
  // business-scoped-user-ids.mdx: user_id only when the message was sent to a BSUID.
  if (!r.user_id.empty()) contact["user_id"] = r.user_id;
  Json message;
  message["id"] = r.wamid;
  if (r.message_status) message["message_status"] = *r.message_status;
  Json out;
  out["messaging_product"] = "whatsapp";
  out["contacts"] = Json::array({contact});
  out["messages"] = Json::array({message});
  return out;
}

// The body was decoded before the lock (DecodeMessages); the service decides
// where in its order a decode error is reported.
Result<GraphReply> PostMessages(Ctx& ctx, GraphCall& call) {
  auto& decoded = std::any_cast<MessagesCall&>(call.decoded);
  if (auto* read = std::get_if<Result<messages::MarkReadRequest>>(&decoded)) {
    auto s = messages::MarkRead(ctx, call.node_id, *read);
    if (!s) return s.error();
    return SuccessReply();
  }
  auto sent = messages::Send(ctx, call.node_id, std::move(std::get<Result<messages::SendRequest>>(decoded)));
  if (!sent) return sent.error();
  return GraphReply::Of(RenderSendResult(*sent));
}

std::any DecodeMessages(const Json& params) { return DecodeMessagesCall(params); }

}  // namespace

void RegisterMessagesRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "messages", PostMessages, DecodeMessages);
}

}  // namespace wasim
