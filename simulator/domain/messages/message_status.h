// The status of an outbound message, in Meta's webhook vocabulary.
#pragma once
#include <optional>
#include <string_view>

namespace wasim {

// kPlayed: Meta (changelog 2025-11-03; status webhook reference) "the first
// time a voice message is played"; it follows read, for voice messages only.
enum class MessageStatus { kAccepted, kSent, kDelivered, kRead, kPlayed, kFailed };
const char* MessageStatusName(MessageStatus s);
std::optional<MessageStatus> ParseMessageStatus(std::string_view name);
// Order used to forbid going backwards (failed is terminal).
int MessageStatusRank(MessageStatus s);

}  // namespace wasim
