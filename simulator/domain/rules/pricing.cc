#include "simulator/domain/rules/pricing.h"

#include "simulator/core/text.h"

namespace wasim::rules {

PricingCategory CategoryFromTemplate(const std::string& category) {
  const std::string c = AsciiUpper(category);
  if (c == "MARKETING") return PricingCategory::kMarketing;
  if (c == "UTILITY") return PricingCategory::kUtility;
  if (c == "AUTHENTICATION") return PricingCategory::kAuthentication;
  if (c == "AUTHENTICATION_INTERNATIONAL") return PricingCategory::kAuthenticationInternational;
  return PricingCategory::kMarketing;  // Assumption (see the header)
}

PricingInfo PriceMessage(bool is_template, PricingCategory category, bool window_open, bool fep_active) {
  PricingInfo p;
  if (fep_active) {
    p.billable = false;
    p.type = "free_entry_point";
    p.category = PricingCategory::kReferralConversion;
    return p;
  }
  if (!is_template) {
    p.billable = false;
    p.type = "free_customer_service";
    p.category = PricingCategory::kService;
    return p;
  }
  p.category = category;
  bool free_utility = category == PricingCategory::kUtility && window_open;
  p.billable = !free_utility;
  p.type = free_utility ? "free_customer_service" : "regular";
  return p;
}

}  // namespace wasim::rules
