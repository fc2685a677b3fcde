// Load-testing aid: POST /_sim/bulk creates many phone numbers and customers
// at once, so a benchmark can spread its sends over enough numbers and
// recipients to stay inside Meta's per-number throughput and per-user pair
// rate (see README "Performance"). Not a Meta API.
//
//   POST /_sim/bulk {"phone_numbers":N,"customers":M[,"waba_id":"..."]}
//   -> {"waba_id":"...","phone_numbers":[{"id","display_phone_number"}],"customers":["1650..."]}
//
// Numbers go into the given WABA (default: the default world's WABA, else the
// first WABA), registered and CONNECTED. Every call adds new objects.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/accounts/bulk.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterBulkAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
