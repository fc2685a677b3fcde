// Messaging health status (the `health_status` field of phone numbers, WABAs
// and templates). Meta (support/health-status.mdx): every node involved in a
// send is listed as an entity with can_send_message AVAILABLE | LIMITED |
// BLOCKED (LIMITED carries additional_info, BLOCKED carries errors); the
// overall can_send_message is BLOCKED if any entity is, else LIMITED if any
// is, else AVAILABLE. The phone number (or template) comes first, then the
// WABA, the business portfolio and the app, always.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/state.h"

namespace wasim::accounts {

// For GET /{phone-number-id}?fields=health_status, seen by `app_id`.
Json PhoneHealthStatus(const SimState& s, const PhoneNumber& p, const std::string& app_id, TimeMs now);
// For GET /{waba-id}?fields=health_status.
Json WabaHealthStatus(const SimState& s, const Waba& w, const std::string& app_id, TimeMs now);
// For GET /{template-id}?fields=health_status.
Json TemplateHealthStatus(const SimState& s, const MessageTemplate& t, const std::string& app_id, TimeMs now);

}  // namespace wasim::accounts
