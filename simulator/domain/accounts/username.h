// Business usernames of phone numbers, reviewed on the lifecycle component
// (machine "business_username_review").
//
// Meta (business-scoped-user-ids.mdx, "Business usernames"): POST
// /{phone-number-id}/username answers APPROVED, REJECTED (rejection_reasons)
// or PENDING; a PENDING request is reviewed and its decision sends
// phone_number_username_update (decision APPROVED / REJECTED,
// requested_username, rejection_reasons). A number has one username; no two
// WhatsApp numbers (consumer or business) share one; case is ignored when
// comparing. An approved username replaces the number's, a rejected one
// leaves it in place. The display name must be approved and the business
// verified (ACCOUNT_INELIGIBLE otherwise); a second request while one is
// reviewed is EXISTING_PENDING_REQUEST.
//
// Our assumptions: every acceptable request is PENDING (never approved on the
// spot); the review decides after config.username_review_delay (24 h) as
// APPROVED unless the admin set another decision; REJECTED answers of POST
// itself send no webhook (Meta: the webhook follows a review); suggestions are
// the business's display name as a username, when free.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/domain/lifecycle/registry.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

// Meta's format: 3-35 of a-z A-Z 0-9 . _, at least one letter, no leading or
// trailing '.', no "..", not starting with "www", not ending with a domain.
// The reason it is not a username, or nullopt.
std::optional<std::string> UsernameFormatProblem(const std::string& username);
// Meta: case is ignored when comparing usernames ('.' and '_' are not).
std::string UsernameKey(const std::string& username);

bool IsUsernameRejectionReason(const std::string& reason);

// POST /{phone-number-id}/username: {"status"[, "rejection_reasons"]}.
struct UsernameAnswer {
  std::string status;  // APPROVED | REJECTED | PENDING
  std::vector<std::string> rejection_reasons;
};
Result<UsernameAnswer> RequestUsername(Ctx& ctx, const std::string& phone_number_id,
                                       const std::string& username);

// DELETE /{phone-number-id}/username: false when the number had none.
bool DeleteUsername(Ctx& ctx, const std::string& phone_number_id);
// DELETE /{phone-number-id}/requested_username: false when none was pending.
bool CancelRequestedUsername(Ctx& ctx, const std::string& phone_number_id);
// GET /{phone-number-id}/username_suggestions.
std::vector<std::string> UsernameSuggestions(const SimState& state, const std::string& phone_number_id);

// Admin: the pending review decides now ("APPROVED", or "REJECTED" with Meta's
// reasons, default UNKNOWN), or with `after` decides that later.
Status DecideUsername(Ctx& ctx, const std::string& phone_number_id, const std::string& decision,
                      const std::vector<std::string>& reasons, std::optional<DurationMs> after);

bool UsernameReviewPending(const PhoneNumber& phone);

// Wiring time: decisions that fall due run here.
void RegisterUsernameLifecycle(LifecycleRegistry& registry);

}  // namespace wasim::accounts
