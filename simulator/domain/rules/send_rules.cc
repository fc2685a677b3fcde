#include "simulator/domain/rules/send_rules.h"

#include <algorithm>

#include "simulator/domain/accounts/account_events.h"
#include "simulator/domain/messages/recipient.h"
#include "simulator/domain/rules/limit_upgrade.h"
#include "simulator/domain/rules/pricing.h"
#include "simulator/domain/rules/send_situation.h"
#include "simulator/domain/rules/service_window.h"

namespace wasim::rules {
namespace {

constexpr DurationMs kThroughputWindow = kSecond;  // Meta: messages per second

// Everything CheckSend needs, looked up once.
struct SendContext {
  const PhoneNumber& phone;
  const Waba* waba;
  const Business* business;
  const Customer* customer;
  const CustomerRelation* relation;
  bool is_template;
  PricingCategory category;
  bool window_open;
};

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

SendSituation Gather(Ctx& ctx, const SendContext& sc, const std::string& wa_id) {
  const RulesConfig& cfg = ctx.state.config.rules;
  RulesState& rs = ctx.state.rules;
  TimeMs now = ctx.now();
  SendSituation s;
  s.display_name_unapproved = NeedsDisplayNameApproval(sc.phone);
  s.is_test_number = sc.phone.is_test_number;
  s.recipient_allow_listed = Contains(sc.phone.allowed_recipients, wa_id);
  s.country_restricted = sc.waba && Contains(sc.waba->restricted_calling_codes, CallingCodeOf(wa_id));
  s.throughput_exceeded =
      rs.throughput[sc.phone.id].Count(now, kThroughputWindow) >= ThroughputLimit(sc.phone, cfg);
  // Meta: a locked, disabled (ban DISABLE) or not-approved WABA cannot send.
  s.waba_locked = sc.waba && (sc.waba->locked || accounts::WabaCannotSend(*sc.waba));
  s.payment_failing = sc.business && !sc.business->payment_method_ok;
  // Meta: a number without WhatsApp is accepted, then fails with 131026; the
  // world decides whether numbers it does not know are such numbers.
  s.recipient_unreachable = RecipientUnreachable(sc.customer, sc.relation) ||
                            (!sc.customer && !ctx.state.config.unknown_recipients_on_whatsapp);
  s.opted_out_of_marketing = sc.relation && sc.relation->marketing_opt_out;
  s.in_marketing_experiment = sc.customer && sc.customer->in_marketing_experiment;
  s.is_template = sc.is_template;
  s.is_marketing = sc.is_template && sc.category == PricingCategory::kMarketing;
  s.window_open = sc.window_open;
  if (s.is_marketing && !s.window_open)
    s.marketing_cap_reached =
        rs.marketing_received[wa_id].Count(now, cfg.marketing_cap_window) >= cfg.marketing_cap_per_user;
  if (s.is_template && !s.window_open && sc.business)
    s.messaging_limit_reached = WouldBreachLimit(rs.reached[sc.business->id], wa_id,
                                                 sc.business->messaging_limit, now, cfg.limit_window);
  auto bucket = rs.pair_buckets.find({sc.phone.id, wa_id});
  s.pair_rate_exceeded =
      bucket != rs.pair_buckets.end() && !bucket->second.CanTake(now, cfg.pair_interval, cfg.pair_burst);
  return s;
}

// Counters move only for accepted messages; a message that will fail spends
// throughput (the API call was accepted) but nothing that delivery would spend.
void Commit(Ctx& ctx, const SendContext& sc, const std::string& wa_id, bool will_fail) {
  const RulesConfig& cfg = ctx.state.config.rules;
  RulesState& rs = ctx.state.rules;
  TimeMs now = ctx.now();
  rs.throughput[sc.phone.id].Add(now);
  if (will_fail) return;
  rs.pair_buckets[{sc.phone.id, wa_id}].Take(now, cfg.pair_interval, cfg.pair_burst);
  if (sc.is_template && !sc.window_open && sc.business) {
    UniqueUserWindow& reached = rs.reached[sc.business->id];
    reached.Reach(wa_id, now);
    NoteLimitUsage(ctx, sc.business->id, reached.Count(now, cfg.limit_window));
  }
  if (sc.is_template && sc.category == PricingCategory::kMarketing && !sc.window_open)
    rs.marketing_received[wa_id].Add(now);
  if (OpensFreeEntryPoint(sc.relation, now, cfg))
    ctx.state.customers.Relation(sc.phone.id, wa_id).free_entry_point_started_at = now;
}

}  // namespace

std::int64_t ThroughputLimit(const PhoneNumber& phone, const RulesConfig& cfg) {
  if (phone.mode == NumberMode::kCoexistence) return cfg.throughput_coexistence_mps;
  if (phone.throughput_level == ThroughputLevel::kHigh) return cfg.throughput_high_mps;
  return cfg.throughput_standard_mps;
}

Result<SendDecision> CheckSend(Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id,
                               const std::string& type, PricingCategory template_category) {
  const RulesConfig& cfg = ctx.state.config.rules;
  const PhoneNumber& phone = *ctx.state.accounts.FindPhone(phone_number_id);
  bool is_template = type == "template";
  const CustomerRelation* rel = ctx.state.customers.FindRelation(phone_number_id, wa_id);
  SendContext sc{phone,
                 ctx.state.accounts.FindWaba(phone.waba_id),
                 ctx.state.accounts.BusinessOfWaba(phone.waba_id),
                 ctx.state.customers.Find(wa_id),
                 rel,
                 is_template,
                 is_template ? template_category : PricingCategory::kService,
                 ServiceWindowOpen(rel, ctx.now(), cfg)};
  Verdict verdict = Judge(Violations(Gather(ctx, sc, wa_id)), cfg);
  if (verdict.sync_error) return *verdict.sync_error;
  Commit(ctx, sc, wa_id, verdict.async_failure.has_value());
  SendDecision d;
  d.failure = verdict.async_failure;
  d.category = sc.category;
  // Relation may have been created/updated by Commit (free entry point).
  const CustomerRelation* now_rel = ctx.state.customers.FindRelation(phone_number_id, wa_id);
  bool fep = FreeEntryPointActive(now_rel, ctx.now(), cfg);
  d.pricing = PriceMessage(is_template, sc.category, sc.window_open, fep);
  if (fep) {
    TimeMs start = *now_rel->free_entry_point_started_at;
    d.pricing.conversation_id = FreeEntryPointConversationId(phone_number_id, wa_id, start);
    d.pricing.conversation_expires_at = start + cfg.fep_window;
  }
  return d;
}

void RecordInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& /*wa_id*/) {
  // Meta: throughput counts inbound and outbound messages alike.
  ctx.state.rules.throughput[phone_number_id].Add(ctx.now());
}

}  // namespace wasim::rules
