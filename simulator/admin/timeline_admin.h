// GET /_sim/timeline: the pending work of the simulated Meta side, in run order.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterTimelineAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
