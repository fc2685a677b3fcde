// Graph call usage per app and WABA, as Graph reports it in the
// x-business-use-case-usage response header.
//
// Meta (about-the-platform.mdx "Rate limits"): an app can make 200 requests
// per hour per WABA, or 5000 per hour for an active WABA (one with at least
// one registered phone number), counted over a rolling hour. Graph's rate
// limiting guide: call_count, total_cputime and total_time are whole
// percentages of the allowance used; estimated_time_to_regain_access is in
// minutes. Assumptions: every authenticated call on a WABA's objects counts;
// CPU and time percentages equal the call percentage (wasim does no work
// worth measuring); nothing is refused when 100% is passed (80007 is not
// enforced), so the time to regain access is always 0.
#pragma once
#include <string>

#include "simulator/core/time.h"
#include "simulator/domain/state.h"

namespace wasim::rules {

struct GraphCallUsage {
  std::string waba_id;
  std::string type = "whatsapp_business_management";
  long call_count = 0;  // percent of the hourly allowance
  long total_cputime = 0;
  long total_time = 0;
  long estimated_time_to_regain_access = 0;  // minutes
};

// 200, or 5000 when the WABA has a registered, undeleted phone number.
long GraphCallsPerHour(const SimState& s, const std::string& waba_id);

// Counts one call by `app_id` on `waba_id` at `now`; the usage after it.
GraphCallUsage CountGraphCall(SimState& s, const std::string& app_id, const std::string& waba_id, TimeMs now);

}  // namespace wasim::rules
