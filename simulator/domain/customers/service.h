// Customers (WhatsApp users) as the simulator's operator sets them up:
// global state, profile and reading habits, and per-business relations.
// Changing a customer resumes what their new state allows (an offline user
// coming online gets pending messages delivered). No HTTP types.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::customers {

// A partial update: unset fields are left as they are.
struct CustomerUpdate {
  std::optional<CustomerState> state;
  std::optional<std::string> profile_name;
  std::optional<bool> auto_read;
  std::optional<bool> in_marketing_experiment;
  // Relation fields apply to the customer's relation with this business number.
  std::optional<std::string> phone_number_id;
  std::optional<bool> blocked_business;
  std::optional<bool> marketing_opt_out;
  // Identity (Meta: business-scoped-user-ids.mdx). username "" removes it.
  std::optional<std::string> username;
  // The BSUID in the business portfolio of phone_number_id (required with it).
  std::optional<std::string> bsuid;
  // The user saved the business number: their number stays visible (relation).
  std::optional<bool> saved_business_number;
};

// Meta's wa_id: the user's number as digits only (E.164 without '+', at most 15).
bool IsValidWaId(const std::string& wa_id);
constexpr size_t kMaxProfileNameLength = 256;  // Assumption: generous cap for an operator-set name

// Checks an update against the world without changing anything.
Status ValidateUpdate(const Ctx& ctx, const std::string& wa_id, const CustomerUpdate& u);

// Validates, then creates the customer if unknown and applies `u`. Nothing
// changes on error. Afterwards pending deliveries resume when allowed.
Result<Customer> UpdateCustomer(Ctx& ctx, const std::string& wa_id, const CustomerUpdate& u);

// Convenience setters for other modules and tests (same rules as UpdateCustomer).
Status SetState(Ctx& ctx, const std::string& wa_id, CustomerState state);
Status SetRelation(Ctx& ctx, const std::string& wa_id, const std::string& phone_number_id,
                   std::optional<bool> blocked_business, std::optional<bool> marketing_opt_out);

}  // namespace wasim::customers
