// Admin routes for Coexistence numbers (what the business does in the
// WhatsApp Business app, and the simulated Meta side's settings):
//   POST /_sim/phone_numbers/{id}/business_app
//     {"action":"opened"}                          heartbeat: moves the inactivity deadline
//     {"action":"sent_message","to":"165...","text":"hi"}  (or "type" + its object): smb_message_echoes
//     {"action":"contact_saved","phone_number":"165...","full_name":"...","first_name":"..."}
//     {"action":"contact_removed","phone_number":"165..."}   after the contacts sync: smb_app_state_sync
//     {"action":"stopped"}                         the business disconnects in the app: PARTNER_REMOVED
//     {"action":"reinstalled"}                     the app was reinstalled (clears a pairing error)
//   GET  /_sim/phone_numbers/{id}/business_app     link state, deadline, syncs, companions
//   GET/PATCH /_sim/coexistence  {"inactivity_threshold":"13d","sync_interval":"1s","messages_per_chunk":50}
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterCoexistenceAdminRoutes(AdminRouter& router, Simulator& sim);
// A number's business app and Coexistence link (also in GET /_sim/state).
Json BusinessAppJson(const SimState& state, const PhoneNumber& p);

}  // namespace wasim
