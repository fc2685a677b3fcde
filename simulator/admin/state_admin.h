// The complete state over the admin API (registered at wiring time, for the
// main simulator and every sandbox):
//   GET    /_sim/state                    the summary view (now, apps, businesses, wabas,
//                                         phone_numbers, customers, templates, counts) AND the
//                                         complete document (persist/complete_state.h) in one object
//   GET    /_sim/state?view=summary       the summary view only (cheap at any size)
//   PUT    /_sim/state                    imports a document (the summary keys are ignored):
//                                         all or nothing; 400 naming the JSON path otherwise
//   POST   /_sim/snapshots {"name":"x"}   saves the complete state in memory (name optional)
//   GET    /_sim/snapshots                lists them
//   POST   /_sim/snapshots/{name}/restore imports one
//   DELETE /_sim/snapshots/{name}         drops one
// Snapshots live as long as the server (not in a reset, not in the state).
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"
#include "simulator/webhooks/outbox.h"

namespace wasim {

void RegisterStateAdminRoutes(AdminRouter& router, Simulator& sim, webhooks::Outbox& outbox);

}  // namespace wasim
