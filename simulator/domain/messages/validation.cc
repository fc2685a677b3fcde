#include "simulator/domain/messages/validation.h"

#include <functional>
#include <map>

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {

Status ValidateEnvelope(const Json& body) {
  if (!body.is_object()) return InvalidParameterError("Request body must be a JSON object.");
  if (!body.contains("messaging_product"))
    return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter messaging_product is required.");
  if (body["messaging_product"] != "whatsapp")
    return InvalidParameterError("Param messaging_product must be 'whatsapp'.");
  if (body.contains("recipient_type")) {
    const Json& rt = body["recipient_type"];
    if (!rt.is_string() || (rt != "individual" && rt != "group"))
      return InvalidParameterError("Param recipient_type must be one of {individual, group}.");
  }
  if (!body.contains("to"))
    return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter to is required.");
  if (!body["to"].is_string()) return InvalidParameterError("Param to must be a string.");
  if (body.contains("type") && !body["type"].is_string())
    return InvalidParameterError("Param type must be a string.");
  if (body.contains("biz_opaque_callback_data")) {
    const Json& b = body["biz_opaque_callback_data"];
    if (!b.is_string()) return InvalidParameterError("Param biz_opaque_callback_data must be a string.");
    if (CharLength(b.get<std::string>()) > 512)
      return InvalidParameterError("Param biz_opaque_callback_data must be at most 512 characters long.");
  }
  if (body.contains("context")) {
    const Json& c = body["context"];
    if (!c.is_object() || !c.contains("message_id") || !c["message_id"].is_string())
      return InvalidParameterError("Param context['message_id'] must be a string.");
  }
  return {};
}

Status ValidateSendBody(const Json& body) {
  if (auto s = ValidateEnvelope(body); !s) return s;
  // Meta: `type` defaults to text.
  std::string type = body.value("type", std::string("text"));
  if (!body.contains(type))
    return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter " + type + " is required.");
  if (type == "reaction" && body.contains("context"))
    return InvalidParameterError("A reaction message cannot be a contextual reply.");
  return ValidateTypePayload(type, body[type]);
}

}  // namespace wasim::messages
