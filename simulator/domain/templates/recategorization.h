// Meta's recategorization of approved templates (templates/template-
// categorization, "How we update a template's category after initial
// approval"; webhooks/reference/template_category_update): Meta announces the
// change ("impending", with the category and the instant it takes effect, 24
// hours later), then applies it ("completed", previous and new category). A
// manual change is announced only as completed. No HTTP types.
#pragma once
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/lifecycle/registry.h"
#include "simulator/domain/simulator.h"

namespace wasim::templates {

// Meta: "the category that the template will be recategorized as in 24 hours".
constexpr DurationMs kRecategorizationNotice = 24 * kHour;

// The category changes to `category` (MARKETING, UTILITY, AUTHENTICATION)
// after `notice` (announced now), or now when `notice` is 0. A newer call
// replaces a pending change. Refused, changing nothing, for an unknown
// template or category, the category it already has, or a negative notice.
Status Recategorize(Ctx& ctx, const std::string& template_id, const std::string& category, DurationMs notice);

// Wiring time: the template_recategorization lifecycle.
void RegisterRecategorizationLifecycle(LifecycleRegistry& registry);

}  // namespace wasim::templates
