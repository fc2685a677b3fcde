// POST /{phone-number-id}/messages: sends, mark-as-read, typing indicator.
#include "simulator/domain/messages/service.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

// Meta's success shape (send-messages docs):
// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id"[,"message_status"]}]}
Json RenderSendResult(const messages::SendResult& r) {
  Json contact;
  contact["input"] = r.input;
  contact["wa_id"] = r.wa_id;
  Json message;
  message["id"] = r.wamid;
  if (r.message_status) message["message_status"] = *r.message_status;
  Json out;
  out["messaging_product"] = "whatsapp";
  out["contacts"] = Json::array({contact});
  out["messages"] = Json::array({message});
  return out;
}

Result<GraphReply> PostMessages(Ctx& ctx, GraphCall& call) {
  switch (messages::ClassifyBody(call.params)) {
    case messages::ActionKind::kMarkRead:
    case messages::ActionKind::kTyping: {
      auto s = messages::MarkRead(ctx, call.node_id, messages::DecodeMarkReadRequest(call.params));
      if (!s) return s.error();
      return SuccessReply();
    }
    case messages::ActionKind::kSend:
      break;
  }
  auto sent = messages::Send(ctx, call.node_id, call.params);
  if (!sent) return sent.error();
  return GraphReply::Of(RenderSendResult(*sent));
}

}  // namespace

void RegisterMessagesRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "messages", PostMessages);
}

}  // namespace wasim
