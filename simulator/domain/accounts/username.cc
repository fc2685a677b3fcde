#include "simulator/domain/accounts/username.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "simulator/domain/lifecycle/lifecycle.h"

namespace wasim::accounts {
namespace {

using U = UsernameReview;

bool IsUsernameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_'; }

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A decision records the fact phone_number_username_update is rendered from;
// an approval makes the requested username the number's.
void OnUsernameMove(Ctx& ctx, const std::string& id, U /*from*/, U to) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  if (!p || to == U::kPending) return;
  BusinessUsername& u = p->username;
  std::string requested = u.requested;
  u.requested.clear();
  u.decides_at.reset();
  if (to == U::kNone) return;  // cancelled (DELETE requested_username): no decision, no webhook
  std::vector<std::string> reasons;
  if (to == U::kApproved) {
    u.username = requested;
  } else {
    reasons = u.rejection_reasons.empty() ? std::vector<std::string>{"UNKNOWN"} : u.rejection_reasons;
  }
  ctx.Record(PhoneUsernameDecided{p->waba_id, p->id, p->display_phone_number,
                                  to == U::kApproved ? "APPROVED" : "REJECTED", requested, reasons});
  u.decision = "APPROVED";  // the next review's default
  u.rejection_reasons.clear();
}

const Lifecycle<U>& UsernameReviewMachine() {
  static const Lifecycle<U> review = [] {
    Machine<U> m;
    m.name = "business_username_review";
    m.states = {
        {U::kNone, "NONE"}, {U::kPending, "PENDING"}, {U::kApproved, "APPROVED"}, {U::kRejected, "REJECTED"}};
    for (U from : {U::kNone, U::kApproved, U::kRejected}) m.transitions.emplace_back(from, U::kPending);
    for (U to : {U::kApproved, U::kRejected, U::kNone}) m.transitions.emplace_back(U::kPending, to);
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<U>* {
      PhoneNumber* p = ctx.state.accounts.FindPhone(id);
      return p && !p->deleted ? &p->username.slot : nullptr;
    };
    m.decide = [](Ctx& ctx, const std::string& id) -> std::optional<U> {
      PhoneNumber* p = ctx.state.accounts.FindPhone(id);
      if (!p || p->username.slot.state != U::kPending) return std::nullopt;
      return p->username.decision == "REJECTED" ? U::kRejected : U::kApproved;
    };
    m.on_transition = OnUsernameMove;
    return Lifecycle<U>(std::move(m));
  }();
  return review;
}

// Meta: no two WhatsApp numbers, consumer or business, share a username.
bool UsernameTaken(const SimState& state, const std::string& key, const std::string& phone_number_id) {
  for (const auto& [id, p] : state.accounts.phone_numbers) {
    if (id == phone_number_id || p.deleted) continue;
    if (UsernameKey(p.username.username) == key || UsernameKey(p.username.requested) == key) return true;
  }
  for (const auto& [wa_id, c] : state.customers.by_wa_id) {
    std::string name = !c.username.empty() && c.username[0] == '@' ? c.username.substr(1) : c.username;
    if (!name.empty() && UsernameKey(name) == key) return true;
  }
  return false;
}

UsernameAnswer Rejected(std::string reason) { return UsernameAnswer{"REJECTED", {std::move(reason)}}; }

}  // namespace

std::optional<std::string> UsernameFormatProblem(const std::string& u) {
  if (u.size() < 3 || u.size() > 35) return "A username must be between 3 and 35 characters long.";
  if (!std::all_of(u.begin(), u.end(), IsUsernameChar))
    return "A username may only contain English letters (a-z), digits (0-9), periods (.) and underscores "
           "(_).";
  if (std::none_of(u.begin(), u.end(), [](unsigned char c) { return std::isalpha(c) != 0; }))
    return "A username must contain at least one English letter.";
  if (u.front() == '.' || u.back() == '.' || u.find("..") != std::string::npos)
    return "A username must not start or end with a period or have two consecutive periods.";
  std::string key = UsernameKey(u);
  if (key.rfind("www", 0) == 0) return "A username must not start with www.";
  static const std::array<const char*, 10> kDomains = {".com", ".org", ".net", ".int", ".edu",
                                                       ".gov", ".mil", ".us",  ".in",  ".html"};
  for (const char* d : kDomains)
    if (EndsWith(key, d)) return "A username must not end with a domain (e.g. .com, .org, .net).";
  return std::nullopt;
}

std::string UsernameKey(const std::string& username) {
  std::string k = username;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  return k;
}

bool IsUsernameRejectionReason(const std::string& reason) {
  static const std::set<std::string> reasons = {"REQUIRE_FB_ACCOUNT_LINKING", "REQUIRE_IG_ACCOUNT_LINKING",
                                                "NOT_AVAILABLE", "ACCOUNT_INELIGIBLE", "UNKNOWN"};
  return reasons.count(reason) > 0;
}

bool UsernameReviewPending(const PhoneNumber& phone) { return phone.username.slot.state == U::kPending; }

Result<UsernameAnswer> RequestUsername(Ctx& ctx, const std::string& phone_number_id,
                                       const std::string& username) {
  if (auto problem = UsernameFormatProblem(username)) return InvalidParameterError(*problem);
  PhoneNumber& p = *ctx.state.accounts.FindPhone(phone_number_id);
  // As sends and uploads from a deleted number (its review could never decide).
  if (p.deleted) return MakeError(ErrorCode::kPhoneNumberDeleted);
  if (UsernameReviewPending(p)) return Rejected("EXISTING_PENDING_REQUEST");
  const Business* b = ctx.state.accounts.BusinessOfWaba(p.waba_id);
  if (p.name_status != NameStatus::kApproved || !b || !b->verified) return Rejected("ACCOUNT_INELIGIBLE");
  if (UsernameTaken(ctx.state, UsernameKey(username), phone_number_id)) return Rejected("NOT_AVAILABLE");
  p.username.requested = username;
  if (auto s = UsernameReviewMachine().MoveTo(ctx, p.username.slot, p.id, U::kPending, "username requested");
      !s)
    return s.error();
  UsernameReviewMachine().DecideWhenDue(ctx, p.username.slot, p.id, ctx.state.config.username_review_delay);
  p.username.decides_at = ctx.now() + ctx.state.config.username_review_delay;
  return UsernameAnswer{"PENDING", {}};
}

bool DeleteUsername(Ctx& ctx, const std::string& phone_number_id) {
  PhoneNumber& p = *ctx.state.accounts.FindPhone(phone_number_id);
  if (p.username.username.empty()) return false;
  p.username.username.clear();
  return true;
}

bool CancelRequestedUsername(Ctx& ctx, const std::string& phone_number_id) {
  PhoneNumber& p = *ctx.state.accounts.FindPhone(phone_number_id);
  if (!UsernameReviewPending(p)) return false;
  return UsernameReviewMachine().MoveTo(ctx, p.username.slot, p.id, U::kNone, "request cancelled").ok();
}

std::vector<std::string> UsernameSuggestions(const SimState& state, const std::string& phone_number_id) {
  const PhoneNumber* p = state.accounts.FindPhone(phone_number_id);
  if (!p) return {};
  std::string base;
  for (char c : p->verified_name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (base.size() > 35) base.resize(35);
  if (UsernameFormatProblem(base) || UsernameTaken(state, base, phone_number_id) ||
      UsernameKey(p->username.username) == base)
    return {};
  return {base};
}

Status DecideUsername(Ctx& ctx, const std::string& phone_number_id, const std::string& decision,
                      const std::vector<std::string>& reasons, std::optional<DurationMs> after) {
  if (decision != "APPROVED" && decision != "REJECTED")
    return InvalidParameterError("decision must be \"APPROVED\" or \"REJECTED\".");
  if (!reasons.empty() && decision != "REJECTED")
    return InvalidParameterError("rejection_reasons go with a REJECTED decision only.");
  for (const auto& r : reasons)
    if (!IsUsernameRejectionReason(r))
      return InvalidParameterError(
          "rejection_reasons must be Meta's: REQUIRE_FB_ACCOUNT_LINKING, REQUIRE_IG_ACCOUNT_LINKING, "
          "NOT_AVAILABLE, ACCOUNT_INELIGIBLE, UNKNOWN.");
  PhoneNumber* p = ctx.state.accounts.FindPhone(phone_number_id);
  if (!p) return InvalidParameterError("No phone number with id " + phone_number_id + ".");
  if (!UsernameReviewPending(*p))
    return InvalidParameterError("No username review is pending for " + phone_number_id +
                                 ": request one with POST /{phone-number-id}/username.");
  p->username.decision = decision;
  p->username.rejection_reasons = reasons;
  if (after) {
    UsernameReviewMachine().DecideWhenDue(ctx, p->username.slot, p->id, *after);
    p->username.decides_at = ctx.now() + *after;
    return {};
  }
  return UsernameReviewMachine().MoveTo(ctx, p->username.slot, p->id,
                                        decision == "REJECTED" ? U::kRejected : U::kApproved, "admin");
}

void RegisterUsernameLifecycle(LifecycleRegistry& registry) { UsernameReviewMachine().Register(registry); }

}  // namespace wasim::accounts
