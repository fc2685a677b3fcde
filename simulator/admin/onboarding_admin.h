// Admin route that plays a business through Embedded Signup:
//   POST /_sim/onboarding
//     {"app_id":"...", "business_id":"..." | "business_name":"...", "waba_id":"...",
//      "phone_number_id":"..." | "phone_number":"15550783881", "verified_name":"...",
//      "mode":"cloud|coexistence", "outcome":"success|<failure name>"}
//   -> {"session_event":{...WA_EMBEDDED_SIGNUP...}, "code":"AQ...", "code_expires_at":"...",
//       "business_id","waba_id","phone_number_id","after_connect"}
//   GET /_sim/onboarding/outcomes -> the named failures
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterOnboardingAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
