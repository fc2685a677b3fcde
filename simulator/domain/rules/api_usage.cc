#include "simulator/domain/rules/api_usage.h"

#include <algorithm>

namespace wasim::rules {

long GraphCallsPerHour(const SimState& s, const std::string& waba_id) {
  const Waba* w = s.accounts.FindWaba(waba_id);
  if (!w) return 200;
  for (const auto& id : w->phone_number_ids) {
    const PhoneNumber* p = s.accounts.FindPhone(id);
    if (p && p->registered && !p->deleted) return 5000;
  }
  return 200;
}

GraphCallUsage CountGraphCall(SimState& s, const std::string& app_id, const std::string& waba_id,
                              TimeMs now) {
  SlidingCounter& calls = s.rules.graph_calls[{app_id, waba_id}];
  calls.Add(now);
  const long count = static_cast<long>(calls.Count(now, kHour));
  const long limit = GraphCallsPerHour(s, waba_id);
  GraphCallUsage u;
  u.waba_id = waba_id;
  u.call_count = std::min<long>(100, (count * 100 + limit - 1) / limit);  // rounded up (assumption)
  u.total_cputime = u.call_count;
  u.total_time = u.call_count;
  return u;
}

}  // namespace wasim::rules
