// Customer service window and free entry point window (pure functions of a
// relation and the time; no state changes here).
//
// Meta: every user message opens/refreshes a 24 h customer service window;
// free-form messages need it, templates do not. A user who arrives from a
// click-to-WhatsApp ad (inbound `referral`) and gets a business reply within
// 24 h opens a 72 h free entry point window starting at that reply, in which
// every message is free; the 24 h window still governs free-form sending.
#pragma once
#include <string>

#include "simulator/core/time.h"
#include "simulator/domain/rules/rules_config.h"
#include "simulator/domain/world/model.h"

namespace wasim::rules {

// Open while now < last inbound + window (closed exactly at the 24th hour).
bool ServiceWindowOpen(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg);

// A free entry point window is running at `now`.
bool FreeEntryPointActive(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg);

// A business message sent at `now` opens a new free entry point window: the
// user's latest referral is less than fep_reply_within old, no window is
// running, and that referral has not opened one already.
bool OpensFreeEntryPoint(const CustomerRelation* rel, TimeMs now, const RulesConfig& cfg);

// Meta (status webhook reference): inside a free entry point window the
// `conversation` object is kept (also on v24.0+) and its id is "unique per
// window". Assumption: the id is 32 hex characters (like Meta's examples)
// derived from the number, the user and the window's start, so every message
// of one window shares it and a new window gets a new one.
std::string FreeEntryPointConversationId(const std::string& phone_number_id, const std::string& wa_id,
                                         TimeMs window_start);

}  // namespace wasim::rules
