// The status of an outbound message, in Meta's webhook vocabulary.
#pragma once
#include <optional>
#include <string_view>

namespace wasim {

enum class MessageStatus { kAccepted, kSent, kDelivered, kRead, kFailed };
const char* MessageStatusName(MessageStatus s);
std::optional<MessageStatus> ParseMessageStatus(std::string_view name);
// Order used to forbid going backwards (failed is terminal).
int MessageStatusRank(MessageStatus s);

}  // namespace wasim
