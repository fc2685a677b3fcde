// Messages service: POST /{phone-number-id}/messages in domain terms.
// Validates the request, applies the sender-side rules, journals the message
// and starts its status lifecycle. No HTTP types.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

struct SendResult {
  std::string input;  // `to` as sent
  std::string wa_id;  // normalised recipient
  std::string wamid;
  std::optional<std::string> message_status;  // only for paced templates
};

enum class ActionKind { kSend, kMarkRead, kTyping };

// Which kind of call a /messages body is (send, mark-as-read, typing indicator).
ActionKind ClassifyBody(const Json& body);

// Sends a message. REQUIRES: phone_number_id names an existing number the caller may use.
Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, const Json& body);

// Mark-as-read (optionally with a typing indicator): {"status":"read","message_id":...}.
Status MarkRead(Ctx& ctx, const std::string& phone_number_id, const Json& body);

// Sender-side checks every send passes first (deleted, unregistered, ...).
Status CheckSender(const Ctx& ctx, const std::string& phone_number_id);

}  // namespace wasim::messages
