#include "simulator/domain/rules/send_situation.h"

#include <algorithm>

namespace wasim::rules {

std::vector<RuleId> Violations(const SendSituation& s) {
  std::vector<RuleId> v;
  auto add = [&](bool violated, RuleId id) {
    if (violated) v.push_back(id);
  };
  bool outside_window_template = s.is_template && !s.window_open;
  add(s.display_name_unapproved, RuleId::kDisplayName);
  add(s.is_test_number && !s.recipient_allow_listed, RuleId::kAllowList);
  add(s.country_restricted, RuleId::kCountryRestricted);
  add(s.throughput_exceeded, RuleId::kThroughput);
  add(s.waba_locked, RuleId::kAccountLocked);
  // Meta (captures): payment problems fail templates; free-form replies in an
  // open window still go through.
  add(s.payment_failing && s.is_template, RuleId::kPaymentIssue);
  add(s.recipient_unreachable, RuleId::kUndeliverable);
  add(!s.is_template && !s.window_open, RuleId::kServiceWindow);
  add(s.is_marketing && s.opted_out_of_marketing, RuleId::kMarketingOptOut);
  add(s.is_marketing && s.in_marketing_experiment, RuleId::kMarketingExperiment);
  add(s.is_marketing && !s.window_open && s.marketing_cap_reached, RuleId::kMarketingCap);
  add(outside_window_template && s.messaging_limit_reached, RuleId::kMessagingLimit);
  add(s.pair_rate_exceeded, RuleId::kPairRate);
  return v;
}

Verdict Judge(const std::vector<RuleId>& violations, const RulesConfig& cfg) {
  Verdict out;
  for (RuleId id : violations) {
    const RuleSwitch& sw = cfg.Switch(id);
    if (!sw.enabled) continue;
    if (sw.surface == Surface::kSync) {
      out.sync_error = MakeError(sw.code);
      out.async_failure.reset();
      return out;
    }
    if (!out.async_failure) out.async_failure = MakeError(sw.code);
  }
  return out;
}

bool NeedsDisplayNameApproval(const PhoneNumber& phone) {
  if (phone.display_phone_number.rfind("1555", 0) != 0) return false;
  return phone.name_status != NameStatus::kApproved &&
         phone.name_status != NameStatus::kAvailableWithoutReview;
}

bool RecipientUnreachable(const Customer* c, const CustomerRelation* rel) {
  if (rel && rel->blocked_business) return true;
  return c && (c->state == CustomerState::kNotOnWhatsApp || c->state == CustomerState::kOldClient);
}

}  // namespace wasim::rules
