// Business-scoped user ids (BSUIDs) and usernames: how a business portfolio
// sees a WhatsApp user (Meta: business-scoped-user-ids.mdx). No HTTP types.
#pragma once
#include <optional>
#include <string>

#include "simulator/domain/simulator.h"

namespace wasim::customers {

// Assumption (BSP timelines, research digest §13.1): real BSUIDs appear in
// webhooks from 2026-03-31; before that virtual instant no user_id is shared
// and payloads keep their older shape (Meta's reference examples).
constexpr TimeMs kBsuidsSharedFrom = 1774915200000;  // 2026-03-31T00:00:00Z

// Meta: the phone number is shared for 30 days after the business messaged it.
constexpr DurationMs kPhoneShareWindow = 30 * kDay;

// Meta: BSUIDs are up to 256 alphanumeric characters; their published form is
// `<ISO country>.<alphanumerics>` (e.g. US.13491208655302741918); Meta's first
// examples (business-scoped-user-ids.mdx, Nov 2025) read `user.<hex>`. Both
// are accepted where the operator sets one.
constexpr size_t kMaxBsuidLength = 256;
bool IsValidBsuid(const std::string& s);
// A `to`/`recipient` value that is a BSUID rather than a phone number (phone
// numbers never contain '.').
bool LooksLikeBsuid(const std::string& s);

// Assumption: a user username as the operator sets it (Meta shows "@name"):
// 1 to 36 characters, none of them whitespace.
bool IsValidUserUsername(const std::string& s);

// ISO 3166 alpha-2 country of a wa_id, from its calling code (Meta's
// country_code). Assumption: "US" for a calling code outside our table.
std::string CountryOfWaId(const std::string& wa_id);

// The business portfolio a phone number belongs to (its WABA's business; the
// WABA id itself when the WABA has none).
std::string PortfolioOfPhone(const SimState& state, const std::string& phone_number_id);

// The user's BSUID for a portfolio: the operator's, else derived from the ids
// (`<country>.<20 digits>`, the same for the same pair in every run).
std::string BsuidOf(const SimState& state, const std::string& portfolio_id, const std::string& wa_id);
std::string DerivedBsuid(const std::string& portfolio_id, const std::string& wa_id);

// The wa_id of the user with this BSUID in the portfolio, if any.
std::optional<std::string> FindByBsuid(const SimState& state, const std::string& portfolio_id,
                                       const std::string& bsuid);

// Meta: a username adopter's number is hidden unless the business messaged it
// in the last 30 days or the user saved the business number.
bool PhoneHidden(const SimState& state, const std::string& phone_number_id, const std::string& wa_id,
                 TimeMs now);

// The identity payloads carry for (phone number, user) at `now`: empty user_id
// (and nothing hidden) before kBsuidsSharedFrom.
UserIdentity IdentityFor(const SimState& state, const std::string& phone_number_id, const std::string& wa_id,
                         TimeMs now);

}  // namespace wasim::customers
