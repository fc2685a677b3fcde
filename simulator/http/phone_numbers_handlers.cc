// Phone numbers: GET /{phone-number-id}[?fields=], GET /{waba-id}/phone_numbers.
#include <set>
#include <sstream>

#include "simulator/http/graph_router.h"
#include "simulator/http/node_fields.h"
#include "simulator/http/paging.h"

namespace wasim {
namespace {

Json PhoneNumberJson(const SimState& s, const PhoneNumber& p) {
  Json j;
  j["verified_name"] = p.verified_name;
  j["code_verification_status"] = MetaName(p.code_verification_status);
  j["display_phone_number"] = FormatDisplayNumber(p.display_phone_number);
  j["quality_rating"] = MetaName(p.quality_rating);
  j["platform_type"] = MetaName(p.platform_type);
  Json tp;
  tp["level"] = MetaName(p.throughput_level);
  j["throughput"] = tp;
  j["id"] = p.id;
  // Extra fields, returned only when asked for with ?fields=.
  j["name_status"] = MetaName(p.name_status);
  j["status"] = MetaName(p.status);
  j["account_mode"] = MetaName(p.account_mode);
  j["is_on_biz_app"] = p.mode == NumberMode::kCoexistence;
  j["is_official_business_account"] = false;
  j["messaging_limit_tier"] = MessagingLimitTier(s, p.waba_id);
  j["whatsapp_business_manager_messaging_limit"] = MessagingLimitTier(s, p.waba_id);
  j["host_platform"] = MetaName(p.platform_type);
  return j;
}

// Default fields of GET /{phone-number-id} without ?fields= (Meta's example).
const std::vector<std::string> kDefaultPhoneFields = {"verified_name",
                                                      "code_verification_status",
                                                      "display_phone_number",
                                                      "quality_rating",
                                                      "platform_type",
                                                      "throughput",
                                                      "id"};

Result<GraphReply> GetPhoneNumber(Ctx& ctx, GraphCall& call) {
  const PhoneNumber& p = *ctx.state.accounts.FindPhone(call.node_id);
  auto out = SelectFields(PhoneNumberJson(ctx.state, p), ParamString(call.params, "fields"),
                          kDefaultPhoneFields, NodeTypeName(NodeKind::kPhoneNumber));
  if (!out) return out.error();
  return GraphReply::Of(std::move(*out));
}

// Meta's list shape: {"data":[{verified_name, display_phone_number, id, quality_rating}],
// "paging":{"cursors":{before, after}}}
Result<GraphReply> ListPhoneNumbers(Ctx& ctx, GraphCall& call) {
  const Waba& w = *ctx.state.accounts.FindWaba(call.node_id);
  const std::vector<std::string> list_fields = {"verified_name",
                                                "code_verification_status",
                                                "display_phone_number",
                                                "quality_rating",
                                                "platform_type",
                                                "throughput",
                                                "id"};
  std::vector<const PhoneNumber*> phones;
  std::vector<std::string> ids;
  for (const auto& id : w.phone_number_ids) {
    const PhoneNumber* p = ctx.state.accounts.FindPhone(id);
    if (!p || p->deleted) continue;
    phones.push_back(p);
    ids.push_back(p->id);
  }
  std::string fields = ParamString(call.params, "fields");
  auto page = PageOf(call, ids, {}, [&](size_t i) {
    return SelectFields(PhoneNumberJson(ctx.state, *phones[i]), fields, list_fields,
                        NodeTypeName(NodeKind::kPhoneNumber));
  });
  if (!page) return page.error();
  return GraphReply::Of(std::move(*page));
}

}  // namespace

void RegisterPhoneNumberRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "GET", "", GetPhoneNumber);
  r.Add(NodeKind::kWaba, "GET", "phone_numbers", ListPhoneNumbers);
}

}  // namespace wasim
