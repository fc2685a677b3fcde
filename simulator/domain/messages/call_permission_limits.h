// Meta (calling/user-call-permissions.mdx): a business may send a user at most
// 1 call permission request in 24 hours and 2 within 7 days, free-form or
// template alike; more is 138009 "Call Permission Request Limit Hit", HTTP
// 400 (calling/troubleshooting.mdx). Meta resets the limits when a call
// connects; wasim has no calls, so they never reset. Assumption: the windows
// are rolling (Meta does not say calendar or rolling) and count accepted sends,
// also one that fails afterwards (e.g. 131047); refused ones do not count.
#pragma once
#include <string>

#include "simulator/domain/simulator.h"

namespace wasim::messages {

constexpr DurationMs kCallPermissionShortWindow = 24 * kHour;
constexpr DurationMs kCallPermissionLongWindow = 7 * kDay;

// 138009 when one more request from this number to this user breaks a limit.
Status CheckCallPermissionLimit(const Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id);
// Counts an accepted request (keeps only those of the last 7 days).
void RecordCallPermissionRequest(Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id);

}  // namespace wasim::messages
