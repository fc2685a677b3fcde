// GET /_sim/events: the fact log, read from a cursor, optionally long-polled.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterEventsAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
