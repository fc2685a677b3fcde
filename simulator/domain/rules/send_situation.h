// The rules' verdict on one send, as pure functions: which rules a send
// violates (facts gathered by send_rules.cc) and, with the configured
// switches, whether that is an HTTP error or a later `failed` status.
#pragma once
#include <optional>
#include <vector>

#include "simulator/core/errors.h"
#include "simulator/domain/rules/rules_config.h"
#include "simulator/domain/world/model.h"

namespace wasim::rules {

// Facts about one send at one instant. Counters are "already at the limit".
struct SendSituation {
  // Sender and account
  bool display_name_unapproved = false;  // 555 number whose name is not approved
  bool is_test_number = false;
  bool recipient_allow_listed = false;
  bool country_restricted = false;
  bool throughput_exceeded = false;
  bool waba_locked = false;
  bool payment_failing = false;
  // Recipient
  bool recipient_unreachable = false;  // not on WhatsApp, old client, blocked the business
  bool opted_out_of_marketing = false;
  bool in_marketing_experiment = false;
  // Message
  bool is_template = false;
  bool is_marketing = false;
  bool window_open = false;
  bool marketing_cap_reached = false;
  bool messaging_limit_reached = false;
  bool pair_rate_exceeded = false;
};

// Violated rules in precedence order (sender/account, recipient, window,
// marketing, limits, pair rate). Independent of the switches.
std::vector<RuleId> Violations(const SendSituation& s);

struct Verdict {
  std::optional<GraphError> sync_error;     // HTTP error; nothing is journaled
  std::optional<GraphError> async_failure;  // 200 + wamid, then `failed`
};

// Disabled rules are skipped; any sync violation beats async ones (it is
// decided before acceptance); otherwise the first async violation fails it.
Verdict Judge(const std::vector<RuleId>& violations, const RulesConfig& cfg);

// Assumption: a "WhatsApp provided" test number is a US 555 number
// (+1 555 ...); it needs an approved display name before sending (131037).
bool NeedsDisplayNameApproval(const PhoneNumber& phone);

// Recipient state that Meta reports as 131026 Message Undeliverable.
bool RecipientUnreachable(const Customer* c, const CustomerRelation* rel);

}  // namespace wasim::rules
