// Envelope validation and the order in which a send body is checked.
#include "simulator/domain/messages/validation.h"

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

Status ValidateContext(const Json& body) {
  if (!body.contains("context")) return {};
  if (auto s = RequireObject(body, "context", "context"); !s) return s;
  if (auto s = RequireString(body["context"], "message_id", "context['message_id']", 1024); !s) return s;
  // Assumption: a reply target must look like a message id ("wamid." prefix);
  // a well-formed but unknown id is accepted (Meta documents no error for it).
  const std::string& id = body["context"]["message_id"].get_ref<const std::string&>();
  if (id.rfind("wamid.", 0) != 0 || id.size() == 6)
    return SchemaParamError("Param context['message_id'] is not a valid message id.");
  return {};
}

Status ValidateCallbackData(const Json& body) {
  // Meta: biz_opaque_callback_data is an arbitrary string of at most 512 characters.
  return RequireString(body, "biz_opaque_callback_data", "biz_opaque_callback_data",
                       limits::kBizOpaqueCallbackData, /*required=*/false);
}

}  // namespace

Status ValidateEnvelope(const Json& body) {
  if (!body.is_object()) return SchemaParamError("Request body must be a JSON object.");
  if (!body.contains("messaging_product")) return ParamRequired("messaging_product");
  const Json& mp = body["messaging_product"];
  if (!mp.is_string() || mp != "whatsapp")
    return ParamNotOneOf("messaging_product", "WHATSAPP", mp.is_string() ? mp.get<std::string>() : mp.dump());
  if (body.contains("recipient_type")) {
    const Json& rt = body["recipient_type"];
    if (!rt.is_string() || (rt != "individual" && rt != "group"))
      return ParamNotOneOf("recipient_type", "INDIVIDUAL, GROUP",
                           rt.is_string() ? rt.get<std::string>() : rt.dump());
  }
  // business-scoped-user-ids.mdx: `to` takes a phone number or a BSUID. BSP
  // clients also send the BSUID as `recipient` (research digest §13.1):
  // accepted when `to` is absent (`to` wins when both are present).
  if (!body.contains("to") && !body.contains("recipient")) return ParamRequired("to");
  if (body.contains("to") && !body["to"].is_string()) return ParamWrongType("to", "a string");
  if (body.contains("recipient") && !body["recipient"].is_string())
    return ParamWrongType("recipient", "a string");
  if (body.contains("type") && !body["type"].is_string()) return ParamWrongType("type", "a string");
  if (auto s = ValidateCallbackData(body); !s) return s;
  return ValidateContext(body);
}

Status ValidateSendBody(const Json& body) {
  if (auto s = ValidateEnvelope(body); !s) return s;
  // Meta: `type` defaults to text.
  std::string type = body.value("type", std::string("text"));
  if (!IsKnownType(type)) return UnknownTypeError(type);
  if (!body.contains(type)) return ParamRequired(type);
  // Meta: a reaction cannot be a contextual reply. Assumption: rejected as code 100.
  if (type == "reaction" && body.contains("context"))
    return SchemaParamError("Param context is not supported for reaction messages.");
  return ValidateTypePayload(type, body[type]);
}

}  // namespace wasim::messages
