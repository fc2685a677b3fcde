// Request validation for POST /{phone-number-id}/messages: the envelope and
// every message type's limits (Meta's per-type docs). Pure functions over the
// parsed JSON; errors are catalog errors whose details say what is wrong.
// Which code a problem gets is explained in validation_rules.h.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::messages {

// Envelope: messaging_product, recipient_type, to, type, context, biz_opaque_callback_data.
Status ValidateEnvelope(const Json& body);
// The object under body[type] for the given type.
Status ValidateTypePayload(const std::string& type, const Json& payload);
// Both, in Meta's order.
Status ValidateSendBody(const Json& body);

// Whether `type` is a message type wasim accepts, and the error for one it does not.
bool IsKnownType(const std::string& type);
GraphError UnknownTypeError(const std::string& type);

}  // namespace wasim::messages
