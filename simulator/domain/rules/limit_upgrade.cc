#include "simulator/domain/rules/limit_upgrade.h"

#include "simulator/domain/rules/messaging_limit.h"

namespace wasim::rules {
bool BusinessQualityLow(const SimState& s, const std::string& business_id) {
  for (const auto& [id, p] : s.accounts.phone_numbers) {
    const Waba* w = s.accounts.FindWaba(p.waba_id);
    if (w && w->business_id == business_id && p.quality_rating == QualityRating::kRed) return true;
  }
  return false;
}

void RecordLimitChange(Ctx& ctx, const std::string& business_id, long old_limit, long new_limit) {
  MessagingLimitChanged f;
  f.business_id = business_id;
  f.old_limit = old_limit;
  f.new_limit = new_limit;
  for (const auto& [waba_id, w] : ctx.state.accounts.wabas) {
    if (w.business_id != business_id) continue;
    MessagingLimitChanged::WabaPhones wp{waba_id, {}};
    for (const auto& pid : w.phone_number_ids)
      if (const PhoneNumber* p = ctx.state.accounts.FindPhone(pid))
        wp.phones.push_back({p->id, p->display_phone_number});
    f.wabas.push_back(std::move(wp));
  }
  ctx.Record(std::move(f));
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
  RecordLimitChange(ctx, business_id, old_limit, *next);
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) {
  handlers.On<LimitUpgradeDue>(
      [](Ctx& ctx, const LimitUpgradeDue& due) { RunLimitUpgrade(ctx, due.business_id); });
}

}  // namespace wasim::rules
