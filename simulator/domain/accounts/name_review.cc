#include "simulator/domain/accounts/name_review.h"

#include <set>

#include "simulator/domain/lifecycle/lifecycle.h"

namespace wasim::accounts {
namespace {

using S = NameStatus;

// Meta's phone_number_name_update `decision` for a reviewed status.
const char* WebhookDecision(S to) { return to == S::kApproved ? "APPROVED" : "REJECTED"; }

// The status the review is about: new_name_status while an edit is reviewed,
// name_status otherwise. The machine's slot starts from it (the world may
// set name_status directly: builder, YAML).
S& ReviewedStatus(PhoneNumber& p) {
  return p.name_review.is_edit ? p.name_review.new_name_status : p.name_status;
}

LifecycleSlot<S>& SyncedSlot(PhoneNumber& p) {
  if (!p.name_review.slot.pending) p.name_review.slot.state = ReviewedStatus(p);
  return p.name_review.slot;
}

// A decision writes the outcome where Meta shows it and records the fact the
// phone_number_name_update webhook is rendered from.
void OnReviewMove(Ctx& ctx, const std::string& id, S /*from*/, S to) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  if (!p) return;
  DisplayNameReview& r = p->name_review;
  ReviewedStatus(*p) = to;
  if (to != S::kApproved && to != S::kDeclined) return;
  r.decides_at.reset();
  std::string requested = r.is_edit ? r.new_display_name : p->verified_name;
  // Meta: an approved edit becomes the number's verified_name and name_status.
  if (r.is_edit && to == S::kApproved) {
    p->verified_name = r.new_display_name;
    p->name_status = S::kApproved;
  }
  std::string reason =
      to == S::kDeclined ? (r.rejection_reason.empty() ? "UNKNOWN" : r.rejection_reason) : "";
  ctx.Record(
      PhoneNameDecided{p->waba_id, p->id, p->display_phone_number, WebhookDecision(to), requested, reason});
  r.decision = "APPROVED";  // the next review's default
  r.rejection_reason.clear();
}

const Lifecycle<S>& Review() {
  static const Lifecycle<S> review = [] {
    Machine<S> m;
    m.name = "display_name_review";
    for (S s :
         {S::kApproved, S::kAvailableWithoutReview, S::kDeclined, S::kExpired, S::kPendingReview, S::kNone})
      m.states.emplace_back(s, MetaName(s));
    // A name is submitted from any settled status; a review decides; Meta may
    // re-review a settled name (appeal, higher messaging limit) and decide again.
    for (S from : {S::kApproved, S::kAvailableWithoutReview, S::kDeclined, S::kExpired, S::kNone}) {
      m.transitions.emplace_back(from, S::kPendingReview);
      for (S to : {S::kApproved, S::kDeclined})
        if (from != to) m.transitions.emplace_back(from, to);
    }
    m.transitions.emplace_back(S::kPendingReview, S::kApproved);
    m.transitions.emplace_back(S::kPendingReview, S::kDeclined);
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<S>* {
      PhoneNumber* p = ctx.state.accounts.FindPhone(id);
      return p && !p->deleted ? &p->name_review.slot : nullptr;  // a deleted number's review never decides
    };
    m.decide = [](Ctx& ctx, const std::string& id) -> std::optional<S> {
      PhoneNumber* p = ctx.state.accounts.FindPhone(id);
      if (!p || p->name_review.slot.state != S::kPendingReview) return std::nullopt;
      return p->name_review.decision == "DECLINED" ? S::kDeclined : S::kApproved;
    };
    m.on_transition = OnReviewMove;
    return Lifecycle<S>(std::move(m));
  }();
  return review;
}

DurationMs ReviewDelay(const Ctx& ctx, const PhoneNumber& p) {
  return p.name_review.delay.value_or(ctx.state.config.display_name_review_delay);
}

void ScheduleDecision(Ctx& ctx, PhoneNumber& p, DurationMs after) {
  Review().DecideWhenDue(ctx, p.name_review.slot, p.id, after);
  p.name_review.decides_at = ctx.now() + after;
}

Status CheckDecision(const std::string& decision, const std::string& reason) {
  if (decision != "APPROVED" && decision != "DECLINED")
    return InvalidParameterError("decision must be \"APPROVED\" or \"DECLINED\".");
  if (!reason.empty() && decision != "DECLINED")
    return InvalidParameterError("a reason goes with a DECLINED decision only.");
  if (!reason.empty() && !IsNameRejectionReason(reason))
    return InvalidParameterError(
        "reason must be one of Meta's: NAME_EMPLOYEE_ISSUE, NAME_ENDCLIENT_NOTRELATED, "
        "NAME_FORMAT_UNACCEPTABLE, NAME_INDIVIDUAL_ISSUE, NAME_NOT_CONSISTENT, UNKNOWN.");
  return {};
}

}  // namespace

bool IsNameRejectionReason(const std::string& reason) {
  static const std::set<std::string> reasons = {"NAME_EMPLOYEE_ISSUE",      "NAME_ENDCLIENT_NOTRELATED",
                                                "NAME_FORMAT_UNACCEPTABLE", "NAME_INDIVIDUAL_ISSUE",
                                                "NAME_NOT_CONSISTENT",      "UNKNOWN"};
  return reasons.count(reason) > 0;
}

bool DisplayNameReviewPending(const PhoneNumber& phone) { return phone.name_review.slot.pending != 0; }

namespace {

// Starts (or restarts) a review of `name`: as an edit (new_display_name) or
// as the number's own name (verified_name).
Status Submit(Ctx& ctx, PhoneNumber& p, const std::string& name, bool edit, std::optional<DurationMs> delay) {
  if (name.empty()) return InvalidParameterError("The display name must not be empty.");
  DisplayNameReview& r = p.name_review;
  if (delay) r.delay = delay;
  if (!DisplayNameReviewPending(p)) {
    r.is_edit = edit;
    if (edit) r.new_name_status = S::kNone;
  }
  if (r.is_edit)
    r.new_display_name = name;
  else
    p.verified_name = name;
  LifecycleSlot<S>& slot = SyncedSlot(p);
  if (slot.state != S::kPendingReview) {
    if (auto s = Review().MoveTo(ctx, slot, p.id, S::kPendingReview, "name submitted"); !s) return s;
  }
  ScheduleDecision(ctx, p, ReviewDelay(ctx, p));  // a new name restarts the wait
  return {};
}

}  // namespace

Status RequestDisplayName(Ctx& ctx, PhoneNumber& p, const std::string& name,
                          std::optional<DurationMs> delay) {
  // Meta: an approved name that is edited stays in use while the edit is
  // reviewed. A name submitted during a review replaces the name under review.
  return Submit(ctx, p, name, p.name_status == S::kApproved, delay);
}

Status ReviewNameInUse(Ctx& ctx, PhoneNumber& p) {
  if (DisplayNameReviewPending(p)) return {};
  return Submit(ctx, p, p.verified_name, false, std::nullopt);
}

Status DecideDisplayName(Ctx& ctx, PhoneNumber& p, const std::string& decision, const std::string& reason) {
  if (auto s = CheckDecision(decision, reason); !s) return s;
  if (!DisplayNameReviewPending(p)) p.name_review.is_edit = false;  // a decision on the name in use
  LifecycleSlot<S>& slot = SyncedSlot(p);
  S to = decision == "DECLINED" ? S::kDeclined : S::kApproved;
  if (slot.state == to) return {};  // Meta decided what the name already is: nothing to announce
  p.name_review.rejection_reason = reason;
  return Review().MoveTo(ctx, slot, p.id, to, "admin");
}

Status SetDisplayNameDecision(Ctx& ctx, PhoneNumber& p, const std::optional<std::string>& decision,
                              const std::string& reason, std::optional<DurationMs> after) {
  if (!DisplayNameReviewPending(p))
    return InvalidParameterError("No display-name review is pending for " + p.id +
                                 ": submit a name first (new_name, or name_status PENDING_REVIEW).");
  if (decision) {
    if (auto s = CheckDecision(*decision, reason); !s) return s;
    p.name_review.decision = *decision;
    p.name_review.rejection_reason = reason;
  }
  if (after) ScheduleDecision(ctx, p, *after);
  return {};
}

Status ChangeNameReview(Ctx& ctx, const std::string& phone_number_id, const NameReviewChange& c) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(phone_number_id);
  if (!p) return InvalidParameterError("No phone number with id " + phone_number_id + ".");
  if (c.new_name) {
    if (auto s = RequestDisplayName(ctx, *p, *c.new_name, c.after); !s) return s;
    if (c.decision) return SetDisplayNameDecision(ctx, *p, c.decision, c.reason, std::nullopt);
    return {};
  }
  if (c.decision && !c.after) return DecideDisplayName(ctx, *p, *c.decision, c.reason);
  return SetDisplayNameDecision(ctx, *p, c.decision, c.reason, c.after);
}

void SetNameStatusWithoutReview(Ctx& ctx, PhoneNumber& p, NameStatus status) {
  Review().CancelPending(ctx, p.name_review.slot);
  p.name_review.decides_at.reset();
  p.name_review.is_edit = false;
  p.name_status = status;
  p.name_review.slot.state = status;
}

void RegisterNameReviewLifecycle(LifecycleRegistry& registry) { Review().Register(registry); }

}  // namespace wasim::accounts
