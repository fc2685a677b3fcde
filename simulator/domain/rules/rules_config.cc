#include "simulator/domain/rules/rules_config.h"

namespace wasim::rules {
namespace {

constexpr const char* kRuleNames[kRuleCount] = {
    "service_window", "throughput",           "pair_rate",     "messaging_limit",   "undeliverable",
    "allow_list",     "marketing_experiment", "marketing_cap", "marketing_opt_out", "country_restricted",
    "payment_issue",  "account_locked",       "display_name",
};

}  // namespace

const char* SurfaceName(Surface s) { return s == Surface::kSync ? "sync" : "async"; }

std::optional<Surface> ParseSurface(std::string_view name) {
  if (name == "sync") return Surface::kSync;
  if (name == "async") return Surface::kAsync;
  return std::nullopt;
}

const char* RuleName(RuleId id) {
  int i = static_cast<int>(id);
  return i >= 0 && i < kRuleCount ? kRuleNames[i] : "unknown";
}

std::optional<RuleId> ParseRuleName(std::string_view name) {
  for (int i = 0; i < kRuleCount; ++i)
    if (name == kRuleNames[i]) return static_cast<RuleId>(i);
  return std::nullopt;
}

std::array<RuleSwitch, kRuleCount> RulesConfig::DefaultSwitches() {
  constexpr Surface S = Surface::kSync, A = Surface::kAsync;
  std::array<RuleSwitch, kRuleCount> s;
  auto set = [&](RuleId id, ErrorCode code, Surface surface) {
    s[static_cast<int>(id)] = {true, code, surface};
  };
  // Surfaces per the reference's observations (12.1/12.3) unless marked.
  set(RuleId::kServiceWindow, ErrorCode::kReengagementMessage, A);        // captures: 200, then failed
  set(RuleId::kThroughput, ErrorCode::kThroughputRateLimit, S);           // Meta throughput docs
  set(RuleId::kPairRate, ErrorCode::kPairRateLimit, A);                   // Assumption: "probably async"
  set(RuleId::kMessagingLimit, ErrorCode::kSpamRateLimit, A);             // Assumption: Meta names no code
  set(RuleId::kUndeliverable, ErrorCode::kMessageUndeliverable, A);       // captures: async is the norm
  set(RuleId::kAllowList, ErrorCode::kRecipientNotAllowed, S);            // captures: HTTP 400
  set(RuleId::kMarketingExperiment, ErrorCode::kMarketingExperiment, A);  // Meta experiments docs
  set(RuleId::kMarketingCap, ErrorCode::kEcosystemEngagement, A);         // Meta per-user limits docs
  set(RuleId::kMarketingOptOut, ErrorCode::kMarketingOptOut, A);          // Meta marketing docs
  set(RuleId::kCountryRestricted, ErrorCode::kCountryRestricted, S);  // Assumption: decided before acceptance
  set(RuleId::kPaymentIssue, ErrorCode::kPaymentIssue, A);            // captures: async
  set(RuleId::kAccountLocked, ErrorCode::kAccountLocked, A);          // capture: failed status
  set(RuleId::kDisplayName, ErrorCode::kDisplayNameApprovalNeeded, S);  // Assumption: sender-side, sync
  return s;
}

}  // namespace wasim::rules
