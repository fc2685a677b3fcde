// Admin routes for Meta-side account decisions and events:
//   POST /_sim/phone_numbers/{id}/name_review  display-name review: decide now
//        {"decision":"APPROVED"} | {"decision":"DECLINED","reason":"NAME_FORMAT_UNACCEPTABLE"};
//        set the pending review's outcome and/or delay {"decision":…,"after":"36h"};
//        submit a name {"new_name":"Lucky Shrub"[,"decision":…][,"after":…]} (starts or restarts a review)
//   POST /_sim/phone_numbers/{id}/username_review  business username review: decide now
//        {"decision":"APPROVED"} | {"decision":"REJECTED","rejection_reasons":["NOT_AVAILABLE"]},
//        or later with "after":"2h" (409 when no review is pending)
//   POST /_sim/wabas/{id}/events               an account_update event (domain/accounts/account_events.h)
// A bad body -> 400 and nothing changes; an unknown object -> 404.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterAccountEventsAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
