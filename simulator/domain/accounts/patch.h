// Meta-side changes to business portfolios, WABAs and phone numbers (the
// admin API's PATCH bodies): every field is validated, a bad body changes
// nothing, and a change Meta announces records its fact (messaging limit,
// throughput upgrade, display-name decision).
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

enum class PatchOutcome { kOk, kNotFound, kInvalid };
struct PatchResult {
  PatchOutcome outcome = PatchOutcome::kOk;
  std::string error;  // what is wrong, for kNotFound and kInvalid
  bool ok() const { return outcome == PatchOutcome::kOk; }
};

// Fields: name, verified, payment_method_ok, messaging_limit.
PatchResult PatchBusiness(Ctx& ctx, const std::string& id, const Json& body);
// Fields: name, locked, policy_blocked, restricted_calling_codes,
// account_review_status (a change sends account_review_update).
PatchResult PatchWaba(Ctx& ctx, const std::string& id, const Json& body);
// Fields: throughput_level, is_test_number, quality_rating, name_status,
// verified_name, registered, deleted, allowed_recipients, mode,
// undelivered_code_methods.
PatchResult PatchPhone(Ctx& ctx, const std::string& id, const Json& body);

}  // namespace wasim::accounts
