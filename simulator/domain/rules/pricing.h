// Per-message pricing (Meta, since 2025-07-01): templates are charged by
// category; non-template messages (only possible in an open customer service
// window) and utility templates inside an open window are free
// (free_customer_service); everything is free inside a free entry point window
// (type free_entry_point, category referral_conversion).
#pragma once
#include <optional>
#include <string>

#include "simulator/domain/messages/message_store.h"

namespace wasim::rules {

// The one mapping of a template's category (MARKETING, UTILITY,
// AUTHENTICATION, AUTHENTICATION_INTERNATIONAL; any case) to the pricing
// category its sends are charged and ruled by. Templates created through the
// API always carry one of Meta's categories; a world may hold others.
// Assumption: an unknown or missing category is priced and ruled as MARKETING,
// the strictest category (billed, subject to the marketing cap and opt-outs),
// so a misconfigured template never slips past a rule.
PricingCategory CategoryFromTemplate(const std::string& category);

PricingInfo PriceMessage(bool is_template, PricingCategory category, bool window_open, bool fep_active);

}  // namespace wasim::rules
