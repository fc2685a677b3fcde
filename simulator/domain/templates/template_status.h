// A message template's status (Meta's review outcome and later quality actions).
#pragma once
#include <optional>
#include <string_view>

namespace wasim {

enum class TemplateStatus { kPending, kApproved, kRejected, kPaused, kDisabled };
// Meta's names: PENDING, APPROVED, REJECTED, PAUSED, DISABLED.
const char* TemplateStatusName(TemplateStatus s);
std::optional<TemplateStatus> ParseTemplateStatus(std::string_view name);

// Meta's recategorization of an approved template (template_category_update):
// settled, or a change announced for later (kImpending).
enum class Recategorization { kSettled, kImpending };

}  // namespace wasim
