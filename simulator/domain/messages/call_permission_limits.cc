#include "simulator/domain/messages/call_permission_limits.h"

#include <algorithm>

namespace wasim::messages {

Status CheckCallPermissionLimit(const Ctx& ctx, const std::string& phone_number_id,
                                const std::string& wa_id) {
  const CustomerRelation* rel = ctx.state.customers.FindRelation(phone_number_id, wa_id);
  if (!rel) return {};
  const TimeMs now = ctx.now();
  auto within = [&](DurationMs window) {
    return std::count_if(rel->call_permission_requests_at.begin(), rel->call_permission_requests_at.end(),
                         [&](TimeMs at) { return now - at < window; });
  };
  if (within(kCallPermissionShortWindow) >= 1)
    return MakeError(
        ErrorCode::kCallPermissionRequestLimit,
        "Limit reached for call permission request sends for the given business and consumer pair: "
        "at most 1 in 24 hours.");
  if (within(kCallPermissionLongWindow) >= 2)
    return MakeError(
        ErrorCode::kCallPermissionRequestLimit,
        "Limit reached for call permission request sends for the given business and consumer pair: "
        "at most 2 in 7 days.");
  return {};
}

void RecordCallPermissionRequest(Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id) {
  auto& times = ctx.state.customers.Relation(phone_number_id, wa_id).call_permission_requests_at;
  const TimeMs now = ctx.now();
  times.erase(std::remove_if(times.begin(), times.end(),
                             [&](TimeMs at) { return now - at >= kCallPermissionLongWindow; }),
              times.end());
  times.push_back(now);
}

}  // namespace wasim::messages
