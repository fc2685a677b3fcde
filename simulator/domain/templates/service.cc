#include "simulator/domain/templates/service.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "simulator/core/text.h"
#include "simulator/domain/lifecycle/lifecycle.h"
#include "simulator/domain/templates/definition_check.h"
#include "simulator/domain/templates/header_media.h"

namespace wasim::templates {
namespace {

// Review and edits never change a template's waba_id, name or language (the
// store's index keys).
MessageTemplate* FindMutable(Ctx& ctx, const std::string& id) { return ctx.state.templates.Mutable(id); }

// Records Meta's message_template_status_update for a move into a decided
// status (a move back to PENDING, by an edit, sends none).
void OnStatusChange(Ctx& ctx, const std::string& id, TemplateStatus from, TemplateStatus to) {
  MessageTemplate* t = FindMutable(ctx, id);
  if (!t) return;
  const bool rejected = to == TemplateStatus::kRejected;
  t->rejected_reason = rejected ? t->next_reason : "NONE";
  if (to == TemplateStatus::kPending) return;
  TemplateStatusChanged f;
  f.waba_id = t->waba_id;
  f.template_id = t->id;
  f.name = t->name;
  f.language = t->language;
  f.category = t->category;
  f.status = TemplateStatusName(to);
  f.reason = t->rejected_reason;
  if (rejected && t->next_rejection_info.is_object()) f.rejection_info = t->next_rejection_info;
  ctx.Record(std::move(f));
}

// What the review decides when it falls due: the adjacent-parameter pattern is
// rejected as INVALID_FORMAT (the webhook reference's rejection example);
// otherwise the decision configured by then. Sets the reason it carries.
TemplateStatus ReviewOutcome(MessageTemplate& t) {
  if (HasAdjacentBodyParams(t.components)) {
    t.next_reason = "INVALID_FORMAT";
    t.next_rejection_info =
        Json{{"reason",
              "The template has parameters next to each other (like {{1}}{{2}}) with no text between them."},
             {"recommendation", "Separate the parameters with descriptive text."}};
    return TemplateStatus::kRejected;
  }
  t.next_reason = t.pending_reason;
  t.next_rejection_info = t.pending_rejection_info;
  return t.pending_decision == "REJECTED" ? TemplateStatus::kRejected : TemplateStatus::kApproved;
}

// Meta's review (and the admin's forced statuses), on the lifecycle component.
// Meta: templates are reviewed on creation and after every edit; an approved,
// rejected or paused template may be edited (back to PENDING); the admin can
// force APPROVED, REJECTED, PAUSED or DISABLED from any status.
const Lifecycle<TemplateStatus>& Review() {
  static const Lifecycle<TemplateStatus> review = [] {
    using S = TemplateStatus;
    Machine<S> m;
    m.name = "template_review";
    for (S s : {S::kPending, S::kApproved, S::kRejected, S::kPaused, S::kDisabled})
      m.states.emplace_back(s, TemplateStatusName(s));
    for (S from : {S::kPending, S::kApproved, S::kRejected, S::kPaused, S::kDisabled})
      for (S to : {S::kApproved, S::kRejected, S::kPaused, S::kDisabled})
        m.transitions.emplace_back(from, to);
    for (S from : {S::kApproved, S::kRejected, S::kPaused}) m.transitions.emplace_back(from, S::kPending);
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<S>* {
      MessageTemplate* t = FindMutable(ctx, id);
      return t ? &t->status : nullptr;
    };
    m.decide = [](Ctx& ctx, const std::string& id) -> std::optional<S> {
      MessageTemplate* t = FindMutable(ctx, id);
      if (!t || t->status.state != S::kPending) return std::nullopt;
      return ReviewOutcome(*t);
    };
    m.on_transition = OnStatusChange;
    return Lifecycle<S>(std::move(m));
  }();
  return review;
}

void ScheduleReview(Ctx& ctx, MessageTemplate& t, TimeMs at) {
  Review().DecideWhenDue(ctx, t.status, t.id, at - ctx.now());
}

// Meta: templates are reviewed on creation and after every edit.
void SubmitForReview(Ctx& ctx, MessageTemplate& t) {
  if (t.status.state != TemplateStatus::kPending)
    (void)Review().MoveTo(ctx, t.status, t.id, TemplateStatus::kPending,
                          "edit");  // allowed by the caller's check
  t.rejected_reason = "NONE";
  ScheduleReview(ctx, t, ctx.now() + t.review_delay.value_or(ctx.state.config.template_review_delay));
}

size_t CountTemplates(const Ctx& ctx, const std::string& waba_id) {
  return ctx.state.templates.CountOfWaba(waba_id);
}

// The language as Meta's error_user_msg names it: captures of 2388024 for an
// English template say "There is already English content for this
// template."; assumption: other languages are named by their code.
std::string LanguageInMessage(const std::string& code) {
  return code == "en" || code.rfind("en_", 0) == 0 ? "English" : code;
}

Status CheckNameFree(const Ctx& ctx, const std::string& waba_id, const Definition& d) {
  if (ctx.state.templates.Find(waba_id, d.name, d.language))
    return MakeError(ErrorCode::kTemplateAlreadyExists,
                     "There is already " + LanguageInMessage(d.language) +
                         " content for this template. You can create a new template and try again.");
  auto it = ctx.state.templates.deleted_approved_names.find({waba_id, d.name});
  // Meta: a deleted approved template's name cannot be reused for 30 days.
  // Assumption: the same 2388024 error, with the date it becomes free.
  if (it != ctx.state.templates.deleted_approved_names.end() && ctx.now() < it->second + kDeletedNameBlock)
    return MakeError(ErrorCode::kTemplateAlreadyExists,
                     "The template " + d.name + " was deleted and its name cannot be reused until " +
                         FormatIso8601(it->second + kDeletedNameBlock) + ".");
  return {};
}

// Meta: approved templates may be edited 10 times in 30 days, once in 24 h.
Status CheckEditAllowance(const Ctx& ctx, const MessageTemplate& t) {
  if (t.status.state != TemplateStatus::kApproved) return {};
  size_t day = 0, month = 0;
  for (TimeMs at : t.approved_edits) {
    if (ctx.now() - at < kDay) ++day;
    if (ctx.now() - at < 30 * kDay) ++month;
  }
  if (day >= kMaxEditsPerDay)
    return MakeError(ErrorCode::kTemplateStatusCannotChange,
                     "Approved templates can be edited once in 24 hours.");
  if (month >= kMaxEditsPer30Days)
    return MakeError(ErrorCode::kTemplateStatusCannotChange,
                     "Approved templates can be edited 10 times in 30 days.");
  return {};
}

const std::set<std::string>& ForcibleStatuses() {
  static const std::set<std::string> s = {"APPROVED", "REJECTED", "PAUSED", "DISABLED"};
  return s;
}

}  // namespace

bool IsRejectionReason(const std::string& r) {
  static const std::set<std::string> s = {"ABUSIVE_CONTENT",
                                          "CATEGORY_NOT_AVAILABLE",
                                          "INCORRECT_CATEGORY",
                                          "INVALID_FORMAT",
                                          "NONE",
                                          "PROMOTIONAL",
                                          "SCAM",
                                          "TAG_CONTENT_MISMATCH"};
  return s.count(r) > 0;
}

size_t TemplateLimit(const Ctx& ctx, const std::string& waba_id) {
  const Business* b = ctx.state.accounts.BusinessOfWaba(waba_id);
  return b && b->verified ? kVerifiedTemplateLimit : kUnverifiedTemplateLimit;
}

Result<CreateResult> Create(Ctx& ctx, const std::string& waba_id, const Json& body) {
  auto d = CheckCreateBody(body);
  if (!d) return d.error();
  if (auto s = CheckHeaderHandles(ctx, d->components); !s) return s.error();
  if (auto s = CheckNameFree(ctx, waba_id, *d); !s) return s.error();
  // Meta: every language of every template counts against the limit.
  if (CountTemplates(ctx, waba_id) >= TemplateLimit(ctx, waba_id))
    return MakeError(ErrorCode::kTemplateLimitExceeded,
                     "You have exceeded the maximum number of message templates (" +
                         std::to_string(TemplateLimit(ctx, waba_id)) +
                         ") you can have for this WhatsApp business account.");
  MessageTemplate t;
  do t.id = ctx.ids.NumericId();
  while (ctx.state.templates.Contains(t.id));
  t.waba_id = waba_id;
  t.name = d->name;
  t.language = d->language;
  t.category = d->category;
  t.parameter_format = d->parameter_format;
  t.components = d->components;
  t.created_at = ctx.now();
  if (d->message_send_ttl_seconds) t.message_send_ttl_seconds = *d->message_send_ttl_seconds;
  MessageTemplate* stored = ctx.state.templates.Put(std::move(t));
  if (!stored)  // not reached: CheckNameFree refused a taken name and language
    return MakeError(ErrorCode::kTemplateAlreadyExists,
                     "There is already " + LanguageInMessage(d->language) + " content for this template.");
  SubmitForReview(ctx, *stored);
  return CreateResult{stored->id, TemplateStatusName(stored->status.state), stored->category};
}

std::vector<const MessageTemplate*> List(const Ctx& ctx, const std::string& waba_id, const ListFilter& f) {
  std::vector<const MessageTemplate*> out;
  for (const MessageTemplate* tp : ctx.state.templates.OfWaba(waba_id)) {
    const MessageTemplate& t = *tp;
    if (!f.name.empty() && t.name.find(f.name) == std::string::npos) continue;
    if (!f.status.empty() && AsciiUpper(f.status) != TemplateStatusName(t.status.state)) continue;
    if (!f.language.empty() && f.language != t.language) continue;
    if (!f.category.empty() && AsciiUpper(f.category) != t.category) continue;
    out.push_back(&t);
  }
  // Assumption: newest first (Meta does not document the order).
  std::stable_sort(out.begin(), out.end(), [](const MessageTemplate* a, const MessageTemplate* b) {
    return a->created_at != b->created_at ? a->created_at > b->created_at : a->id < b->id;
  });
  return out;
}

Status Edit(Ctx& ctx, const std::string& template_id, const Json& body) {
  MessageTemplate* t = FindMutable(ctx, template_id);
  if (!t) return UnknownObjectError("post", template_id);
  // Meta: only APPROVED, REJECTED or PAUSED templates can be edited.
  const TemplateStatus st = t->status.state;
  if (st != TemplateStatus::kApproved && st != TemplateStatus::kRejected && st != TemplateStatus::kPaused)
    return MakeError(ErrorCode::kTemplateStatusCannotChange,
                     "A template in status " + std::string(TemplateStatusName(st)) +
                         " cannot be edited; wait for its review to finish.");
  bool has_category = body.contains("category"), has_components = body.contains("components");
  bool has_ttl = body.contains("message_send_ttl_seconds");
  if (!has_category && !has_components && !has_ttl)
    return SchemaParamError("Give at least one of category, components or message_send_ttl_seconds.");
  std::string category = has_category ? NormalizeCategory(body["category"]) : t->category;
  if (category.empty())
    return SchemaParamError("Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}.");
  // Meta: the category of an approved template cannot be edited.
  if (st == TemplateStatus::kApproved && category != t->category)
    return InvalidParameterError("The category of an approved template cannot be edited.");
  if (has_ttl && !body["message_send_ttl_seconds"].is_number_integer())
    return SchemaParamError("Param message_send_ttl_seconds must be an integer.");
  if (auto s = CheckEditAllowance(ctx, *t); !s) return s;
  auto comps =
      CheckComponents(has_components ? body["components"] : t->components, category, t->parameter_format);
  if (!comps) return comps.error();
  if (has_components)
    if (auto s = CheckHeaderHandles(ctx, *comps); !s) return s;
  if (st == TemplateStatus::kApproved) t->approved_edits.push_back(ctx.now());
  if (category != t->category) t->previous_category = t->category;
  t->category = category;
  t->components = std::move(*comps);
  if (has_ttl) t->message_send_ttl_seconds = body["message_send_ttl_seconds"].get<long long>();
  SubmitForReview(ctx, *t);
  return {};
}

Status Delete(Ctx& ctx, const std::string& waba_id, const std::string& name, const std::string& hsm_id) {
  // Meta: delete by name (all languages), or by hsm_id together with its name.
  if (name.empty()) return SchemaParamError("The parameter name is required.");
  std::vector<std::string> ids;
  for (const MessageTemplate* t : ctx.state.templates.Named(waba_id, name))
    if (hsm_id.empty() || t->id == hsm_id) ids.push_back(t->id);
  std::sort(ids.begin(), ids.end());  // id order, as before the store was indexed
  // Assumption: an unknown name/id is a (#100) Invalid parameter.
  if (ids.empty())
    return InvalidParameterError(hsm_id.empty()
                                     ? "No message template named " + name + " exists."
                                     : "No message template " + hsm_id + " named " + name + " exists.");
  for (const auto& id : ids)
    if (ctx.state.templates.Get(id)->status.state == TemplateStatus::kDisabled)
      // Meta: disabled templates cannot be deleted. Assumption: (#100).
      return InvalidParameterError("The template " + id +
                                   " is disabled; disabled templates cannot be deleted.");
  for (const auto& id : ids) {
    if (ctx.state.templates.Get(id)->status.state == TemplateStatus::kApproved)
      ctx.state.templates.deleted_approved_names[{waba_id, name}] = ctx.now();
    if (MessageTemplate* t = FindMutable(ctx, id)) Review().CancelPending(ctx, t->status);
    ctx.state.templates.Erase(id);
  }
  return {};
}

Status ForceStatus(Ctx& ctx, const std::string& template_id, const std::string& status,
                   const std::string& reason, const Json& rejection_info) {
  MessageTemplate* t = FindMutable(ctx, template_id);
  if (!t) return UnknownObjectError("post", template_id);
  std::string s = AsciiUpper(status);
  if (!ForcibleStatuses().count(s))
    return InvalidParameterError("status must be one of APPROVED, REJECTED, PAUSED, DISABLED.");
  std::string r = reason.empty() ? (s == "REJECTED" ? "INVALID_FORMAT" : "NONE") : AsciiUpper(reason);
  if (!IsRejectionReason(r))
    return InvalidParameterError("reason '" + reason + "' is not one of Meta's reasons.");
  t->next_reason = r;
  t->next_rejection_info = rejection_info;
  // Cancels the pending review: it no longer applies.
  return Review().MoveTo(ctx, t->status, t->id, *ParseTemplateStatus(s), "admin");
}

Status SetReviewDecision(Ctx& ctx, const std::string& template_id, const std::string& decision,
                         const std::string& reason, std::optional<DurationMs> delay,
                         const Json& rejection_info) {
  MessageTemplate* t = FindMutable(ctx, template_id);
  if (!t) return UnknownObjectError("post", template_id);
  std::string d = decision.empty() ? t->pending_decision : AsciiUpper(decision);
  if (d != "APPROVED" && d != "REJECTED")
    return InvalidParameterError("decision must be APPROVED or REJECTED.");
  std::string r = reason.empty() ? (d == "REJECTED" ? "INVALID_FORMAT" : "NONE") : AsciiUpper(reason);
  if (!IsRejectionReason(r))
    return InvalidParameterError("reason '" + reason + "' is not one of Meta's reasons.");
  if (delay && *delay < 0) return InvalidParameterError("delay must not be negative.");
  t->pending_decision = d;
  t->pending_reason = r;
  t->pending_rejection_info = rejection_info;
  if (delay) t->review_delay = *delay;
  // A pending review decides as now configured when it falls due; a delay reschedules it.
  if (delay && t->status.state == TemplateStatus::kPending) ScheduleReview(ctx, *t, ctx.now() + *delay);
  return {};
}

void RegisterLifecycles(LifecycleRegistry& registry) { Review().Register(registry); }

}  // namespace wasim::templates
