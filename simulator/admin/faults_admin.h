// /_sim/faults: WireMock-style fault rules for the Graph API (domain/faults).
//   POST   /_sim/faults        create a rule (body: the rule's JSON); answers it with its id
//   GET    /_sim/faults        every rule in order, with matched/fired/remaining/finished
//   GET    /_sim/faults/{id}   one rule
//   DELETE /_sim/faults/{id}   remove one rule
//   DELETE /_sim/faults        remove every rule
// Rules live in the simulator's FaultStore (own mutex): these calls never
// take the state lock. POST /_sim/reset clears them too.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterFaultAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
