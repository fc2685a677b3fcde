// The registration area's three lifecycles (lifecycle.h) and the moves the
// service makes on them. Internal to the registration module.
#pragma once
#include <string>

#include "simulator/domain/registration/registration_store.h"
#include "simulator/domain/simulator.h"

namespace wasim::registration {

// Each Move* first adopts the number's published field into the slot (the
// admin API and other areas may have set it), then moves when the state
// differs, recording LifecycleChanged with `cause` and updating the number.
void MoveVerification(Ctx& ctx, PhoneNumber& phone, CodeVerificationStatus to, const std::string& cause);
void MoveRegistration(Ctx& ctx, PhoneNumber& phone, RegistrationState to, const std::string& cause);
void MoveTwoStep(Ctx& ctx, PhoneNumber& phone, TwoStepState to, const std::string& cause);

void RegisterMachines(LifecycleRegistry& registry);

}  // namespace wasim::registration
