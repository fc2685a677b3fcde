// Typed requests of POST /{phone-number-id}/messages, built from the parsed
// body by pure functions: everything that depends on the body alone (shape,
// per-type limits) is decided here, so callers can do it before taking the
// Simulator lock. State checks (sender, recipient, media ids, rules) stay in
// the service, which reports a decode error exactly where it validated the
// body before (after the sender checks).
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::messages {

enum class ActionKind { kSend, kMarkRead, kTyping };

// Which kind of call a /messages body is (send, mark-as-read, typing indicator).
ActionKind ClassifyBody(const Json& body);

// Meta: recipient_type is "individual" (the default) or "group".
enum class RecipientType { kIndividual, kGroup };

// A send whose body passed ValidateSendBody.
struct SendRequest {
  // `to` (else `recipient`) as sent: a phone number or a BSUID (the response's
  // contacts[].input); resolved under the lock.
  std::string to;
  RecipientType recipient_type = RecipientType::kIndividual;
  std::string type;                               // a type IsKnownType accepts; Meta: "text" when absent
  Json payload;                                   // body[type], valid for `type`
  std::optional<std::string> context_message_id;  // the message replied to
  std::string biz_opaque_callback_data;           // "" when absent
};

// The send in `body`, or the error ValidateSendBody gives for it.
Result<SendRequest> DecodeSendRequest(const Json& body);

// Mark-as-read, optionally with a typing indicator:
// {"messaging_product":"whatsapp","status":"read","message_id":...[,"typing_indicator":{"type":"text"}]}.
struct MarkReadRequest {
  std::string message_id;
  bool typing_indicator = false;  // asked for (and valid)
  // A bad typing_indicator is reported only once the message is found (the
  // service's order: an unknown message_id wins), so it waits here.
  std::optional<GraphError> typing_indicator_error;
};

// REQUIRES: ClassifyBody(body) is kMarkRead or kTyping.
// The request, or the first envelope error (messaging_product, status, message_id).
Result<MarkReadRequest> DecodeMarkReadRequest(const Json& body);

}  // namespace wasim::messages
