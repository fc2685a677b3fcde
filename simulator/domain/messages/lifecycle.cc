#include "simulator/domain/messages/lifecycle.h"

#include "simulator/domain/customers/identity.h"

namespace wasim::messages {
namespace {

// Owned by the rules module: the price is decided when the message is accepted
// (rules::CheckSend -> OutboundMessage::pricing: category, CSW, free entry point).
PricingInfo PricingFor(const OutboundMessage& m) { return m.pricing; }

const Customer* RecipientOf(const Ctx& ctx, const OutboundMessage& m) {
  return ctx.state.customers.Find(m.wa_id);
}

// Meta: "Only a sent status is ever emitted for reactions".
bool IsReaction(const OutboundMessage& m) { return m.type == "reaction"; }

void ScheduleRead(Ctx& ctx, const std::string& wamid, TimeMs at) {
  ctx.Schedule(at, StatusDue{wamid, MessageStatus::kRead, false});
}

// Assumption: a customer who reads on their own (auto_read) also plays a voice
// message, read_latency after reading it.
void SchedulePlayed(Ctx& ctx, const std::string& wamid, TimeMs at) {
  ctx.Schedule(at, StatusDue{wamid, MessageStatus::kPlayed, false});
}

bool ReadsOnTheirOwn(const Ctx& ctx, const OutboundMessage& m) {
  const Customer* c = RecipientOf(ctx, m);
  return c && c->auto_read && c->state == CustomerState::kOnline;
}

void RunRead(Ctx& ctx, const std::string& wamid) {
  const OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (!m || !ReadsOnTheirOwn(ctx, *m)) return;
  if (ApplyStatus(ctx, wamid, MessageStatus::kRead) && IsVoiceMessage(*m))
    SchedulePlayed(ctx, wamid, ctx.now() + ctx.state.config.read_latency);
}

void RunPlayed(Ctx& ctx, const std::string& wamid) {
  const OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (m && ReadsOnTheirOwn(ctx, *m)) ApplyStatus(ctx, wamid, MessageStatus::kPlayed);
}

// Meta does not say which reason it was (131026 covers them all). The rules
// module's `undeliverable` switch can turn it off or change its code; then nullopt.
std::optional<GraphError> UndeliverableError(const Ctx& ctx) {
  const rules::RuleSwitch& sw = ctx.state.config.rules.Switch(rules::RuleId::kUndeliverable);
  if (!sw.enabled) return std::nullopt;
  return MakeError(sw.code);
}

// One delivery attempt: delivered (then read) when reachable within the TTL;
// offline leaves it pending for ResumeDeliveries; a recipient that became
// unreachable since acceptance fails with 131026.
void AttemptDelivery(Ctx& ctx, const std::string& wamid) {
  const OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (!m || IsReaction(*m)) return;
  switch (ReachabilityOf(ctx, *m)) {
    case Reachability::kOffline:
      return;
    case Reachability::kUndeliverable:
      if (auto err = UndeliverableError(ctx)) ApplyStatus(ctx, wamid, MessageStatus::kFailed, *err);
      return;
    case Reachability::kReachable:
      break;
  }
  // Meta: not delivered before the TTL -> dropped, no webhook.
  if (ctx.now() > DeliveryDeadline(ctx.state.config, *m)) return;
  if (ApplyStatus(ctx, wamid, MessageStatus::kDelivered))
    ScheduleRead(ctx, wamid, ctx.now() + ctx.state.config.read_latency);
}

void ScheduleDelivery(Ctx& ctx, const std::string& wamid, TimeMs at) {
  ctx.Schedule(at, StatusDue{wamid, MessageStatus::kDelivered, false});
}

// `sent` after sent_latency; a delivery attempt follows unless `then_deliver` is false.
void ScheduleSent(Ctx& ctx, const std::string& wamid, bool then_deliver) {
  ctx.Schedule(ctx.now() + ctx.state.config.sent_latency,
               StatusDue{wamid, MessageStatus::kSent, then_deliver});
}

void RunSent(Ctx& ctx, const std::string& wamid, bool then_deliver) {
  if (ApplyStatus(ctx, wamid, MessageStatus::kSent) && then_deliver)
    ScheduleDelivery(ctx, wamid, ctx.now() + ctx.state.config.delivered_latency);
}

void ScheduleFailure(Ctx& ctx, const std::string& wamid, GraphError error) {
  ctx.Schedule(ctx.now() + ctx.state.config.failed_status_delay, FailDue{wamid, std::move(error)});
}

void RunStatusDue(Ctx& ctx, const StatusDue& due) {
  switch (due.status) {
    case MessageStatus::kSent:
      return RunSent(ctx, due.wamid, due.then_deliver);
    case MessageStatus::kDelivered:
      return AttemptDelivery(ctx, due.wamid);
    case MessageStatus::kRead:
      return RunRead(ctx, due.wamid);
    case MessageStatus::kPlayed:
      return RunPlayed(ctx, due.wamid);
    default:
      return;  // not produced (records_json refuses other statuses)
  }
}

}  // namespace

bool IsVoiceMessage(const OutboundMessage& m) {
  return m.type == "audio" && m.payload.is_object() && m.payload.value("voice", false) == true;
}

std::optional<std::string> StatusProblem(const OutboundMessage& m, MessageStatus to) {
  if (to == MessageStatus::kPlayed && !IsVoiceMessage(m))
    return std::string("played is the status of voice messages only (audio sent with \"voice\": true)");
  // Meta: played is "the first time a voice message is played", after it was read.
  if (to == MessageStatus::kPlayed && m.current() != MessageStatus::kRead)
    return "a voice message is played after it is read (" + std::string(MessageStatusName(m.current())) +
           " -> played)";
  return TransitionProblem(m.current(), to);
}

Reachability ReachabilityOf(const Ctx& ctx, const OutboundMessage& m) {
  const Customer* c = RecipientOf(ctx, m);
  const CustomerRelation* rel = ctx.state.customers.FindRelation(m.phone_number_id, m.wa_id);
  if (rel && rel->blocked_business) return Reachability::kUndeliverable;
  // Assumption: unknown users behave like the default (online), unless the
  // world says numbers it does not know are not on WhatsApp.
  if (!c)
    return ctx.state.config.unknown_recipients_on_whatsapp ? Reachability::kReachable
                                                           : Reachability::kUndeliverable;
  switch (c->state) {
    case CustomerState::kOnline:
      return Reachability::kReachable;
    case CustomerState::kOffline:
      return Reachability::kOffline;
    case CustomerState::kNotOnWhatsApp:
    case CustomerState::kOldClient:
      return Reachability::kUndeliverable;
  }
  return Reachability::kReachable;
}

TimeMs DeliveryDeadline(const SimConfig& cfg, const OutboundMessage& m) {
  bool auth = m.is_template && (m.category == PricingCategory::kAuthentication ||
                                m.category == PricingCategory::kAuthenticationInternational);
  return m.accepted_at + (auth ? kAuthTemplateTtl : cfg.message_ttl);
}

std::optional<std::string> TransitionProblem(MessageStatus from, MessageStatus to) {
  std::string move = std::string(MessageStatusName(from)) + " -> " + MessageStatusName(to);
  if (from == MessageStatus::kFailed) return "the message already failed; failed is final (" + move + ")";
  if (to == MessageStatus::kFailed) {
    // Assumption: a message on the user's device can no longer fail.
    if (MessageStatusRank(from) >= MessageStatusRank(MessageStatus::kDelivered))
      return "the message was already " + std::string(MessageStatusName(from)) +
             "; failed can only follow accepted or sent (" + move + ")";
    return std::nullopt;
  }
  if (MessageStatusRank(to) <= MessageStatusRank(from))
    return "statuses never go backwards or repeat (" + move + ")";
  return std::nullopt;
}

bool ApplyStatus(Ctx& ctx, const std::string& wamid, MessageStatus status, std::optional<GraphError> error) {
  OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (!m) return false;
  if (StatusProblem(*m, status)) return false;
  TimeMs now = ctx.now();
  m->statuses.push_back({status, now, error});
  StatusChanged ev;
  ev.waba_id = m->waba_id;
  ev.phone_number_id = m->phone_number_id;
  ev.wamid = wamid;
  ev.recipient_id = m->wa_id;
  ev.status = status;
  ev.error = error;
  ev.biz_opaque_callback_data = m->biz_opaque_callback_data;
  ev.user = customers::IdentityFor(ctx.state, m->phone_number_id, m->wa_id, now);
  ev.to_user_id = !m->to_user_id.empty();
  if (const Customer* c = RecipientOf(ctx, *m)) ev.profile_name = c->profile_name;
  // Meta: `pricing` rides on `sent` and on one of delivered/read, not on both
  // (status webhook reference); we put it on sent and delivered.
  if (status == MessageStatus::kSent || status == MessageStatus::kDelivered) {
    ev.pricing = PricingFor(*m);
    // Free entry point window (rules::CheckSend): the conversation is the window.
    ev.conversation_id = m->pricing.conversation_id;
    ev.conversation_expires_at = m->pricing.conversation_expires_at;
  }
  ctx.Record(std::move(ev));
  return true;
}

void StartLifecycle(Ctx& ctx, const std::string& wamid, std::optional<GraphError> failure) {
  const OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (!m) return;
  if (!failure && !IsReaction(*m) && ReachabilityOf(ctx, *m) == Reachability::kUndeliverable)
    failure = UndeliverableError(ctx);  // callers other than Send, which judges this rule itself
  if (failure) {
    // Capture (tactilenews/100eyes#2076): 131026 arrives as 200, then `sent`, then
    // `failed`. Other post-acceptance errors (131047, 131042, ...): `failed` only.
    if (failure->code == ErrorCode::kMessageUndeliverable) ScheduleSent(ctx, wamid, false);
    ScheduleFailure(ctx, wamid, *failure);
    return;
  }
  // An unreachable recipient with the 131026 rule switched off: `sent`, nothing more.
  bool deliverable = !IsReaction(*m) && ReachabilityOf(ctx, *m) != Reachability::kUndeliverable;
  ScheduleSent(ctx, wamid, deliverable);
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) {
  handlers.On<StatusDue>(RunStatusDue);
  handlers.On<FailDue>(
      [](Ctx& ctx, const FailDue& due) { ApplyStatus(ctx, due.wamid, MessageStatus::kFailed, due.error); });
}

void ResumeDeliveries(Ctx& ctx, const std::string& wa_id) {
  const Customer* c = ctx.state.customers.Find(wa_id);
  if (!c || c->state != CustomerState::kOnline) return;
  const SimConfig& cfg = ctx.state.config;
  TimeMs now = ctx.now();
  for (const auto& id : ctx.state.messages.order()) {
    const OutboundMessage* m = ctx.state.messages.Find(id);
    if (m->wa_id != wa_id || IsReaction(*m)) continue;
    MessageStatus cur = m->current();
    if (cur == MessageStatus::kSent && ReachabilityOf(ctx, *m) == Reachability::kReachable &&
        now <= DeliveryDeadline(cfg, *m)) {
      ScheduleDelivery(ctx, id, now + cfg.delivered_latency);
    } else if (cur == MessageStatus::kDelivered && c->auto_read) {
      ScheduleRead(ctx, id, now + cfg.read_latency);
    } else if (cur == MessageStatus::kRead && c->auto_read && IsVoiceMessage(*m)) {
      SchedulePlayed(ctx, id, now + cfg.read_latency);
    }
  }
}

}  // namespace wasim::messages
