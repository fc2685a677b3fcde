#include "simulator/domain/rules/messaging_limit.h"

namespace wasim::rules {

bool IsMessagingLimitLevel(long limit) {
  return limit == 250 || limit == 2000 || limit == 10000 || limit == 100000 || limit == kUnlimited;
}

std::optional<long> NextMessagingLimit(long limit) {
  switch (limit) {
    case 250:
      return 2000;
    case 2000:
      return 10000;
    case 10000:
      return 100000;
    case 100000:
      return kUnlimited;
    default:
      return std::nullopt;
  }
}

std::string MessagingLimitTierName(long limit) {
  if (limit < 0) return "TIER_UNLIMITED";
  if (limit >= 100000) return "TIER_100K";
  if (limit >= 10000) return "TIER_10K";
  if (limit >= 2000) return "TIER_2K";
  return "TIER_250";
}

void UniqueUserWindow::Expire(TimeMs now, DurationMs window) {
  while (!queue_.empty() && queue_.front().first <= now - window) {
    auto it = latest_.find(queue_.front().second);
    if (it != latest_.end() && it->second == queue_.front().first) latest_.erase(it);
    queue_.pop_front();
  }
}

std::int64_t UniqueUserWindow::Count(TimeMs now, DurationMs window) {
  Expire(now, window);
  return static_cast<std::int64_t>(latest_.size());
}

bool UniqueUserWindow::Contains(const std::string& wa_id, TimeMs now, DurationMs window) {
  Expire(now, window);
  return latest_.count(wa_id) > 0;
}

void UniqueUserWindow::Reach(const std::string& wa_id, TimeMs now) {
  auto [it, inserted] = latest_.try_emplace(wa_id, now);
  if (!inserted && it->second == now) return;
  it->second = now;
  queue_.emplace_back(now, wa_id);
}

UniqueUserWindow UniqueUserWindow::Restored(const std::deque<std::pair<TimeMs, std::string>>& reached) {
  UniqueUserWindow w;  // Reach built the list, so replaying it rebuilds the same window
  for (const auto& [at, wa_id] : reached) w.Reach(wa_id, at);
  return w;
}

bool WouldBreachLimit(UniqueUserWindow& reached, const std::string& wa_id, long limit, TimeMs now,
                      DurationMs window) {
  if (limit == kUnlimited) return false;
  if (reached.Contains(wa_id, now, window)) return false;
  return reached.Count(now, window) >= limit;
}

}  // namespace wasim::rules
