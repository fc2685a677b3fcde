// Admin endpoints of the webhook outbox (registered at wiring time):
//   GET  /_sim/webhooks[?state=&field=&app_id=&wamid=&limit=&body=0]  journal
//   GET  /_sim/webhooks/{id}                                           one delivery
//   POST /_sim/webhooks/{id}/redeliver                                 send its body again now
//   GET|POST /_sim/webhooks/config                                     batching, ordering, horizon, realism
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/webhooks/outbox.h"

namespace wasim {

void RegisterWebhookAdminRoutes(AdminRouter& router, webhooks::Outbox& outbox);

}  // namespace wasim
