// Registration service: verifying a business number's ownership with a code
// (request_code, verify_code), registering it with Cloud API and
// deregistering it (register, deregister), and its two-step verification PIN
// (POST /{phone-number-id} {"pin"}), on three lifecycles:
//   code_verification      NOT_VERIFIED|UNVERIFIED|EXPIRED -> VERIFIED -> EXPIRED
//   number_registration    UNREGISTERED <-> REGISTERED
//   two_step_verification  DISABLED <-> ENABLED
// Every transition records a LifecycleChanged fact and updates the number's
// published fields (code_verification_status; registered, status,
// platform_type; pin). Meta's rules and our assumptions: limits.h.
// No HTTP types; the caller holds the Simulator lock.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::registration {

// POST /{id}/request_code: code_method (SMS|VOICE) and language, both required.
Status RequestCode(Ctx& ctx, const std::string& phone_number_id, const Json& params);
// POST /{id}/verify_code: code (the last code sent, unused, unexpired).
Status VerifyCode(Ctx& ctx, const std::string& phone_number_id, const Json& params);
// POST /{id}/register: messaging_product "whatsapp", 6-digit pin, optional
// data_localization_region.
Status Register(Ctx& ctx, const std::string& phone_number_id, const Json& params);
// POST /{id}/deregister.
Status Deregister(Ctx& ctx, const std::string& phone_number_id);
// POST /{id} {"pin": "123456"}: sets or changes the two-step PIN.
Status SetPin(Ctx& ctx, const std::string& phone_number_id, const Json& params);

// Meta-side actions (admin API). WhatsApp Manager's two-step verification
// settings, each announced by Meta's `security` webhook:
// the business asked to turn two-step verification off (an email is sent;
// nothing changes yet): PIN_RESET_REQUEST, `requester` a Meta Business Suite
// user id (generated when empty).
Status RequestTwoStepReset(Ctx& ctx, const std::string& phone_number_id, const std::string& requester);
// The business completed the email's link: two-step verification is off and
// the PIN cleared (Meta: the API cannot do this): PIN_REQUEST_SUCCESS.
Status DisableTwoStep(Ctx& ctx, const std::string& phone_number_id);
// The business set or changed the PIN in WhatsApp Manager: PIN_CHANGED.
Status ChangePinInManager(Ctx& ctx, const std::string& phone_number_id, const Json& params);
// The number's previous WhatsApp account was just deleted: register answers
// 133015 for the next 5 minutes.
Status MarkPreviousAccountDeleted(Ctx& ctx, const std::string& phone_number_id);

// The three machines run their decisions (wiring time; they schedule none today).
void RegisterLifecycles(LifecycleRegistry& registry);

}  // namespace wasim::registration
