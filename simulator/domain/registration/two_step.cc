// The two-step verification PIN: set or changed over the API (Meta:
// two-step-verification.mdx) and in WhatsApp Manager, which alone can turn it
// off (Meta: phone-numbers.mdx "Disabling two-step verification"; its changes
// send the `security` webhook, webhooks/reference/security).
#include "simulator/domain/registration/machines.h"
#include "simulator/domain/registration/params.h"
#include "simulator/domain/registration/service.h"

namespace wasim::registration {
namespace {

void RecordSecurity(Ctx& ctx, const PhoneNumber& phone, const char* event, std::string requester = "") {
  ctx.Record(
      TwoStepSecurityEvent{phone.waba_id, phone.id, phone.display_phone_number, event, std::move(requester)});
}

}  // namespace

Status SetPin(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  auto pin = RequiredPin(params);
  if (!pin) return pin.error();
  // Meta: POST /{id} sets or changes the PIN without the old one ("If you
  // don't have your PIN, you can change your PIN using the API"). Meta lists
  // no webhook for API changes.
  MoveTwoStep(ctx, *phone, TwoStepState::kEnabled, "set_pin");  // adopts first: a change of PIN is no move
  phone->pin = *pin;
  return {};
}

Status RequestTwoStepReset(Ctx& ctx, const std::string& phone_number_id, const std::string& requester) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  RecordSecurity(ctx, *phone, "PIN_RESET_REQUEST", requester.empty() ? ctx.ids.NumericId(14) : requester);
  return {};
}

Status DisableTwoStep(Ctx& ctx, const std::string& phone_number_id) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  MoveTwoStep(ctx, *phone, TwoStepState::kDisabled, "whatsapp_manager");
  phone->pin.clear();
  RecordSecurity(ctx, *phone, "PIN_REQUEST_SUCCESS");
  return {};
}

Status ChangePinInManager(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  auto pin = RequiredPin(params);
  if (!pin) return pin.error();
  MoveTwoStep(ctx, *phone, TwoStepState::kEnabled, "whatsapp_manager");
  phone->pin = *pin;
  RecordSecurity(ctx, *phone, "PIN_CHANGED");
  return {};
}

}  // namespace wasim::registration
