#include "simulator/http/messages_codec.h"

namespace wasim {

MessagesCall DecodeMessagesCall(const Json& params) {
  if (messages::ClassifyBody(params) == messages::ActionKind::kSend)
    return messages::DecodeSendRequest(params);
  return messages::DecodeMarkReadRequest(params);
}

}  // namespace wasim
