// Timeline records as JSON (GET /_sim/timeline, state export, persistence):
//   {"id":7,"due":"2026-01-01T00:00:01.000Z","due_ms":1767225601000,
//    "kind":"status_due","wamid":"wamid.X","status":"delivered","then_deliver":true}
// The fields after `kind` are the record's own (README "Timeline and facts").
// Readers of a collection check its `format_version` (kRecordFormatVersion).
#pragma once
#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/timeline/timeline.h"

namespace wasim {

Json TimelineEntryToJson(const TimelineEntry& e);
// Fails, saying which field is wrong, on anything TimelineEntryToJson does not produce.
Result<TimelineEntry> TimelineEntryFromJson(const Json& j);

}  // namespace wasim
