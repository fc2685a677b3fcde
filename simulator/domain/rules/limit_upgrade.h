// Automatic scaling of a portfolio's messaging limit, on the virtual clock.
//
// Meta: once a portfolio is at 2,000 or more, it moves up one level within
// 6 hours when it used at least half its limit in the last 7 days and its
// quality is high. We record "half used" when a send brings the rolling
// unique-user count to >= limit/2 and schedule the upgrade upgrade_delay
// later; at that instant it happens unless a number of the portfolio is RED
// (Assumption: "quality not low" = no business number rated RED).
#pragma once
#include <cstdint>
#include <string>

#include "simulator/domain/simulator.h"

namespace wasim::rules {

// After a send reached a user outside the window: `in_use` unique users now.
void NoteLimitUsage(Ctx& ctx, const std::string& business_id, std::int64_t in_use);

// Runs the upgrade decision for a business now (the scheduled task's body).
void RunLimitUpgrade(Ctx& ctx, const std::string& business_id);

// True when any phone number of the business is rated RED.
bool BusinessQualityLow(const SimState& s, const std::string& business_id);

// Records the change with every WABA of the business and its numbers (Meta
// then sends `business_capability_update` and `phone_number_quality_update`).
void RecordLimitChange(Ctx& ctx, const std::string& business_id, long old_limit, long new_limit);

// Runs this area's timeline records (wiring time).
void RegisterTimelineHandlers(TimelineHandlers& handlers);

}  // namespace wasim::rules
