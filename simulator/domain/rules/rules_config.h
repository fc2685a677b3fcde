// Configuration of Meta's messaging rules: which rules are on, which catalog
// code each raises, where it surfaces (HTTP response or a later `failed`
// status) and every threshold. Lives in the world (SimConfig::rules), so it is
// per simulator and overridable per scenario and via GET/PATCH /_sim/rules.
// Values follow Meta's documentation unless the comment says "Assumption".
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "simulator/core/errors.h"
#include "simulator/core/time.h"

namespace wasim::rules {

// Where a rule's error comes back: synchronously in the HTTP response
// (nothing is journaled) or as HTTP 200 + wamid and then a `failed` status.
enum class Surface { kSync, kAsync };
const char* SurfaceName(Surface s);
std::optional<Surface> ParseSurface(std::string_view name);

// Every rule that can refuse or fail a send.
enum class RuleId {
  kServiceWindow,        // 131047
  kThroughput,           // 130429
  kPairRate,             // 131056
  kMessagingLimit,       // breach code: assumption (131048)
  kUndeliverable,        // 131026
  kAllowList,            // 131030
  kMarketingExperiment,  // 130472
  kMarketingCap,         // 131049
  kMarketingOptOut,      // 131050
  kCountryRestricted,    // 130497
  kPaymentIssue,         // 131042
  kAccountLocked,        // 131031
  kDisplayName,          // 131037
  kCount,
};
constexpr int kRuleCount = static_cast<int>(RuleId::kCount);
// Rule name as used in /_sim/rules ("service_window", "pair_rate", ...).
const char* RuleName(RuleId id);
std::optional<RuleId> ParseRuleName(std::string_view name);

struct RuleSwitch {
  bool enabled = true;
  ErrorCode code = ErrorCode::kApiUnknown;
  Surface surface = Surface::kSync;
};

struct RulesConfig {
  std::array<RuleSwitch, kRuleCount> switches = DefaultSwitches();
  const RuleSwitch& Switch(RuleId id) const { return switches[static_cast<int>(id)]; }
  RuleSwitch& Switch(RuleId id) { return switches[static_cast<int>(id)]; }

  // Meta: the customer service window lasts 24 h from the user's last message.
  std::int64_t service_window = 24 * kHour;
  // Meta: a free entry point window opens when the business replies within
  // 24 h to a user who came from a click-to-WhatsApp ad; it lasts 72 h.
  std::int64_t free_entry_point_enabled = 1;
  std::int64_t fep_reply_within = 24 * kHour;
  std::int64_t fep_window = 72 * kHour;
  // Meta: 80 messages/s per number by default, 1,000 after the upgrade,
  // 20 for Coexistence numbers; inbound and outbound both count.
  // Assumption: throughput_level "HIGH" marks an upgraded number.
  std::int64_t throughput_standard_mps = 80;
  std::int64_t throughput_high_mps = 1000;
  std::int64_t throughput_coexistence_mps = 20;
  // Meta: 1 message per 6 s to the same user, bursts up to 45 (token bucket).
  std::int64_t pair_interval = 6 * kSecond;
  std::int64_t pair_burst = 45;
  // Meta: unique users reached outside the window, moving 24 h, per portfolio.
  std::int64_t limit_window = 24 * kHour;
  // Meta: automatic scaling (from 2,000 up) when at least half the limit was
  // used in the last 7 days and quality is high: +1 level within 6 hours.
  std::int64_t limit_auto_upgrade = 1;
  std::int64_t limit_upgrade_min = 2000;
  std::int64_t limit_upgrade_lookback = 7 * kDay;
  std::int64_t limit_upgrade_delay = 6 * kHour;
  // Meta (older docs): test numbers may message at most 5 allow-listed users.
  std::int64_t allow_list_max = 5;
  // Assumption: Meta's per-user marketing cap is undisclosed; we allow this
  // many marketing templates per user (across businesses, outside an open
  // window) per moving window.
  std::int64_t marketing_cap_per_user = 10;
  std::int64_t marketing_cap_window = 24 * kHour;

  static std::array<RuleSwitch, kRuleCount> DefaultSwitches();
};

}  // namespace wasim::rules
