// Messages service: POST /{phone-number-id}/messages in domain terms.
// Validates the request, applies the sender-side rules, journals the message
// and starts its status lifecycle. No HTTP types.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/messages/request.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

struct SendResult {
  std::string input;    // `to` as sent
  std::string wa_id;    // normalised recipient; "" when sent to a BSUID (Meta)
  std::string user_id;  // the BSUID when sent to one (Meta: contacts[].user_id), else ""
  std::string wamid;
  std::optional<std::string> message_status;  // template sends only
};

// Sends a message. `request` is DecodeSendRequest's answer (decoded before the
// lock); its error is returned after the sender checks, as Meta orders them.
// REQUIRES: phone_number_id names an existing number the caller may use.
Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, Result<SendRequest> request);
// The same, decoding `body` here.
Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, const Json& body);

// Mark-as-read (optionally with a typing indicator); `request` as DecodeMarkReadRequest gave it.
Status MarkRead(Ctx& ctx, const std::string& phone_number_id, const Result<MarkReadRequest>& request);

// Sender-side checks every send passes first (deleted, unregistered, ...).
Status CheckSender(const Ctx& ctx, const std::string& phone_number_id);

}  // namespace wasim::messages
