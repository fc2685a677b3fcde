// Counters the messaging rules keep per world (inside SimState, under the
// Simulator lock). Every structure is a bounded moving window or a bucket,
// so a check is O(log n) amortised, never a scan over history.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "simulator/core/time.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/domain/rules/sliding_counter.h"
#include "simulator/domain/rules/token_bucket.h"

namespace wasim::rules {

struct LimitUpgradeTracking {
  std::optional<TimeMs> half_used_at;  // last time >= half the limit was in use
  bool pending = false;                // an upgrade is scheduled
};

struct RulesState {
  // Messages (inbound + outbound) per business number in the last second.
  std::map<std::string, SlidingCounter> throughput;
  // (phone_number_id, wa_id) -> pair rate bucket.
  std::map<std::pair<std::string, std::string>, TokenBucket> pair_buckets;
  // Business portfolio id -> unique users reached outside the window.
  std::map<std::string, UniqueUserWindow> reached;
  // wa_id -> marketing templates received outside a window (all businesses).
  std::map<std::string, SlidingCounter> marketing_received;
  // Business portfolio id -> automatic scaling bookkeeping.
  std::map<std::string, LimitUpgradeTracking> upgrades;
  // (app id, WABA id) -> Graph calls in the last hour (x-business-use-case-usage).
  std::map<std::pair<std::string, std::string>, SlidingCounter> graph_calls;
};

}  // namespace wasim::rules
