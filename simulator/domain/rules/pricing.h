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

// Template category string (MARKETING, UTILITY, AUTHENTICATION,
// AUTHENTICATION_INTERNATIONAL) as a pricing category; nullopt when unknown.
std::optional<PricingCategory> CategoryFromTemplate(const std::string& category);

PricingInfo PriceMessage(bool is_template, PricingCategory category, bool window_open, bool fep_active);

}  // namespace wasim::rules
