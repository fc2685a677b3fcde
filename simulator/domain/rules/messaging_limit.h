// Portfolio messaging limits. Meta: the number of unique users a business
// portfolio can reach outside a customer service window in a moving 24 h;
// levels 250 -> 2,000 -> 10,000 -> 100,000 -> unlimited (-1 here).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "simulator/core/time.h"

namespace wasim::rules {

constexpr long kUnlimited = -1;

// True for Meta's levels: 250, 2000, 10000, 100000, -1.
bool IsMessagingLimitLevel(long limit);
// The next level up; nullopt at unlimited or for an unknown value.
std::optional<long> NextMessagingLimit(long limit);
// Meta's tier names: TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED.
std::string MessagingLimitTierName(long limit);

// Unique users reached in a moving window; a user counts once, by their latest
// reach. O(log n) per call amortised: a map of latest reaches plus a queue in
// time order from which expired entries are dropped.
class UniqueUserWindow {
 public:
  std::int64_t Count(TimeMs now, DurationMs window);
  bool Contains(const std::string& wa_id, TimeMs now, DurationMs window);
  void Reach(const std::string& wa_id, TimeMs now);
  // The users reached and when, in reaching order (persistence); Restored
  // rebuilds a window from that list.
  const std::deque<std::pair<TimeMs, std::string>>& reached() const { return queue_; }
  static UniqueUserWindow Restored(const std::deque<std::pair<TimeMs, std::string>>& reached);

 private:
  void Expire(TimeMs now, DurationMs window);
  std::map<std::string, TimeMs> latest_;
  std::deque<std::pair<TimeMs, std::string>> queue_;
};

// Whether a send that reaches `wa_id` would breach `limit` (repeats within the
// window never do; unlimited never does).
bool WouldBreachLimit(UniqueUserWindow& reached, const std::string& wa_id, long limit, TimeMs now,
                      DurationMs window);

}  // namespace wasim::rules
