// Admin routes for Meta-side template decisions:
//   POST /_sim/templates/{id}/status
//     {"status":"APPROVED|REJECTED|PAUSED|DISABLED","reason":"...","rejection_info":{...}}
//       forces a decision now (publishes message_template_status_update);
//     {"decision":"APPROVED|REJECTED","reason":"...","delay":"90s"}
//       sets the outcome (and optionally the delay) of the template's review.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterTemplateAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
