// Admin routes of number registration (the simulated phone and WhatsApp Manager):
//   GET  /_sim/phone_numbers/{id}/codes          every verification code sent: method, language,
//                                                code, sent_at, delivered, expires_at, used
//   GET  /_sim/phone_numbers/{id}/registration   registration state: windows, blocks, lockouts
// WhatsApp Manager's two-step verification settings (each sends Meta's `security` webhook):
//   POST /_sim/phone_numbers/{id}/two_step_verification/reset_request  {"requester"?}
//                                                "Turn off two-step verification" clicked: PIN_RESET_REQUEST
//   POST /_sim/phone_numbers/{id}/two_step_verification/disable
//                                                the reset email's link completed: 2SV off,
//                                                PIN_REQUEST_SUCCESS
//   POST /_sim/phone_numbers/{id}/two_step_verification/pin  {"pin"}
//                                                PIN set or changed in WhatsApp Manager: PIN_CHANGED
//   POST /_sim/phone_numbers/{id}/previous_account_deleted
//                                                the number's old WhatsApp account was just deleted
// The carrier filter (undelivered_code_methods) is a field of PATCH /_sim/phone_numbers/{id}.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterRegistrationAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
