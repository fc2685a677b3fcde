// The world as JSON for GET /_sim/state and the message journal for
// GET /_sim/messages (admin-side views; not Graph shapes).
#pragma once
#include "simulator/core/json.h"
#include "simulator/domain/simulator.h"

namespace wasim {

Json ExportState(const Ctx& ctx);
// One admin view per account object (GET/PATCH /_sim/... and the state export).
Json BusinessJson(const Business& b);
Json WabaJson(const Waba& w);
Json PhoneJson(const PhoneNumber& p, const SimState& s);
// The display-name review of a number (pending, edit, decision, when it decides).
Json NameReviewJson(const PhoneNumber& p);
Json MessageJournalJson(const OutboundMessage& m);

}  // namespace wasim
