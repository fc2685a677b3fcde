// Templates service: create, list, edit, delete message templates of a WABA
// and their review on the virtual clock (decision after
// config.template_review_delay, published as a message_template_status_update
// ManagementEvent). No HTTP types.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::templates {

// Meta: 250 templates per WABA of an unverified portfolio, 6,000 once verified.
constexpr size_t kUnverifiedTemplateLimit = 250;
constexpr size_t kVerifiedTemplateLimit = 6000;
// Meta: approved templates may be edited 10 times per 30 days, once per 24 h.
constexpr size_t kMaxEditsPer30Days = 10;
constexpr size_t kMaxEditsPerDay = 1;
// Meta: a deleted approved template's name cannot be reused for 30 days.
constexpr DurationMs kDeletedNameBlock = 30 * kDay;

struct CreateResult {
  std::string id;
  std::string status;
  std::string category;
};

// POST /{waba-id}/message_templates.
Result<CreateResult> Create(Ctx& ctx, const std::string& waba_id, const Json& body);

struct ListFilter {
  std::string name;    // substring of the name (assumption: Graph's `name` filter)
  std::string status;  // case-insensitive
  std::string language;
  std::string category;  // case-insensitive
};

// Templates of a WABA matching `filter`, newest first.
std::vector<const MessageTemplate*> List(const Ctx& ctx, const std::string& waba_id,
                                         const ListFilter& filter);

// POST /{template-id}: category, components and/or message_send_ttl_seconds.
Status Edit(Ctx& ctx, const std::string& template_id, const Json& body);

// DELETE /{waba-id}/message_templates?name=X[&hsm_id=ID].
Status Delete(Ctx& ctx, const std::string& waba_id, const std::string& name, const std::string& hsm_id);

size_t TemplateLimit(const Ctx& ctx, const std::string& waba_id);

// Meta-side decisions (admin API).
// Sets the status now (APPROVED, REJECTED, PAUSED, DISABLED), cancelling a
// pending review, and publishes the status update.
Status ForceStatus(Ctx& ctx, const std::string& template_id, const std::string& status,
                   const std::string& reason, const Json& rejection_info = Json());
// Chooses the decision of the template's (current or next) review, and
// optionally its delay; a pending review is rescheduled from now.
Status SetReviewDecision(Ctx& ctx, const std::string& template_id, const std::string& decision,
                         const std::string& reason, std::optional<DurationMs> delay,
                         const Json& rejection_info = Json());

// Meta's rejection reasons (webhook `reason`).
bool IsRejectionReason(const std::string& reason);
// The template_review lifecycle runs its decisions (wiring time).
void RegisterLifecycles(LifecycleRegistry& registry);

}  // namespace wasim::templates
