// Checks of a validated send that need state: media ids, reaction targets and
// templates. Called by the messages service between validation and journaling.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

// Meta: a reaction's target must be at most 30 days old.
constexpr DurationMs kReactionMaxAge = 30 * kDay;

struct CheckedSend {
  // Templates: from their category (rules::CategoryFromTemplate), for rules::CheckSend.
  PricingCategory category = PricingCategory::kService;
  // Decided after acceptance: the message gets a `failed` status with it.
  std::optional<GraphError> async_failure;
  // The send response's messages[].message_status (template sends only).
  std::optional<std::string> message_status;
  // An interactive call_permission_request, or a template with that component
  // (Meta: the limits count both).
  bool call_permission_request = false;
  // Templates: the body text with the parameters filled in (journaled with the message).
  std::string template_text;
};

// REQUIRES: `payload` is a decoded send's body[type] (SendRequest); `phone` is the
// sending number; `wa_id` the recipient.
// Synchronous errors: unusable media ids (100), template errors (templates/send_check.h).
Result<CheckedSend> CheckSendState(const Ctx& ctx, const PhoneNumber& phone, const std::string& wa_id,
                                   const std::string& type, const Json& payload);

// Every media id the send references must be media uploaded to this number's
// WABA (not customer media) and not expired. Meta (captured): code 100
// "Param image['id'] is not a valid whatsapp business account media attachment ID".
// `payload` is body[type].
Status CheckMediaIds(const Ctx& ctx, const PhoneNumber& phone, const std::string& type, const Json& payload);

// Meta: a reaction to a message older than 30 days, not in this chat, or
// itself a reaction is accepted and then fails with 131009 (status webhook).
std::optional<GraphError> ReactionTargetFailure(const Ctx& ctx, const std::string& phone_number_id,
                                                const std::string& wa_id, const Json& reaction);

}  // namespace wasim::messages
