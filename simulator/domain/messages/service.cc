#include "simulator/domain/messages/service.h"

#include "simulator/domain/messages/lifecycle.h"
#include "simulator/domain/messages/recipient.h"
#include "simulator/domain/messages/send_checks.h"
#include "simulator/domain/messages/validation.h"
#include "simulator/domain/rules/send_rules.h"

namespace wasim::messages {

ActionKind ClassifyBody(const Json& body) {
  if (body.is_object() && body.contains("status") && !body.contains("type") && !body.contains("to")) {
    if (body.contains("typing_indicator")) return ActionKind::kTyping;
    return ActionKind::kMarkRead;
  }
  return ActionKind::kSend;
}

Status CheckSender(const Ctx& ctx, const std::string& phone_number_id) {
  const PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  // Meta: code 33 means the business phone number has been deleted.
  if (phone->deleted) return MakeError(ErrorCode::kPhoneNumberDeleted);
  const Waba* waba = ctx.state.accounts.FindWaba(phone->waba_id);
  if (waba && waba->policy_blocked) return MakeError(ErrorCode::kPolicyBlocked);
  // Captured: a never-registered Cloud number gets "(#133010) Account not registered", HTTP 400.
  if (!phone->registered) return MakeError(ErrorCode::kNotRegistered);
  return {};
}

Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, const Json& body) {
  if (auto s = CheckSender(ctx, phone_number_id); !s) return s.error();
  if (auto s = ValidateSendBody(body); !s) return s.error();
  const PhoneNumber& phone = *ctx.state.accounts.FindPhone(phone_number_id);

  const std::string to = body["to"].get<std::string>();
  auto wa_id = NormalizeRecipient(to, phone.display_phone_number);
  if (!wa_id) return InvalidParameterError("Param to must be a valid phone number.");
  if (*wa_id == phone.display_phone_number) return MakeError(ErrorCode::kRecipientIsSender);

  std::string type = body.value("type", std::string("text"));
  // Media ids, templates and reaction targets (before any rule counts the send).
  auto checked = CheckSendState(ctx, phone, *wa_id, type, body);
  if (!checked) return checked.error();
  // Meta's messaging rules: refuse now (sync) or accept and fail later (async); prices the message.
  auto ruled = rules::CheckSend(ctx, phone_number_id, *wa_id, type, body.value(type, Json()));
  if (!ruled) return ruled.error();
  OutboundMessage m;
  m.wamid = ctx.ids.Wamid(*wa_id, true);
  m.phone_number_id = phone_number_id;
  m.waba_id = phone.waba_id;
  m.to_input = to;
  m.wa_id = *wa_id;
  m.type = type;
  m.payload = body[type];
  m.biz_opaque_callback_data = body.value("biz_opaque_callback_data", std::string());
  if (body.contains("context")) m.context_message_id = body["context"]["message_id"].get<std::string>();
  m.is_template = type == "template";
  m.category = ruled->category;
  m.pricing = ruled->pricing;
  m.accepted_at = ctx.now();
  ctx.state.customers.Ensure(*wa_id);
  OutboundMessage& stored = ctx.state.messages.Add(std::move(m));
  std::string template_name;
  if (stored.is_template && stored.payload.is_object())
    template_name = stored.payload.value("name", std::string());
  ctx.Record(MessageAccepted{stored.waba_id, stored.phone_number_id, stored.wamid, stored.wa_id, stored.type,
                             template_name});
  StartLifecycle(ctx, stored.wamid, checked->async_failure ? checked->async_failure : ruled->failure);
  return SendResult{to, *wa_id, stored.wamid, checked->message_status};
}

Status MarkRead(Ctx& ctx, const std::string& phone_number_id, const Json& body) {
  if (auto s = CheckSender(ctx, phone_number_id); !s) return s;
  if (!body.contains("messaging_product"))
    return SchemaParamError("The parameter messaging_product is required.");  // captured: code 100
  if (body["messaging_product"] != "whatsapp")
    return InvalidParameterError("Param messaging_product must be 'whatsapp'.");
  if (body["status"] != "read") return InvalidParameterError("Param status must be 'read'.");
  if (!body.contains("message_id") || !body["message_id"].is_string())
    return SchemaParamError("The parameter message_id is required.");
  InboundMessage* in = ctx.state.inbound.Find(body["message_id"].get<std::string>());
  if (!in || in->phone_number_id != phone_number_id)
    return InvalidParameterError(
        "Invalid message_id: no message with this id was received by this phone number.");
  if (body.contains("typing_indicator")) {
    const Json& t = body["typing_indicator"];
    if (!t.is_object() || t.value("type", std::string()) != "text")
      return InvalidParameterError("Param typing_indicator['type'] must be 'text'.");
  }
  // Meta: marking a message read also marks earlier messages in the thread read.
  for (const auto& id : ctx.state.inbound.order()) {
    InboundMessage* msg = ctx.state.inbound.Find(id);
    if (msg->phone_number_id == phone_number_id && msg->from == in->from && msg->at <= in->at)
      msg->read_by_business = true;
  }
  return {};
}

}  // namespace wasim::messages
