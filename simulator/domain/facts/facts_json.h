// Facts as JSON (GET /_sim/events; the stream and persistence use the same):
//   {"seq":12,"at":"2026-01-01T00:00:01.000Z","at_ms":1767225601000,"type":"status_changed", ...fields}
// Collections carry "format_version" (kRecordFormatVersion). README "Timeline and facts".
#pragma once
#include "simulator/core/json.h"
#include "simulator/domain/facts/facts.h"

namespace wasim {

Json FactToJson(const Fact& f);
// The ids a fact is about (wamid, template id, phone number id, ...), for filters.
std::vector<std::string> FactObjectIds(const FactBody& b);

}  // namespace wasim
