// Business profile of a phone number: GET and POST
// /{phone-number-id}/whatsapp_business_profile (Meta: business-profiles.mdx;
// rules in domain/accounts/business_profile.h).
#include "simulator/domain/accounts/business_profile.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/node_fields.h"

namespace wasim {
namespace {

// Assumption: Graph's node type name for field errors (Meta's reference calls
// the object "WhatsApp Business Profile").
constexpr const char* kBusinessProfileNodeType = "WhatsAppBusinessProfile";

// Every readable field, in the order of Meta's example response
// (business-profiles.mdx, "Getting your profile via API"); unset fields are null.
Json BusinessProfileJson(const BusinessProfile& p) {
  auto text = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  Json j = Json::object();
  j["about"] = text(p.about);
  j["address"] = text(p.address);
  j["description"] = text(p.description);
  j["email"] = text(p.email);
  j["profile_picture_url"] = text(p.profile_picture_url);
  j["websites"] = p.websites.empty() ? Json(nullptr) : Json(p.websites);
  j["vertical"] = text(p.vertical);
  j["messaging_product"] = "whatsapp";
  return j;
}

// Meta's reference: without ?fields= the default fields are messaging_product,
// about, address, description, email, profile_picture_url, websites, vertical
// (rendered in the example's order, messaging_product last).
const std::vector<std::string> kDefaultProfileFields = {
    "about",    "address",  "description",      "email", "profile_picture_url",
    "websites", "vertical", "messaging_product"};

// {"data":[{<fields>..., "messaging_product":"whatsapp"}]}. Meta's example asks
// for seven fields and gets messaging_product too: it is always sent, last
// unless asked for earlier. Fields never set are left out (assumption, as
// Graph leaves out fields without a value).
Result<GraphReply> GetBusinessProfile(Ctx& ctx, GraphCall& call) {
  const PhoneNumber& phone = *ctx.state.accounts.FindPhone(call.node_id);
  auto out = SelectFields(BusinessProfileJson(phone.business_profile), ParamString(call.params, "fields"),
                          kDefaultProfileFields, kBusinessProfileNodeType);
  if (!out) return out.error();
  if (!out->contains("messaging_product")) (*out)["messaging_product"] = "whatsapp";
  for (auto it = out->begin(); it != out->end();) it = it->is_null() ? out->erase(it) : std::next(it);
  Json reply;
  reply["data"] = Json::array({std::move(*out)});
  return GraphReply::Of(std::move(reply));
}

// {"success":true} (Meta's example response); only the fields sent change.
Result<GraphReply> UpdateBusinessProfile(Ctx& ctx, GraphCall& call) {
  if (auto s = accounts::UpdateBusinessProfile(ctx, call.node_id, call.params); !s) return s.error();
  return SuccessReply();
}

}  // namespace

void RegisterBusinessProfileRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "GET", "whatsapp_business_profile", GetBusinessProfile);
  r.Add(NodeKind::kPhoneNumber, "POST", "whatsapp_business_profile", UpdateBusinessProfile);
}

}  // namespace wasim
