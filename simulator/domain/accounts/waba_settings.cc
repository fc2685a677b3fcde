#include "simulator/domain/accounts/waba_settings.h"

namespace wasim::accounts {

Status SetInsightsEnabled(Ctx& ctx, const std::string& waba_id, bool enabled) {
  Waba* w = ctx.state.accounts.FindWaba(waba_id);
  if (!w) return UnknownObjectError("POST", waba_id);
  if (!enabled && w->is_enabled_for_insights)
    return InvalidParameterError(
        "Template analytics were confirmed for this WhatsApp Business Account and cannot be disabled.");
  if (enabled) w->is_enabled_for_insights = true;
  return {};
}

}  // namespace wasim::accounts
