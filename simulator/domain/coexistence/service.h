// Coexistence: a WhatsApp Business app number also on Cloud API (Meta:
// embedded-signup/onboarding-business-app-users). Sync requests, the
// business app's echoes and heartbeat, and the inactivity disconnection.
// Used under the Simulator lock like all domain code.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::coexistence {

inline constexpr const char* kContactsSync = "smb_app_state_sync";
inline constexpr const char* kHistorySync = "history";
// Meta: sync requests are accepted within 24 h of onboarding.
constexpr DurationMs kSyncWindow = 24 * kHour;

// POST /{phone-number-id}/smb_app_data: validates, refuses a second request
// of a type (2593107) or one after the 24 h window (2593108), and schedules
// the webhooks on the timeline. Returns the request id.
Result<std::string> RequestSync(Ctx& ctx, const std::string& phone_number_id, const Json& body);

// Onboarding finished for a Coexistence number: unlinks its companions (a
// fact), and starts the inactivity deadline. The caller sets onboarded_at.
void Onboarded(Ctx& ctx, const std::string& phone_number_id);

// What the business does in the WhatsApp Business app (admin):
// opened (heartbeat: moves the inactivity deadline), sent_message (an echo),
// stopped (disconnects in the app: PARTNER_REMOVED, initiated by USER).
Status AppOpened(Ctx& ctx, const std::string& phone_number_id);
Result<std::string> AppSentMessage(Ctx& ctx, const std::string& phone_number_id, const Json& body);
Status AppDisconnected(Ctx& ctx, const std::string& phone_number_id);
// contact_saved / contact_removed: the business edits its app's address book;
// once the contacts were synced, each edit is an smb_app_state_sync webhook
// (Meta: webhooks/reference/smb_app_state_sync, triggers).
Status AppContactSaved(Ctx& ctx, const std::string& phone_number_id, const BusinessAppContact& contact);
Status AppContactRemoved(Ctx& ctx, const std::string& phone_number_id, const std::string& contact_number);
// reinstalled: the business reinstalled the app, which clears the "Error
// while pairing Cloud API" an onboarding may be stuck on (onboarding module).
Status AppReinstalled(Ctx& ctx, const std::string& phone_number_id);

bool IsConnected(const Ctx& ctx, const std::string& phone_number_id);

// The simulated Meta side's Coexistence settings as JSON
// ({"inactivity_threshold":"14d","sync_interval":"1s","messages_per_chunk":50}),
// and a partial update of them: all or nothing; returns the problem, if any.
Json SettingsJson(const Ctx& ctx);
std::optional<std::string> UpdateSettings(Ctx& ctx, const Json& patch);

// Wiring time: the sync timeline handler and the link lifecycle.
void RegisterTimelineHandlers(TimelineHandlers& handlers);
void RegisterLifecycles(LifecycleRegistry& registry);

}  // namespace wasim::coexistence
