#include "simulator/domain/templates/service.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "simulator/core/text.h"
#include "simulator/domain/templates/definition_check.h"

namespace wasim::templates {
namespace {



MessageTemplate* FindMutable(Ctx& ctx, const std::string& id) {
  auto it = ctx.state.templates.by_id.find(id);
  return it == ctx.state.templates.by_id.end() ? nullptr : &it->second;
}

// Sets `status` and records it (Meta then sends message_template_status_update).
void ApplyStatus(Ctx& ctx, MessageTemplate& t, const std::string& status, const std::string& reason,
                 const Json& rejection_info) {
  t.status = status;
  t.rejected_reason = status == "REJECTED" ? reason : "NONE";
  TemplateStatusChanged f;
  f.waba_id = t.waba_id;
  f.template_id = t.id;
  f.name = t.name;
  f.language = t.language;
  f.category = t.category;
  f.status = status;
  f.reason = t.rejected_reason;
  if (status == "REJECTED" && rejection_info.is_object()) f.rejection_info = rejection_info;
  ctx.Record(std::move(f));
}

// Meta's review: the adjacent-parameter pattern is rejected as INVALID_FORMAT
// (the webhook reference's rejection example); otherwise the configured decision.
void Decide(Ctx& ctx, MessageTemplate& t) {
  if (HasAdjacentBodyParams(t.components)) {
    Json info;
    info["reason"] = "The template has parameters next to each other (like {{1}}{{2}}) with no text between them.";
    info["recommendation"] = "Separate the parameters with descriptive text.";
    ApplyStatus(ctx, t, "REJECTED", "INVALID_FORMAT", info);
    return;
  }
  ApplyStatus(ctx, t, t.pending_decision, t.pending_reason, t.pending_rejection_info);
}

void CancelReview(Ctx& ctx, MessageTemplate& t) {
  if (t.review_due) ctx.timeline.Cancel(t.review_due);
  t.review_due = 0;
}

void ScheduleReview(Ctx& ctx, MessageTemplate& t, DurationMs delay) {
  CancelReview(ctx, t);
  t.review_due = ctx.Schedule(ctx.now() + delay, TemplateReviewDue{t.id});
}

void RunReview(Ctx& ctx, const TemplateReviewDue& due) {
  MessageTemplate* t = FindMutable(ctx, due.template_id);
  if (!t) return;
  t->review_due = 0;
  if (t->status == "PENDING") Decide(ctx, *t);
}

// Meta: templates are reviewed on creation and after every edit.
void SubmitForReview(Ctx& ctx, MessageTemplate& t) {
  t.status = "PENDING";
  t.rejected_reason = "NONE";
  ScheduleReview(ctx, t, t.review_delay.value_or(ctx.state.config.template_review_delay));
}

size_t CountTemplates(const Ctx& ctx, const std::string& waba_id) {
  return std::count_if(ctx.state.templates.by_id.begin(), ctx.state.templates.by_id.end(),
                       [&](const auto& kv) { return kv.second.waba_id == waba_id; });
}

Status CheckNameFree(const Ctx& ctx, const std::string& waba_id, const Definition& d) {
  if (ctx.state.templates.Find(waba_id, d.name, d.language))
    return MakeError(ErrorCode::kTemplateAlreadyExists, "There is already " + d.language +
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
  if (t.status != "APPROVED") return {};
  size_t day = 0, month = 0;
  for (TimeMs at : t.approved_edits) {
    if (ctx.now() - at < kDay) ++day;
    if (ctx.now() - at < 30 * kDay) ++month;
  }
  if (day >= kMaxEditsPerDay)
    return MakeError(ErrorCode::kTemplateStatusCannotChange, "Approved templates can be edited once in 24 hours.");
  if (month >= kMaxEditsPer30Days)
    return MakeError(ErrorCode::kTemplateStatusCannotChange, "Approved templates can be edited 10 times in 30 days.");
  return {};
}

const std::set<std::string>& ForcibleStatuses() {
  static const std::set<std::string> s = {"APPROVED", "REJECTED", "PAUSED", "DISABLED"};
  return s;
}

}  // namespace

bool IsRejectionReason(const std::string& r) {
  static const std::set<std::string> s = {"ABUSIVE_CONTENT", "CATEGORY_NOT_AVAILABLE", "INCORRECT_CATEGORY",
                                          "INVALID_FORMAT",  "NONE",                   "PROMOTIONAL",
                                          "SCAM",            "TAG_CONTENT_MISMATCH"};
  return s.count(r) > 0;
}

size_t TemplateLimit(const Ctx& ctx, const std::string& waba_id) {
  const Business* b = ctx.state.accounts.BusinessOfWaba(waba_id);
  return b && b->verified ? kVerifiedTemplateLimit : kUnverifiedTemplateLimit;
}

Result<CreateResult> Create(Ctx& ctx, const std::string& waba_id, const Json& body) {
  auto d = CheckCreateBody(body);
  if (!d) return d.error();
  if (auto s = CheckNameFree(ctx, waba_id, *d); !s) return s.error();
  // Meta: every language of every template counts against the limit.
  if (CountTemplates(ctx, waba_id) >= TemplateLimit(ctx, waba_id))
    return MakeError(ErrorCode::kTemplateLimitExceeded, "You have exceeded the maximum number of message templates (" +
                                                    std::to_string(TemplateLimit(ctx, waba_id)) +
                                                    ") you can have for this WhatsApp business account.");
  MessageTemplate t;
  do t.id = ctx.ids.NumericId(); while (ctx.state.templates.by_id.count(t.id));
  t.waba_id = waba_id;
  t.name = d->name;
  t.language = d->language;
  t.category = d->category;
  t.parameter_format = d->parameter_format;
  t.components = d->components;
  t.created_at = ctx.now();
  if (d->message_send_ttl_seconds) t.message_send_ttl_seconds = *d->message_send_ttl_seconds;
  MessageTemplate& stored = ctx.state.templates.by_id[t.id] = std::move(t);
  SubmitForReview(ctx, stored);
  return CreateResult{stored.id, stored.status, stored.category};
}

std::vector<const MessageTemplate*> List(const Ctx& ctx, const std::string& waba_id, const ListFilter& f) {
  std::vector<const MessageTemplate*> out;
  for (const auto& [id, t] : ctx.state.templates.by_id) {
    if (t.waba_id != waba_id) continue;
    if (!f.name.empty() && t.name.find(f.name) == std::string::npos) continue;
    if (!f.status.empty() && AsciiUpper(f.status) != t.status) continue;
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
  if (t->status != "APPROVED" && t->status != "REJECTED" && t->status != "PAUSED")
    return MakeError(ErrorCode::kTemplateStatusCannotChange,
                     "A template in status " + t->status + " cannot be edited; wait for its review to finish.");
  bool has_category = body.contains("category"), has_components = body.contains("components");
  bool has_ttl = body.contains("message_send_ttl_seconds");
  if (!has_category && !has_components && !has_ttl)
    return SchemaParamError("Give at least one of category, components or message_send_ttl_seconds.");
  std::string category = has_category ? NormalizeCategory(body["category"]) : t->category;
  if (category.empty()) return SchemaParamError("Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}.");
  // Meta: the category of an approved template cannot be edited.
  if (t->status == "APPROVED" && category != t->category)
    return InvalidParameterError("The category of an approved template cannot be edited.");
  if (has_ttl && !body["message_send_ttl_seconds"].is_number_integer())
    return SchemaParamError("Param message_send_ttl_seconds must be an integer.");
  if (auto s = CheckEditAllowance(ctx, *t); !s) return s;
  auto comps = CheckComponents(has_components ? body["components"] : t->components, category, t->parameter_format);
  if (!comps) return comps.error();
  if (t->status == "APPROVED") t->approved_edits.push_back(ctx.now());
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
  for (const auto& [id, t] : ctx.state.templates.by_id)
    if (t.waba_id == waba_id && t.name == name && (hsm_id.empty() || id == hsm_id)) ids.push_back(id);
  // Assumption: an unknown name/id is a (#100) Invalid parameter.
  if (ids.empty())
    return InvalidParameterError(hsm_id.empty() ? "No message template named " + name + " exists."
                                                : "No message template " + hsm_id + " named " + name + " exists.");
  for (const auto& id : ids)
    if (ctx.state.templates.by_id.at(id).status == "DISABLED")
      // Meta: disabled templates cannot be deleted. Assumption: (#100).
      return InvalidParameterError("The template " + id + " is disabled; disabled templates cannot be deleted.");
  for (const auto& id : ids) {
    if (ctx.state.templates.by_id.at(id).status == "APPROVED")
      ctx.state.templates.deleted_approved_names[{waba_id, name}] = ctx.now();
    if (MessageTemplate* t = FindMutable(ctx, id)) CancelReview(ctx, *t);
    ctx.state.templates.by_id.erase(id);
  }
  return {};
}

Status ForceStatus(Ctx& ctx, const std::string& template_id, const std::string& status, const std::string& reason,
                   const Json& rejection_info) {
  MessageTemplate* t = FindMutable(ctx, template_id);
  if (!t) return UnknownObjectError("post", template_id);
  std::string s = AsciiUpper(status);
  if (!ForcibleStatuses().count(s))
    return InvalidParameterError("status must be one of APPROVED, REJECTED, PAUSED, DISABLED.");
  std::string r = reason.empty() ? (s == "REJECTED" ? "INVALID_FORMAT" : "NONE") : AsciiUpper(reason);
  if (!IsRejectionReason(r)) return InvalidParameterError("reason '" + reason + "' is not one of Meta's reasons.");
  CancelReview(ctx, *t);  // a pending review no longer applies
  ApplyStatus(ctx, *t, s, r, rejection_info);
  return {};
}

Status SetReviewDecision(Ctx& ctx, const std::string& template_id, const std::string& decision,
                         const std::string& reason, std::optional<DurationMs> delay, const Json& rejection_info) {
  MessageTemplate* t = FindMutable(ctx, template_id);
  if (!t) return UnknownObjectError("post", template_id);
  std::string d = decision.empty() ? t->pending_decision : AsciiUpper(decision);
  if (d != "APPROVED" && d != "REJECTED") return InvalidParameterError("decision must be APPROVED or REJECTED.");
  std::string r = reason.empty() ? (d == "REJECTED" ? "INVALID_FORMAT" : "NONE") : AsciiUpper(reason);
  if (!IsRejectionReason(r)) return InvalidParameterError("reason '" + reason + "' is not one of Meta's reasons.");
  if (delay && *delay < 0) return InvalidParameterError("delay must not be negative.");
  t->pending_decision = d;
  t->pending_reason = r;
  t->pending_rejection_info = rejection_info;
  if (delay) t->review_delay = *delay;
  if (delay && t->status == "PENDING") ScheduleReview(ctx, *t, *delay);
  return {};
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) { handlers.On<TemplateReviewDue>(RunReview); }

}  // namespace wasim::templates
