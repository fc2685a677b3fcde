// Settings a WABA's owner changes through POST /{waba-id} (Meta: analytics.mdx,
// "Confirming template analytics"). No HTTP types; the caller holds the
// Simulator lock.
#pragma once
#include <string>

#include "simulator/domain/simulator.h"

namespace wasim::accounts {

// is_enabled_for_insights: true confirms template analytics for good (Meta:
// "Once confirmed, template analytics cannot be disabled"). Assumption: false
// after confirming is refused with #100; false before changes nothing.
Status SetInsightsEnabled(Ctx& ctx, const std::string& waba_id, bool enabled);

}  // namespace wasim::accounts
