// Meta's display-name review of a business phone number, on the lifecycle
// component (machine "display_name_review").
//
// Meta (whatsapp/display-names): a submitted name is reviewed; approval sets
// name_status APPROVED, rejection sets DECLINED, and either outcome sends
// phone_number_name_update (`decision` APPROVED / REJECTED). A name edited
// through POST /{phone-number-id} new_display_name is reviewed as
// new_display_name / new_name_status while the approved name stays in use;
// when approved it becomes verified_name.
//
// Our assumptions: a review is decided after config.display_name_review_delay
// (48 h) or the number's own delay; submitting another name during a review
// restarts the wait; starting a review sends no webhook (Meta's triggers are
// the review's outcomes); an unapproved name (pending, declined, ...) that is
// edited is replaced and reviewed as the number's name.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/lifecycle/registry.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

// Meta's rejection reasons (phone_number_name_update `rejection_reason`).
bool IsNameRejectionReason(const std::string& reason);

// A name is submitted for review (Graph new_display_name, or the admin API):
// starts the review, or restarts it with the new name. `delay` overrides the
// wait of this number's reviews from now on.
Status RequestDisplayName(Ctx& ctx, PhoneNumber& phone, const std::string& name,
                          std::optional<DurationMs> delay = std::nullopt);

// Meta reviews the name in use again (name_status PENDING_REVIEW); nothing
// when a review is already pending.
Status ReviewNameInUse(Ctx& ctx, PhoneNumber& phone);

// The pending review decides now: "APPROVED", or "DECLINED" with one of
// Meta's reasons ("" = UNKNOWN). Without a pending review Meta re-reviews the
// name in use (e.g. at a higher messaging limit): a different outcome moves
// it, the same one changes nothing.
Status DecideDisplayName(Ctx& ctx, PhoneNumber& phone, const std::string& decision,
                         const std::string& reason);

// What the pending review will decide, and optionally after how long from
// now. Needs a pending review.
Status SetDisplayNameDecision(Ctx& ctx, PhoneNumber& phone, const std::optional<std::string>& decision,
                              const std::string& reason, std::optional<DurationMs> after);

// Sets name_status without a review (world set-up: NONE, EXPIRED,
// AVAILABLE_WITHOUT_REVIEW, ...): cancels a pending review, sends nothing.
void SetNameStatusWithoutReview(Ctx& ctx, PhoneNumber& phone, NameStatus status);

// The admin API's change to a number's review (POST /_sim/phone_numbers/{id}/name_review):
// new_name submits a name (with `after` as its delay and `decision` as its
// outcome); otherwise `decision` alone decides now, and `after` reschedules the
// pending review (with `decision` as its outcome). The number must exist.
struct NameReviewChange {
  std::optional<std::string> new_name;
  std::optional<std::string> decision;
  std::string reason;
  std::optional<DurationMs> after;
};
Status ChangeNameReview(Ctx& ctx, const std::string& phone_number_id, const NameReviewChange& change);

bool DisplayNameReviewPending(const PhoneNumber& phone);

// Wiring time: decisions that fall due run here.
void RegisterNameReviewLifecycle(LifecycleRegistry& registry);

}  // namespace wasim::accounts
