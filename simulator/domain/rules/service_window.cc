#include "simulator/domain/rules/service_window.h"

#include "simulator/core/hmac.h"

namespace wasim::rules {

bool ServiceWindowOpen(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg) {
  return rel && rel->last_inbound_at && now < *rel->last_inbound_at + cfg.service_window;
}

bool FreeEntryPointActive(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg) {
  if (!cfg.free_entry_point_enabled || !rel || !rel->free_entry_point_started_at) return false;
  TimeMs start = *rel->free_entry_point_started_at;
  return now >= start && now < start + cfg.fep_window;
}

bool OpensFreeEntryPoint(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg) {
  if (!cfg.free_entry_point_enabled || !rel || !rel->last_referral_at) return false;
  if (now >= *rel->last_referral_at + cfg.fep_reply_within) return false;
  if (FreeEntryPointActive(rel, now, cfg)) return false;
  // One window per referral: a later referral may open a new one.
  return !rel->free_entry_point_started_at || *rel->free_entry_point_started_at < *rel->last_referral_at;
}

std::string FreeEntryPointConversationId(const std::string& phone_number_id, const std::string& wa_id,
                                         TimeMs window_start) {
  return Sha256Hex("fep|" + phone_number_id + "|" + wa_id + "|" + std::to_string(window_start)).substr(0, 32);
}

}  // namespace wasim::rules
