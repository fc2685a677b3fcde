// Message templates per WABA. State only; review lifecycle and send-time
// checks live in templates/service.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/lifecycle/slot.h"
#include "simulator/domain/templates/template_status.h"

namespace wasim {

struct MessageTemplate {
  std::string id;
  std::string waba_id;
  std::string name;
  std::string language;  // e.g. en_US
  std::string category;  // MARKETING | UTILITY | AUTHENTICATION
  // Driven by the template_review lifecycle (templates/service.cc).
  LifecycleSlot<TemplateStatus> status{TemplateStatus::kPending};
  std::string parameter_format = "POSITIONAL";  // POSITIONAL | NAMED
  std::string quality_score = "UNKNOWN";        // GREEN | YELLOW | RED | UNKNOWN
  std::string rejected_reason = "NONE";
  Json components = Json::array();
  TimeMs created_at = 0;
  std::optional<TimeMs> message_send_ttl_seconds;
  // The review's configured decision (admin; PENDING -> APPROVED/REJECTED).
  std::string pending_decision = "APPROVED";
  // Reason (and optional rejection_info) a REJECTED decision is sent with.
  std::string pending_reason = "NONE";
  Json pending_rejection_info;  // null or {"reason","recommendation"}
  // Per-template review delay (admin); nullopt: config.template_review_delay.
  std::optional<DurationMs> review_delay;
  // Reason and rejection_info the next move to REJECTED carries (set with the
  // decision or the forced status; the webhook reports them).
  std::string next_reason = "NONE";
  Json next_rejection_info;
  // Meta's template pacing: sends of a paced template answer with
  // message_status "held_for_quality_assessment" (set through the admin API).
  bool paced = false;
  // When edits of this template while APPROVED happened (Meta's edit limits).
  std::vector<TimeMs> approved_edits;
};

struct TemplateStore {
  std::map<std::string, MessageTemplate> by_id;
  // (waba_id, name) -> when an APPROVED template of that name was deleted
  // (Meta: the name cannot be reused for 30 days).
  std::map<std::pair<std::string, std::string>, TimeMs> deleted_approved_names;

  const MessageTemplate* Find(const std::string& waba_id, const std::string& name,
                              const std::string& language) const {
    for (const auto& [id, t] : by_id)
      if (t.waba_id == waba_id && t.name == name && t.language == language) return &t;
    return nullptr;
  }
  bool HasName(const std::string& waba_id, const std::string& name) const {
    for (const auto& [id, t] : by_id)
      if (t.waba_id == waba_id && t.name == name) return true;
    return false;
  }
};

}  // namespace wasim
