// Admin route forcing a status on an outbound message:
//   POST /_sim/messages/{wamid}/status
//        {"status":"delivered|read|failed","error":{"code":131026,"details":"..."}}
// `error` is required with (and only with) "failed"; its code must be in the
// catalog. Exactly that status is applied (and published) now; nothing else is
// scheduled. 404 unknown message, 400 bad body, 409 when it would go backwards.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterMessageStatusAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
