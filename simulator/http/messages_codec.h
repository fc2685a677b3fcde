// The codec of POST /{phone-number-id}/messages: the parameters decoded into
// the domain's typed request before the Simulator lock (GraphRoute::decode).
// A body error travels inside the result; the service reports it after the
// sender checks, where it validated the body when that ran under the lock.
#pragma once
#include <variant>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/messages/request.h"

namespace wasim {

// A send, or a mark-as-read (with or without a typing indicator), by ClassifyBody.
using MessagesCall = std::variant<Result<messages::SendRequest>, Result<messages::MarkReadRequest>>;

MessagesCall DecodeMessagesCall(const Json& params);

}  // namespace wasim
