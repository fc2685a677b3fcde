#include "simulator/domain/messages/request.h"

#include <utility>

#include "simulator/domain/messages/validation.h"

namespace wasim::messages {

ActionKind ClassifyBody(const Json& body) {
  if (body.is_object() && body.contains("status") && !body.contains("type") && !body.contains("to") &&
      !body.contains("recipient")) {
    if (body.contains("typing_indicator")) return ActionKind::kTyping;
    return ActionKind::kMarkRead;
  }
  return ActionKind::kSend;
}

Result<SendRequest> DecodeSendRequest(const Json& body) {
  if (auto s = ValidateSendBody(body); !s) return s.error();
  SendRequest r;
  r.to = body.contains("to") ? body["to"].get<std::string>() : body["recipient"].get<std::string>();
  if (body.value("recipient_type", std::string()) == "group") r.recipient_type = RecipientType::kGroup;
  r.type = body.value("type", std::string("text"));
  r.payload = body[r.type];
  if (body.contains("context")) r.context_message_id = body["context"]["message_id"].get<std::string>();
  r.biz_opaque_callback_data = body.value("biz_opaque_callback_data", std::string());
  return r;
}

Result<MarkReadRequest> DecodeMarkReadRequest(const Json& body) {
  if (!body.contains("messaging_product"))
    return SchemaParamError("The parameter messaging_product is required.");  // captured: code 100
  if (body["messaging_product"] != "whatsapp")
    return InvalidParameterError("Param messaging_product must be 'whatsapp'.");
  if (!body.contains("status") || body["status"] != "read")
    return InvalidParameterError("Param status must be 'read'.");
  if (!body.contains("message_id") || !body["message_id"].is_string())
    return SchemaParamError("The parameter message_id is required.");
  MarkReadRequest r;
  r.message_id = body["message_id"].get<std::string>();
  if (body.contains("typing_indicator")) {
    const Json& t = body["typing_indicator"];
    // A non-string type gets the same answer (nlohmann's value() would throw on it).
    if (!t.is_object() || !t.contains("type") || t["type"] != "text")
      r.typing_indicator_error = InvalidParameterError("Param typing_indicator['type'] must be 'text'.");
    else
      r.typing_indicator = true;
  }
  return r;
}

}  // namespace wasim::messages
