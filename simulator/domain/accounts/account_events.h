// Meta-side account events of a WABA (admin API POST /_sim/wabas/{id}/events),
// each announced by Meta's account_update webhook (whatsapp/webhooks/reference/
// account_update), and their effects on sending where Meta documents them.
//
//   {"event":"ACCOUNT_VIOLATION","violation_type":"ADULT"}
//   {"event":"DISABLED_UPDATE","ban_state":"DISABLE"[,"ban_date":"April 17, 2025"]}
//   {"event":"ACCOUNT_RESTRICTION","restriction_info":[{"restriction_type":"RESTRICTED_BIZ_INITIATED_MESSAGING",
//            "after":"3d" | "expiration":1641848057}][,"phone_number_id":"…"][,"violation_type":"…"]}
//   {"event":"ACCOUNT_DELETED"}
//   {"event":"BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE","country":"IN"}
//   {"event":"MM_LITE_TERMS_SIGNED"}
//   {"event":"AUTH_INTL_PRICE_ELIGIBILITY_UPDATE","start_time":1748780624[,"exception_countries":[{"country_code":"ID","start_time":1751347424}]]}
//   {"event":"PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE","status":"FAILED"[,"rejection_reasons":["MALFORMED
//   DOCUMENTS"]]}
//   {"event":"VOLUME_BASED_PRICING_TIER_UPDATE","pricing_category":"UTILITY","tier":"25000001:50000000",
//    "region":"India"[,"effective_month":"2025-11"]}
//
// Only the webhook is simulated for the last six (no effect on sending).
// PARTNER_ADDED/REMOVED and app installs belong to onboarding; AD_ACCOUNT_LINKED
// is not raised (Meta: "will no longer be fired").
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

// Validates the body, applies the event's effect and records AccountUpdated.
// A bad body changes nothing (InvalidParameterError with what is wrong).
Status RaiseAccountEvent(Ctx& ctx, const std::string& waba_id, const Json& body);

// The events RaiseAccountEvent accepts.
const std::vector<std::string>& AccountEventNames();

// Meta: a disabled WABA (ban DISABLE), or one whose review is not APPROVED
// ("cannot be used with our APIs"), cannot send. Assumption: both surface as
// the account-locked rule (131031).
bool WabaCannotSend(const Waba& waba);

// An ACCOUNT_RESTRICTION block in force now (Meta: "1 or 3 day block on
// sending ... template messages", "5, 7, or 30 day block on sending any
// messages"): 368 "Temporarily blocked for policies violations" (assumption:
// the code of Meta's temporary policy blocks), or nothing.
std::optional<GraphError> RestrictionBlock(const Ctx& ctx, const Waba& waba, bool is_template);

// Meta's waba_ban_date format, e.g. "April 17, 2025" (UTC date of `at`).
std::string BanDate(TimeMs at);

}  // namespace wasim::accounts
