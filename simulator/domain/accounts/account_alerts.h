// Meta's account alerts of a WABA (admin API POST /_sim/wabas/{id}/alerts),
// announced by the account_alerts webhook (whatsapp/webhooks/reference/
// account_alerts): a messaging-limit increase deferred, failed or needing more
// information (about the business portfolio), an Official Business Account
// decision (about a phone number), a lost profile picture (about a number's
// business profile; wasim removes the picture).
//
//   {"alert_type":"INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"[,"entity_id":"…"]
//    [,"alert_severity":"WARNING"][,"alert_status":"ACTIVE"][,"alert_description":"…"]}
//
// Defaults per type: the entity (the WABA's portfolio, or its first number),
// a severity (assumption: Meta does not map types to severities, except its
// example DEFERRED -> WARNING), status ACTIVE and Meta's documented description
// for the type (with the portfolio's name). No HTTP types.
#pragma once
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

// Validates the body, applies the alert's effect and records AccountAlertRaised.
// A bad body changes nothing.
Status RaiseAccountAlert(Ctx& ctx, const std::string& waba_id, const Json& body);

// Meta's alert types, in the reference's order.
const std::vector<std::string>& AccountAlertTypes();

}  // namespace wasim::accounts
