// Message templates per WABA. State only; review lifecycle and send-time
// checks live in templates/service.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"

namespace wasim {

struct MessageTemplate {
  std::string id;
  std::string waba_id;
  std::string name;
  std::string language;  // e.g. en_US
  std::string category;  // MARKETING | UTILITY | AUTHENTICATION
  std::string status = "PENDING";
  std::string parameter_format = "POSITIONAL";  // POSITIONAL | NAMED
  std::string quality_score = "UNKNOWN";        // GREEN | YELLOW | RED | UNKNOWN
  std::string rejected_reason = "NONE";
  Json components = Json::array();
  TimeMs created_at = 0;
  std::optional<TimeMs> message_send_ttl_seconds;
  // Review decision queued on the scheduler (PENDING -> APPROVED/REJECTED).
  std::string pending_decision = "APPROVED";
};

struct TemplateStore {
  std::map<std::string, MessageTemplate> by_id;

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
