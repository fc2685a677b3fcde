// A phone number's business profile: what WhatsApp users see about the
// business (about, address, description, email, picture, websites, vertical).
//
// Meta (business-profiles.mdx; reference
// whatsapp-business-phone-number/whatsapp-business-profile-api.md): read with
// GET and changed with POST /{phone-number-id}/whatsapp_business_profile; only
// the fields sent change. Limits from Meta's OpenAPI schema
// WhatsAppBusinessProfileUpdateRequest (v23.0): messaging_product "whatsapp"
// required, about 1-139 characters, address and description at most 256
// (embedded-signup/pre-filled-data.mdx allows 512 for the description in
// Embedded Signup's pre-filled data; we keep the API reference's 256), email
// at most 128 and an email address, websites at most 2 URIs of at most 256
// characters, vertical one of WhatsAppBusinessVertical.
//
// Our assumptions: a website must be an absolute http(s) URL; an email must
// look like local@domain.tld; address, description, email, websites may be
// cleared with "" / []; a profile_picture_handle must be an image handle the
// Resumable Upload API issued (domain/uploads) and becomes a deterministic,
// unserved pps.whatsapp.net-style profile_picture_url; unknown body keys are ignored;
// the update records no fact (Meta sends no webhook for it).
// No HTTP types; the caller holds the Simulator lock.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::accounts {

namespace profile_limits {
constexpr size_t kAbout = 139;        // OpenAPI: minLength 1, maxLength 139
constexpr size_t kAddress = 256;      // OpenAPI
constexpr size_t kDescription = 256;  // OpenAPI (Embedded Signup's pre-filled data: 512)
constexpr size_t kEmail = 128;        // OpenAPI
constexpr size_t kWebsites = 2;       // OpenAPI: maxItems 2
constexpr size_t kWebsite = 256;      // OpenAPI: items maxLength 256
}  // namespace profile_limits

// Meta's WhatsAppBusinessVertical values, in the schema's order.
const std::vector<std::string>& BusinessVerticals();

// A validated POST body: the fields it changes (nullopt: left as they are).
struct BusinessProfileUpdate {
  std::optional<std::string> about;
  std::optional<std::string> address;
  std::optional<std::string> description;
  std::optional<std::string> email;
  std::optional<std::string> profile_picture_handle;
  std::optional<std::vector<std::string>> websites;
  std::optional<std::string> vertical;
};

// Checks a POST body (JSON body or form fields: `websites` may be a JSON
// array or, as in Meta's example request, a string holding one). Errors are
// code 100 in Graph's request-schema shape ("(#100) Param about must be at
// most 139 characters long.").
Result<BusinessProfileUpdate> ParseBusinessProfileUpdate(const Json& params);

// The picture URL wasim shows for a handle (assumption: not served).
std::string ProfilePictureUrl(const std::string& phone_number_id, const std::string& handle);

// Validates `params` and applies them to the number's profile; on error
// nothing changes. The number must exist (the router checked it).
Status UpdateBusinessProfile(Ctx& ctx, const std::string& phone_number_id, const Json& params);

}  // namespace wasim::accounts
