// Admin route for a customer writing to a business number:
//   POST /_sim/inbound {"from":"16505551234","phone_number_id":"...","type":"text",
//                       "text":{"body":"hi"},"context"?,"referral"?,"profile_name"?}
//   -> 200 {"id":"wamid..."} (+ "media_id" for media types); 400/404 with a clear message.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterInboundAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
