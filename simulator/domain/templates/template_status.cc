#include "simulator/domain/templates/template_status.h"

namespace wasim {

const char* TemplateStatusName(TemplateStatus s) {
  switch (s) {
    case TemplateStatus::kPending:
      return "PENDING";
    case TemplateStatus::kApproved:
      return "APPROVED";
    case TemplateStatus::kRejected:
      return "REJECTED";
    case TemplateStatus::kPaused:
      return "PAUSED";
    case TemplateStatus::kDisabled:
      return "DISABLED";
  }
  return "PENDING";
}

std::optional<TemplateStatus> ParseTemplateStatus(std::string_view name) {
  for (TemplateStatus s : {TemplateStatus::kPending, TemplateStatus::kApproved, TemplateStatus::kRejected,
                           TemplateStatus::kPaused, TemplateStatus::kDisabled})
    if (name == TemplateStatusName(s)) return s;
  return std::nullopt;
}

}  // namespace wasim
