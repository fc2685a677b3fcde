#include "simulator/domain/rules/limit_upgrade.h"

#include "simulator/domain/rules/messaging_limit.h"

namespace wasim::rules {
namespace {

// Meta (business_capability_update reference): max_daily_conversation_per_phone
// is the numeric limit (-1 unlimited; v23.0 and older), max_daily_conversations_per_business
// the tier name; max_phone_numbers_per_business only at 250, else max_phone_numbers_per_waba.
Json CapabilityValue(long limit) {
  Json v;
  v["max_daily_conversation_per_phone"] = limit;
  v["max_daily_conversations_per_business"] = MessagingLimitTierName(limit);
  if (limit == 250) v["max_phone_numbers_per_business"] = 2;
  else v["max_phone_numbers_per_waba"] = 25;
  return v;
}

// Meta (phone_number_quality_update reference): old_limit is only included for
// messaging limit changes. Assumption: event "UPGRADE"/"DOWNGRADE" (Meta's
// older documented values; the current page lists only ONBOARDING and
// THROUGHPUT_UPGRADE).
Json QualityValue(const PhoneNumber& p, long old_limit, long new_limit) {
  Json v;
  v["display_phone_number"] = p.display_phone_number;
  bool up = old_limit != kUnlimited && (new_limit == kUnlimited || new_limit > old_limit);
  v["event"] = up ? "UPGRADE" : "DOWNGRADE";
  v["old_limit"] = MessagingLimitTierName(old_limit);
  v["current_limit"] = MessagingLimitTierName(new_limit);
  v["max_daily_conversations_per_business"] = MessagingLimitTierName(new_limit);
  return v;
}

}  // namespace

bool BusinessQualityLow(const SimState& s, const std::string& business_id) {
  for (const auto& [id, p] : s.accounts.phone_numbers) {
    const Waba* w = s.accounts.FindWaba(p.waba_id);
    if (w && w->business_id == business_id && p.quality_rating == "RED") return true;
  }
  return false;
}

void PublishLimitChange(Ctx& ctx, const std::string& business_id, long old_limit, long new_limit) {
  TimeMs now = ctx.now();
  for (const auto& [waba_id, w] : ctx.state.accounts.wabas) {
    if (w.business_id != business_id) continue;
    ctx.events.Publish(ManagementEvent{waba_id, "business_capability_update", CapabilityValue(new_limit), now});
    for (const auto& pid : w.phone_number_ids) {
      const PhoneNumber* p = ctx.state.accounts.FindPhone(pid);
      if (!p) continue;
      ctx.events.Publish(
          ManagementEvent{waba_id, "phone_number_quality_update", QualityValue(*p, old_limit, new_limit), now});
    }
  }
}

void NoteLimitUsage(Ctx& ctx, const std::string& business_id, std::int64_t in_use) {
  const RulesConfig& cfg = ctx.state.config.rules;
  auto bit = ctx.state.accounts.businesses.find(business_id);
  if (bit == ctx.state.accounts.businesses.end()) return;
  long limit = bit->second.messaging_limit;
  if (limit == kUnlimited || limit < cfg.limit_upgrade_min || in_use * 2 < limit) return;
  LimitUpgradeTracking& t = ctx.state.rules.upgrades[business_id];
  t.half_used_at = ctx.now();
  if (!cfg.limit_auto_upgrade || t.pending) return;
  t.pending = true;
  ctx.Schedule(ctx.now() + cfg.limit_upgrade_delay, LimitUpgradeDue{business_id});
}

void RunLimitUpgrade(Ctx& ctx, const std::string& business_id) {
  const RulesConfig& cfg = ctx.state.config.rules;
  LimitUpgradeTracking& t = ctx.state.rules.upgrades[business_id];
  t.pending = false;
  auto bit = ctx.state.accounts.businesses.find(business_id);
  if (bit == ctx.state.accounts.businesses.end() || !cfg.limit_auto_upgrade) return;
  Business& b = bit->second;
  bool used_recently = t.half_used_at && ctx.now() - *t.half_used_at <= cfg.limit_upgrade_lookback;
  auto next = NextMessagingLimit(b.messaging_limit);
  if (!next || !used_recently || b.messaging_limit < cfg.limit_upgrade_min) return;
  if (BusinessQualityLow(ctx.state, business_id)) return;
  long old_limit = b.messaging_limit;
  b.messaging_limit = *next;
  PublishLimitChange(ctx, business_id, old_limit, *next);
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) {
  handlers.On<LimitUpgradeDue>([](Ctx& ctx, const LimitUpgradeDue& due) { RunLimitUpgrade(ctx, due.business_id); });
}

}  // namespace wasim::rules
