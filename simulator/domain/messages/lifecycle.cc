#include "simulator/domain/messages/lifecycle.h"

namespace wasim::messages {
namespace {

PricingInfo PricingFor(const OutboundMessage& m) {
  PricingInfo p;
  p.category = m.category;
  if (m.is_template) {
    p.billable = true;
    p.type = "regular";
  } else {
    p.billable = false;
    p.type = "free_customer_service";
  }
  return p;
}

void ScheduleDelivered(Ctx& ctx, const std::string& wamid, TimeMs at);

void ScheduleRead(Ctx& ctx, const std::string& wamid, TimeMs at) {
  ctx.Schedule(at, "read " + wamid, [wamid](Ctx& ctx) {
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    if (!m) return;
    const Customer* c = ctx.state.customers.Find(m->wa_id);
    if (c && c->auto_read && c->state == CustomerState::kOnline) ApplyStatus(ctx, wamid, MessageStatus::kRead);
  });
}

void ScheduleDelivered(Ctx& ctx, const std::string& wamid, TimeMs at) {
  ctx.Schedule(at, "deliver " + wamid, [wamid](Ctx& ctx) {
    TimeMs now = ctx.now();
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    if (!m) return;
    const Customer* c = ctx.state.customers.Find(m->wa_id);
    // Offline users get it when they come online (before the TTL); see customers service.
    if (!c || c->state != CustomerState::kOnline) return;
    if (ApplyStatus(ctx, wamid, MessageStatus::kDelivered))
      ScheduleRead(ctx, wamid, now + ctx.state.config.read_latency);
  });
}

}  // namespace

bool ApplyStatus(Ctx& ctx, const std::string& wamid, MessageStatus status,
                 std::optional<GraphError> error) {
  OutboundMessage* m = ctx.state.messages.Find(wamid);
  if (!m) return false;
  MessageStatus cur = m->current();
  if (cur == MessageStatus::kFailed) return false;
  if (status != MessageStatus::kFailed && MessageStatusRank(status) <= MessageStatusRank(cur)) return false;
  TimeMs now = ctx.now();
  m->statuses.push_back({status, now, error});
  StatusEvent ev;
  ev.waba_id = m->waba_id;
  ev.phone_number_id = m->phone_number_id;
  ev.wamid = wamid;
  ev.recipient_id = m->wa_id;
  ev.status = status;
  ev.at = now;
  ev.error = error;
  ev.biz_opaque_callback_data = m->biz_opaque_callback_data;
  if (status != MessageStatus::kFailed) ev.pricing = PricingFor(*m);
  ctx.events.Publish(ev);
  return true;
}

void StartLifecycle(Ctx& ctx, const std::string& wamid, std::optional<GraphError> failure) {
  const SimConfig& cfg = ctx.state.config;
  TimeMs now = ctx.now();
  if (failure) {
    ctx.Schedule(now + cfg.failed_status_delay, "fail " + wamid, [wamid, err = *failure](Ctx& ctx) {
      ApplyStatus(ctx, wamid, MessageStatus::kFailed, err);
    });
    return;
  }
  ctx.Schedule(now + cfg.sent_latency, "sent " + wamid, [wamid](Ctx& ctx) {
    TimeMs t = ctx.now();
    if (ApplyStatus(ctx, wamid, MessageStatus::kSent))
      ScheduleDelivered(ctx, wamid, t + ctx.state.config.delivered_latency);
  });
}

}  // namespace wasim::messages
