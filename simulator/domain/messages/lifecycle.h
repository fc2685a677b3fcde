// Status lifecycle of an accepted outbound message on the virtual clock:
// sent -> delivered (user reachable) -> read (user reads) [-> played, voice
// messages only], or failed with a catalog error. Statuses of one message never go backwards.
//
// By the recipient's state (see README "Customers and inbound messages"):
//   online            sent, delivered, read (read only with auto_read)
//   offline           sent; delivered (+read) once online again before the TTL,
//                     nothing more after it (Meta: dropped, no webhook)
//   not_on_whatsapp, old_client, user blocked the business
//                     sent, then failed 131026 after failed_status_delay
//   reactions         sent only (Meta rule)
#pragma once
#include <optional>
#include <string>

#include "simulator/core/errors.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

// How a message's recipient can be reached right now.
enum class Reachability {
  kReachable,      // online: the device takes the message
  kOffline,        // pending until the user comes online (or the TTL passes)
  kUndeliverable,  // 131026: not on WhatsApp, old client, blocked the business
};
Reachability ReachabilityOf(const Ctx& ctx, const OutboundMessage& m);

// Meta: authentication templates default to a 10-minute TTL.
constexpr DurationMs kAuthTemplateTtl = 10 * kMinute;
// The last instant `m` may still be delivered: acceptance + TTL (Meta: 30 days,
// authentication templates 10 minutes). Undelivered after it: dropped silently.
TimeMs DeliveryDeadline(const SimConfig& cfg, const OutboundMessage& m);

// Schedules the lifecycle of a just-accepted message. `failure`, when set, is
// an error decided after acceptance (the sending rules: 131047, 131042, ...):
// the message gets `failed` with it after config.failed_status_delay instead of
// being delivered; for 131026 a `sent` comes first (captured). Without a
// failure, an unreachable recipient still gets sent + failed 131026 unless the
// rules' `undeliverable` switch is off (then: sent, nothing more).
void StartLifecycle(Ctx& ctx, const std::string& wamid, std::optional<GraphError> failure);

// Why `from` -> `to` is not allowed (statuses never go backwards; failed is
// terminal and cannot follow delivered/read), or nullopt when allowed.
std::optional<std::string> TransitionProblem(MessageStatus from, MessageStatus to);

// An audio message sent with "voice": true (Meta: audio-messages, voice messages).
bool IsVoiceMessage(const OutboundMessage& m);

// TransitionProblem, and played only for voice messages.
std::optional<std::string> StatusProblem(const OutboundMessage& m, MessageStatus to);

// Records a status and publishes its event, unless StatusProblem objects.
// Returns whether it was applied.
bool ApplyStatus(Ctx& ctx, const std::string& wamid, MessageStatus status,
                 std::optional<GraphError> error = std::nullopt);

// Runs StatusDue and FailDue records (wiring time).
void RegisterTimelineHandlers(TimelineHandlers& handlers);

// Call after a customer's state/relations/auto_read change: when the customer
// is online, schedules delivery of their `sent` messages still within the TTL
// and, with auto_read, the read of their `delivered` ones (and the play of
// their read voice messages).
void ResumeDeliveries(Ctx& ctx, const std::string& wa_id);

}  // namespace wasim::messages
