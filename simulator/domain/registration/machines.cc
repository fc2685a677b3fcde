#include "simulator/domain/registration/machines.h"

#include "simulator/domain/lifecycle/lifecycle.h"

namespace wasim::registration {
namespace {

using CVS = CodeVerificationStatus;

// code_verification: Meta's code_verification_status values. A code accepted
// by verify_code makes the number VERIFIED from any other status; a verified
// number not registered within 14 days of Embedded Signup EXPIRES (assumption, limits.h).
const Lifecycle<CVS>& Verification() {
  static const Lifecycle<CVS> machine = [] {
    Machine<CVS> m;
    m.name = "code_verification";
    for (CVS s : {CVS::kNotVerified, CVS::kUnverified, CVS::kExpired, CVS::kVerified})
      m.states.emplace_back(s, MetaName(s));
    for (CVS from : {CVS::kNotVerified, CVS::kUnverified, CVS::kExpired})
      m.transitions.emplace_back(from, CVS::kVerified);
    m.transitions.emplace_back(CVS::kVerified, CVS::kExpired);
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<CVS>* {
      return ctx.state.accounts.FindPhone(id) ? &ctx.state.registration.Of(id).verification : nullptr;
    };
    m.on_transition = [](Ctx& ctx, const std::string& id, CVS, CVS to) {
      if (PhoneNumber* p = ctx.state.accounts.FindPhone(id)) p->code_verification_status = to;
    };
    return Lifecycle<CVS>(std::move(m));
  }();
  return machine;
}

// number_registration: register and deregister. Meta: a registered Cloud API
// number is CONNECTED on CLOUD_API. Assumption: a deregistered number shows
// status DISCONNECTED and platform_type NOT_APPLICABLE.
const Lifecycle<RegistrationState>& Registration() {
  static const Lifecycle<RegistrationState> machine = [] {
    using S = RegistrationState;
    Machine<S> m;
    m.name = "number_registration";
    m.states = {{S::kUnregistered, "UNREGISTERED"}, {S::kRegistered, "REGISTERED"}};
    m.transitions = {{S::kUnregistered, S::kRegistered}, {S::kRegistered, S::kUnregistered}};
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<S>* {
      return ctx.state.accounts.FindPhone(id) ? &ctx.state.registration.Of(id).registration : nullptr;
    };
    m.on_transition = [](Ctx& ctx, const std::string& id, S, S to) {
      PhoneNumber* p = ctx.state.accounts.FindPhone(id);
      if (!p) return;
      const bool registered = to == S::kRegistered;
      p->registered = registered;
      p->status = registered ? PhoneStatus::kConnected : PhoneStatus::kDisconnected;
      p->platform_type = registered ? PlatformType::kCloudApi : PlatformType::kNotApplicable;
    };
    return Lifecycle<S>(std::move(m));
  }();
  return machine;
}

// two_step_verification: Meta: a PIN set by register or POST /{id} enables it;
// only WhatsApp Manager (its email link) disables it, never the API.
const Lifecycle<TwoStepState>& TwoStep() {
  static const Lifecycle<TwoStepState> machine = [] {
    using S = TwoStepState;
    Machine<S> m;
    m.name = "two_step_verification";
    m.states = {{S::kDisabled, "DISABLED"}, {S::kEnabled, "ENABLED"}};
    m.transitions = {{S::kDisabled, S::kEnabled}, {S::kEnabled, S::kDisabled}};
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<S>* {
      return ctx.state.accounts.FindPhone(id) ? &ctx.state.registration.Of(id).two_step : nullptr;
    };
    return Lifecycle<S>(std::move(m));
  }();
  return machine;
}

template <class S>
void Move(Ctx& ctx, const Lifecycle<S>& machine, LifecycleSlot<S>& slot, S published, const std::string& id,
          S to, const std::string& cause) {
  slot.state = published;
  if (published == to) return;
  (void)machine.MoveTo(ctx, slot, id, to, cause);  // every move the service makes is allowed
}

}  // namespace

void MoveVerification(Ctx& ctx, PhoneNumber& phone, CodeVerificationStatus to, const std::string& cause) {
  Move(ctx, Verification(), ctx.state.registration.Of(phone.id).verification, phone.code_verification_status,
       phone.id, to, cause);
}

void MoveRegistration(Ctx& ctx, PhoneNumber& phone, RegistrationState to, const std::string& cause) {
  RegistrationState published =
      phone.registered ? RegistrationState::kRegistered : RegistrationState::kUnregistered;
  Move(ctx, Registration(), ctx.state.registration.Of(phone.id).registration, published, phone.id, to, cause);
}

void MoveTwoStep(Ctx& ctx, PhoneNumber& phone, TwoStepState to, const std::string& cause) {
  TwoStepState published = phone.pin.empty() ? TwoStepState::kDisabled : TwoStepState::kEnabled;
  Move(ctx, TwoStep(), ctx.state.registration.Of(phone.id).two_step, published, phone.id, to, cause);
}

void RegisterMachines(LifecycleRegistry& registry) {
  Verification().Register(registry);
  Registration().Register(registry);
  TwoStep().Register(registry);
}

}  // namespace wasim::registration
