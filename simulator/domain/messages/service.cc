#include "simulator/domain/messages/service.h"

#include <utility>

#include "simulator/domain/accounts/account_events.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/domain/messages/call_permission_limits.h"
#include "simulator/domain/messages/lifecycle.h"
#include "simulator/domain/messages/recipient.h"
#include "simulator/domain/messages/send_checks.h"
#include "simulator/domain/rules/send_rules.h"

namespace wasim::messages {

namespace {

// The user a BSUID names in the sending number's business portfolio (Meta: a
// BSUID of another portfolio fails). None before BSUIDs are shared.
std::optional<std::string> UserOfBsuid(const Ctx& ctx, const std::string& phone_number_id,
                                       const std::string& bsuid) {
  if (ctx.now() < customers::kBsuidsSharedFrom) return std::nullopt;
  return customers::FindByBsuid(ctx.state, customers::PortfolioOfPhone(ctx.state, phone_number_id), bsuid);
}

// Assumption: Meta documents no code for an unknown BSUID (only that a BSUID of
// another portfolio fails); we answer like an invalid `to` (code 100).
GraphError UnknownBsuidError() {
  return InvalidParameterError(
      "Param to must be a valid phone number or a business-scoped user ID of this business portfolio.");
}

// business-scoped-user-ids.mdx: one-tap, zero-tap and copy-code authentication
// templates need a phone number (131062). Every authentication template has one
// of these OTP buttons (Meta: authentication-templates), so the category decides.
bool IsAuthentication(PricingCategory c) {
  return c == PricingCategory::kAuthentication || c == PricingCategory::kAuthenticationInternational;
}

}  // namespace

Status CheckSender(const Ctx& ctx, const std::string& phone_number_id) {
  const PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  // Meta: code 33 means the business phone number has been deleted.
  if (phone->deleted) return MakeError(ErrorCode::kPhoneNumberDeleted);
  const Waba* waba = ctx.state.accounts.FindWaba(phone->waba_id);
  if (waba && waba->policy_blocked) return MakeError(ErrorCode::kPolicyBlocked);
  // Captured: a never-registered Cloud number gets "(#133010) Account not registered", HTTP 400.
  if (!phone->registered) return MakeError(ErrorCode::kNotRegistered);
  return {};
}

Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, Result<SendRequest> request) {
  if (auto s = CheckSender(ctx, phone_number_id); !s) return s.error();
  if (!request) return request.error();
  SendRequest& req = *request;
  const PhoneNumber& phone = *ctx.state.accounts.FindPhone(phone_number_id);
  // Meta's policy enforcement: an ACCOUNT_RESTRICTION block in force (368).
  if (const Waba* waba = ctx.state.accounts.FindWaba(phone.waba_id))
    if (auto block = accounts::RestrictionBlock(ctx, *waba, req.type == "template")) return *block;

  std::string to_user_id = customers::LooksLikeBsuid(req.to) ? req.to : "";
  auto wa_id = to_user_id.empty() ? NormalizeRecipient(req.to, phone.display_phone_number)
                                  : UserOfBsuid(ctx, phone_number_id, to_user_id);
  if (!wa_id && !to_user_id.empty()) return UnknownBsuidError();
  if (!wa_id) return InvalidParameterError("Param to must be a valid phone number.");
  if (*wa_id == phone.display_phone_number) return MakeError(ErrorCode::kRecipientIsSender);

  // Media ids, templates and reaction targets (before any rule counts the send).
  auto checked = CheckSendState(ctx, phone, *wa_id, req.type, req.payload);
  if (!checked) return checked.error();
  if (!to_user_id.empty() && IsAuthentication(checked->category))
    return MakeError(ErrorCode::kAuthTemplateToBsuid);
  // Assumption: before the messaging rules, so a refused request uses no
  // throughput or pair-rate budget (Meta does not say which error comes first).
  if (checked->call_permission_request)
    if (auto s = CheckCallPermissionLimit(ctx, phone_number_id, *wa_id); !s) return s.error();
  // Meta's messaging rules: refuse now (sync) or accept and fail later (async); prices the message.
  // The template was looked up once, by CheckSendState; its category is passed on.
  auto ruled = rules::CheckSend(ctx, phone_number_id, *wa_id, req.type, checked->category);
  if (!ruled) return ruled.error();
  OutboundMessage m;
  m.wamid = ctx.ids.Wamid(*wa_id, true);
  m.phone_number_id = phone_number_id;
  m.waba_id = phone.waba_id;
  m.to_input = req.to;
  m.wa_id = *wa_id;
  m.to_user_id = to_user_id;
  m.type = req.type;
  m.payload = std::move(req.payload);
  m.biz_opaque_callback_data = std::move(req.biz_opaque_callback_data);
  if (req.context_message_id) m.context_message_id = std::move(*req.context_message_id);
  m.is_template = req.type == "template";
  m.template_text = std::move(checked->template_text);
  m.category = ruled->category;
  m.pricing = ruled->pricing;
  m.accepted_at = ctx.now();
  ctx.state.customers.Ensure(*wa_id);
  // Meta: messaging the user's phone number shares it for the next 30 days.
  if (to_user_id.empty())
    ctx.state.customers.Relation(phone_number_id, *wa_id).last_send_to_phone_at = ctx.now();
  if (checked->call_permission_request) RecordCallPermissionRequest(ctx, phone_number_id, *wa_id);
  OutboundMessage& stored = ctx.state.messages.Add(std::move(m));
  std::string template_name;
  if (stored.is_template && stored.payload.is_object())
    template_name = stored.payload.value("name", std::string());
  ctx.Record(MessageAccepted{stored.waba_id, stored.phone_number_id, stored.wamid, stored.wa_id, stored.type,
                             template_name});
  StartLifecycle(ctx, stored.wamid, checked->async_failure ? checked->async_failure : ruled->failure);
  // business-scoped-user-ids.mdx: sent to a BSUID, contacts[].wa_id is "" and user_id the BSUID.
  return SendResult{req.to, to_user_id.empty() ? *wa_id : "", to_user_id, stored.wamid,
                    checked->message_status};
}

Result<SendResult> Send(Ctx& ctx, const std::string& phone_number_id, const Json& body) {
  return Send(ctx, phone_number_id, DecodeSendRequest(body));
}

Status MarkRead(Ctx& ctx, const std::string& phone_number_id, const Result<MarkReadRequest>& request) {
  if (auto s = CheckSender(ctx, phone_number_id); !s) return s;
  if (!request) return request.error();
  InboundMessage* in = ctx.state.inbound.Find(request->message_id);
  if (!in || in->phone_number_id != phone_number_id)
    return InvalidParameterError(
        "Invalid message_id: no message with this id was received by this phone number.");
  if (request->typing_indicator_error) return *request->typing_indicator_error;
  // Meta: marking a message read also marks earlier messages in the thread read.
  // Indexed by thread: no scan over every inbound message.
  ctx.state.inbound.MarkThreadReadThrough(phone_number_id, in->from, in->at);
  return {};
}

}  // namespace wasim::messages
