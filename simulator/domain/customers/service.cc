#include "simulator/domain/customers/service.h"

#include <algorithm>
#include <cctype>

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/messages/lifecycle.h"

namespace wasim::customers {

bool IsValidWaId(const std::string& wa_id) {
  // E.164: at most 15 digits; Assumption: at least 7 (shortest plausible number).
  if (wa_id.size() < 7 || wa_id.size() > 15 || wa_id[0] == '0') return false;
  return std::all_of(wa_id.begin(), wa_id.end(), [](unsigned char ch) { return std::isdigit(ch); });
}

namespace {

// A settable BSUID: Meta's form, and unique in its portfolio.
Status ValidateBsuid(const SimState& state, const std::string& portfolio, const std::string& wa_id,
                     const std::string& bsuid) {
  if (!IsValidBsuid(bsuid))
    return InvalidParameterError(
        "bsuid must be an ISO country code, '.', then up to 253 letters or digits, e.g. "
        "US.13491208655302741918");
  auto owner = FindByBsuid(state, portfolio, bsuid);
  if (owner && *owner != wa_id)
    return InvalidParameterError("bsuid " + bsuid + " already names customer " + *owner + " in business " +
                                 portfolio);
  return {};
}

bool SameUsername(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// Meta (business-scoped-user-ids.mdx): a username is unique among users.
Status ValidateUsernameFree(const SimState& state, const std::string& wa_id, const std::string& username) {
  for (const auto& [other, c] : state.customers.by_wa_id)
    if (other != wa_id && SameUsername(c.username, username))
      return InvalidParameterError("username " + username + " is already customer " + other + "'s");
  return {};
}

}  // namespace

Status ValidateUpdate(const Ctx& ctx, const std::string& wa_id, const CustomerUpdate& u) {
  if (!IsValidWaId(wa_id))
    return InvalidParameterError(
        "wa_id must be the user's number as 7 to 15 digits without '+', e.g. 16505551234");
  if (u.profile_name && u.profile_name->size() > kMaxProfileNameLength)
    return InvalidParameterError("profile_name is longer than " + std::to_string(kMaxProfileNameLength) +
                                 " characters");
  bool touches_relation = u.blocked_business.has_value() || u.marketing_opt_out.has_value() ||
                          u.saved_business_number.has_value() || u.bsuid.has_value();
  if (touches_relation && !u.phone_number_id)
    return InvalidParameterError(
        "blocked_business, marketing_opt_out, saved_business_number and bsuid are per business number: "
        "add phone_number_id");
  if (u.phone_number_id && !ctx.state.accounts.FindPhone(*u.phone_number_id))
    return InvalidParameterError("Unknown phone_number_id " + *u.phone_number_id);
  if (u.username && !u.username->empty() && !IsValidUserUsername(*u.username))
    return InvalidParameterError("username must be 1 to 36 characters without spaces, e.g. @pablomorales");
  if (u.username && !u.username->empty())
    if (auto s = ValidateUsernameFree(ctx.state, wa_id, *u.username); !s) return s;
  if (u.bsuid)
    return ValidateBsuid(ctx.state, PortfolioOfPhone(ctx.state, *u.phone_number_id), wa_id, *u.bsuid);
  return {};
}

Result<Customer> UpdateCustomer(Ctx& ctx, const std::string& wa_id, const CustomerUpdate& u) {
  if (auto s = ValidateUpdate(ctx, wa_id, u); !s) return s.error();
  Customer& c = ctx.state.customers.Ensure(wa_id);
  if (u.state) c.state = *u.state;
  if (u.profile_name) c.profile_name = *u.profile_name;
  if (u.auto_read) c.auto_read = *u.auto_read;
  if (u.in_marketing_experiment) c.in_marketing_experiment = *u.in_marketing_experiment;
  if (u.username) c.username = *u.username;
  if (u.bsuid) c.bsuid_by_business[PortfolioOfPhone(ctx.state, *u.phone_number_id)] = *u.bsuid;
  if (u.phone_number_id) {
    CustomerRelation& rel = ctx.state.customers.Relation(*u.phone_number_id, wa_id);
    if (u.blocked_business) rel.blocked_business = *u.blocked_business;
    if (u.marketing_opt_out) rel.marketing_opt_out = *u.marketing_opt_out;
    if (u.saved_business_number) rel.saved_business_number = *u.saved_business_number;
  }
  messages::ResumeDeliveries(ctx, wa_id);
  return c;
}

Status SetState(Ctx& ctx, const std::string& wa_id, CustomerState state) {
  CustomerUpdate u;
  u.state = state;
  auto r = UpdateCustomer(ctx, wa_id, u);
  if (!r) return r.error();
  return {};
}

Status SetRelation(Ctx& ctx, const std::string& wa_id, const std::string& phone_number_id,
                   std::optional<bool> blocked_business, std::optional<bool> marketing_opt_out) {
  CustomerUpdate u;
  u.phone_number_id = phone_number_id;
  u.blocked_business = blocked_business;
  u.marketing_opt_out = marketing_opt_out;
  auto r = UpdateCustomer(ctx, wa_id, u);
  if (!r) return r.error();
  return {};
}

}  // namespace wasim::customers
