// A WhatsApp user changes their phone number (Meta: webhooks/reference/
// messages/system, "user_changed_number"; business-scoped-user-ids.mdx,
// "user_changed_user_id" once BSUIDs are shared). Every business number the
// user has a conversation with gets a system message; the user's BSUIDs are
// regenerated (Meta: a BSUID changes when the user changes number). No HTTP types.
#pragma once
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::customers {

// Moves the customer `old_wa_id` (and its relations) to `new_wa_id` and records
// one system message per business number it has a relation with. Refused,
// changing nothing, when the customer is unknown, the new number is not a
// valid wa_id, or another customer has it.
Status ChangeNumber(Ctx& ctx, const std::string& old_wa_id, const std::string& new_wa_id);

}  // namespace wasim::customers
