#include "simulator/domain/accounts/business_profile.h"

#include <algorithm>

#include "simulator/core/hmac.h"
#include "simulator/domain/messages/validation_rules.h"
#include "simulator/domain/uploads/service.h"

namespace wasim::accounts {
namespace {

using messages::CharLength;
using messages::ParamNotOneOf;
using messages::ParamRequired;
using messages::ParamTooLong;
using messages::ParamWrongType;

// Assumption (no captured wording): the same shape as Graph's "must be at
// most N characters long".
GraphError BpParamTooShort(const std::string& where, size_t min) {
  return SchemaParamError("Param " + where + " must be at least " + std::to_string(min) +
                          " characters long.");
}

// Assumption: "local@domain.tld", no spaces, one '@' (OpenAPI: format email).
bool BpLooksLikeEmail(const std::string& s) {
  const size_t at = s.find('@');
  if (at == 0 || at == std::string::npos || s.find('@', at + 1) != std::string::npos) return false;
  if (s.find_first_of(" \t\r\n") != std::string::npos) return false;
  const std::string domain = s.substr(at + 1);
  const size_t dot = domain.rfind('.');
  return dot != std::string::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.';
}

// An optional string field of at most `max` characters (and at least `min`).
Status BpReadText(const Json& params, const char* key, size_t min, size_t max,
                  std::optional<std::string>& out) {
  if (!params.contains(key)) return {};
  const Json& v = params[key];
  if (!v.is_string()) return ParamWrongType(key, "a string");
  const std::string& s = v.get_ref<const std::string&>();
  const size_t n = CharLength(s);
  if (n < min) return BpParamTooShort(key, min);
  if (n > max) return ParamTooLong(key, max);
  out = s;
  return {};
}

Status BpReadEmail(const Json& params, std::optional<std::string>& out) {
  if (auto s = BpReadText(params, "email", 0, profile_limits::kEmail, out); !s) return s;
  if (out && !out->empty() && !BpLooksLikeEmail(*out))
    return SchemaParamError("Param email must be a valid email address.");
  return {};
}

// Meta's example request sends websites as a string holding a JSON array (a
// form field); a JSON body sends the array itself. Both are accepted.
Status BpReadWebsites(const Json& params, std::optional<std::vector<std::string>>& out) {
  if (!params.contains("websites")) return {};
  Json list = params["websites"];
  if (list.is_string()) list = Json::parse(list.get<std::string>(), nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return ParamWrongType("websites", "an array");
  if (list.size() > profile_limits::kWebsites)
    return SchemaParamError("Param websites must contain at most " +
                            std::to_string(profile_limits::kWebsites) + " elements.");
  std::vector<std::string> urls;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = messages::At("websites", i);
    if (!list[i].is_string()) return ParamWrongType(where, "a string");
    const std::string& url = list[i].get_ref<const std::string&>();
    if (CharLength(url) > profile_limits::kWebsite) return ParamTooLong(where, profile_limits::kWebsite);
    if (!messages::IsHttpUrl(url)) return SchemaParamError("Param " + where + " must be a valid URL.");
    urls.push_back(url);
  }
  out = std::move(urls);
  return {};
}

Status BpReadVertical(const Json& params, std::optional<std::string>& out) {
  if (!params.contains("vertical")) return {};
  const Json& v = params["vertical"];
  const auto& all = BusinessVerticals();
  if (v.is_string() && std::find(all.begin(), all.end(), v.get<std::string>()) != all.end()) {
    out = v.get<std::string>();
    return {};
  }
  std::string allowed;
  for (const auto& name : all) allowed += (allowed.empty() ? "" : ", ") + name;
  return ParamNotOneOf("vertical", allowed, v.is_string() ? v.get<std::string>() : v.dump());
}

Status BpReadHandle(const Json& params, std::optional<std::string>& out) {
  if (!params.contains("profile_picture_handle")) return {};
  const Json& v = params["profile_picture_handle"];
  if (!v.is_string()) return ParamWrongType("profile_picture_handle", "a string");
  if (v.get_ref<const std::string&>().empty()) return BpParamTooShort("profile_picture_handle", 1);
  out = v.get<std::string>();
  return {};
}

// Meta (business-profiles.mdx, profile API reference): the handle comes from
// uploading the picture with the Resumable Upload API. Assumption: it must be
// an image (Meta's example handle encodes image/jpeg); the error wording is ours.
Status CheckPictureHandle(const SimState& state, const std::string& handle) {
  const uploads::UploadedFile* f = uploads::FindFile(state, handle);
  if (!f)
    return SchemaParamError(
        "Param profile_picture_handle must be a file handle from the Resumable Upload API (POST "
        "/upload:<id>) - "
        "got \"" +
        handle + "\".");
  if (f->file_type.rfind("image/", 0) != 0)
    return SchemaParamError("Param profile_picture_handle must be an uploaded image - got " + f->file_type +
                            ".");
  return {};
}

}  // namespace

const std::vector<std::string>& BusinessVerticals() {
  // Meta's OpenAPI (v23.0), schema WhatsAppBusinessVertical.
  static const std::vector<std::string> verticals = {
      "OTHER",     "AUTO",       "BEAUTY",    "APPAREL",         "EDU",
      "ENTERTAIN", "EVENT_PLAN", "FINANCE",   "GROCERY",         "GOVT",
      "HOTEL",     "HEALTH",     "NONPROFIT", "PROF_SERVICES",   "RETAIL",
      "TRAVEL",    "RESTAURANT", "ALCOHOL",   "ONLINE_GAMBLING", "PHYSICAL_GAMBLING",
      "OTC_DRUGS"};
  return verticals;
}

Result<BusinessProfileUpdate> ParseBusinessProfileUpdate(const Json& params) {
  if (!params.is_object()) return SchemaParamError("Request body must be a JSON object.");
  if (!params.contains("messaging_product")) return ParamRequired("messaging_product");
  const Json& mp = params["messaging_product"];
  if (!mp.is_string() || mp != "whatsapp")
    return ParamNotOneOf("messaging_product", "WHATSAPP", mp.is_string() ? mp.get<std::string>() : mp.dump());
  BusinessProfileUpdate u;
  if (auto s = BpReadText(params, "about", 1, profile_limits::kAbout, u.about); !s) return s.error();
  if (auto s = BpReadText(params, "address", 0, profile_limits::kAddress, u.address); !s) return s.error();
  if (auto s = BpReadText(params, "description", 0, profile_limits::kDescription, u.description); !s)
    return s.error();
  if (auto s = BpReadEmail(params, u.email); !s) return s.error();
  if (auto s = BpReadHandle(params, u.profile_picture_handle); !s) return s.error();
  if (auto s = BpReadWebsites(params, u.websites); !s) return s.error();
  if (auto s = BpReadVertical(params, u.vertical); !s) return s.error();
  return u;
}

std::string ProfilePictureUrl(const std::string& phone_number_id, const std::string& handle) {
  return "https://pps.whatsapp.net/v/wasim/" + phone_number_id + "/" + Sha256Hex(handle).substr(0, 32) +
         ".jpg";
}

Status UpdateBusinessProfile(Ctx& ctx, const std::string& phone_number_id, const Json& params) {
  auto update = ParseBusinessProfileUpdate(params);
  if (!update) return update.error();
  PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  if (!phone) return UnknownObjectError("POST", phone_number_id);
  if (update->profile_picture_handle)
    if (auto s = CheckPictureHandle(ctx.state, *update->profile_picture_handle); !s) return s;
  BusinessProfile& p = phone->business_profile;
  if (update->about) p.about = *update->about;
  if (update->address) p.address = *update->address;
  if (update->description) p.description = *update->description;
  if (update->email) p.email = *update->email;
  if (update->profile_picture_handle)
    p.profile_picture_url = ProfilePictureUrl(phone_number_id, *update->profile_picture_handle);
  if (update->websites) p.websites = *update->websites;
  if (update->vertical) p.vertical = *update->vertical;
  return {};
}

}  // namespace wasim::accounts
