// Phone numbers: GET /{phone-number-id}[?fields=], POST /{phone-number-id}
// (new_display_name), GET /{waba-id}/phone_numbers.
#include <set>
#include <sstream>

#include "simulator/core/graph_versions.h"
#include "simulator/core/ids.h"
#include "simulator/domain/accounts/health_status.h"
#include "simulator/domain/accounts/name_review.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/domain/messages/recipient.h"
#include "simulator/domain/registration/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/node_fields.h"
#include "simulator/http/paging.h"

namespace wasim {
namespace {

// Meta (solution-providers/manage-phone-numbers; name_status values): the
// certificate can be downloaded once the name is APPROVED or AVAILABLE_WITHOUT_REVIEW,
// not while it is PENDING_REVIEW, DECLINED, EXPIRED or NONE. Assumption: an
// opaque base64 string derived from the number and the name (deterministic).
Json Certificate(const PhoneNumber& p, const std::string& name) {
  return Json(Base64Encode("wasim-certificate:" + p.id + ":" + name));
}

Json CurrentCertificate(const PhoneNumber& p) {
  const bool available =
      p.name_status == NameStatus::kApproved || p.name_status == NameStatus::kAvailableWithoutReview;
  return available ? Certificate(p, p.verified_name) : Json(nullptr);
}

// Meta: new_certificate "returns data only if a display name change request
// was approved".
Json NewCertificate(const PhoneNumber& p) {
  const DisplayNameReview& r = p.name_review;
  return r.is_edit && r.new_name_status == NameStatus::kApproved ? Certificate(p, r.new_display_name)
                                                                 : Json(nullptr);
}

// Meta (webhooks/override "Get phone number alternate callback"): the
// callback URLs that apply to the number, by level. Levels without a URL are
// left out (assumption). wasim has no number-level override: only the WABA's
// (subscribed_apps override_callback_uri) and the asking app's callback URL.
Json WebhookConfiguration(const SimState& s, const PhoneNumber& p, const std::string& app_id) {
  Json j = Json::object();
  if (const Waba* w = s.accounts.FindWaba(p.waba_id); w && !w->override_callback_uri.empty())
    j["whatsapp_business_account"] = w->override_callback_uri;
  if (auto it = s.accounts.apps.find(app_id); it != s.accounts.apps.end() && !it->second.callback_url.empty())
    j["application"] = it->second.callback_url;
  return j;
}

// Meta's WhatsAppBusinessUnifiedCertStatus (OpenAPI v23.0; the reference's
// examples pair APPROVED with an approved name and NAME_PENDING_REVIEW with a
// name in review). Assumption: a WABA whose account review is not approved is
// ACCOUNT_REVIEW_NOT_STARTED, a declined or expired name NAME_NOT_APPROVED;
// LIMITED_ACCESS is never derived.
const char* UnifiedCertStatus(const SimState& s, const PhoneNumber& p) {
  if (const Waba* w = s.accounts.FindWaba(p.waba_id); w && w->account_review_status != "APPROVED")
    return "ACCOUNT_REVIEW_NOT_STARTED";
  switch (p.name_status) {
    case NameStatus::kApproved:
    case NameStatus::kAvailableWithoutReview:
      return "APPROVED";
    case NameStatus::kPendingReview:
    case NameStatus::kNone:
      return "NAME_PENDING_REVIEW";
    case NameStatus::kDeclined:
    case NameStatus::kExpired:
      return "NAME_NOT_APPROVED";
  }
  return "NAME_PENDING_REVIEW";
}

Json PhoneNumberJson(const Ctx& ctx, const GraphCall& call, const PhoneNumber& p) {
  const SimState& s = ctx.state;
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
  // Meta (changelog, v24.0): the owning portfolio's limit, on v24.0+ only;
  // older versions answer (#100) nonexisting field.
  if (GraphVersionHas(call.version, GraphFeature::kBusinessManagerMessagingLimitField))
    j["whatsapp_business_manager_messaging_limit"] = MessagingLimitTier(s, p.waba_id);
  j["host_platform"] = MetaName(p.platform_type);
  j["unified_cert_status"] = UnifiedCertStatus(s, p);
  // Meta (whatsapp/display-names): an edited name and its review; "returns
  // data only if a display name change was requested".
  const bool edit_requested = !p.name_review.new_display_name.empty();
  j["new_display_name"] = edit_requested ? Json(p.name_review.new_display_name) : Json(nullptr);
  j["new_name_status"] = edit_requested ? Json(MetaName(p.name_review.new_name_status)) : Json(nullptr);
  j["certificate"] = CurrentCertificate(p);
  j["new_certificate"] = NewCertificate(p);
  j["health_status"] = accounts::PhoneHealthStatus(s, p, call.principal.app_id, ctx.now());
  // Meta (embedded-signup/hosted-es): "Unix timestamp indicating when the
  // number was added"; as a string (assumption, the example quotes it).
  j["last_onboarded_time"] = p.onboarded_at ? Json(UnixSecondsString(*p.onboarded_at)) : Json(nullptr);
  j["webhook_configuration"] = WebhookConfiguration(s, p, call.principal.app_id);
  // Meta (phone-number-management-api field list).
  j["country_dial_code"] = CallingCodeOf(p.display_phone_number);
  // Assumption: the ISO country of the number's calling code (as users' country_code).
  j["country_code"] = customers::CountryOfWaId(p.display_phone_number);
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
  auto out = SelectFields(PhoneNumberJson(ctx, call, p), ParamString(call.params, "fields"),
                          kDefaultPhoneFields, NodeTypeName(NodeKind::kPhoneNumber));
  if (!out) return out.error();
  // Graph leaves out fields without a value (new_display_name when none was requested).
  for (auto it = out->begin(); it != out->end();) it = it->is_null() ? out->erase(it) : std::next(it);
  return GraphReply::Of(std::move(*out));
}

// POST /{phone-number-id}: `pin` sets or changes the two-step verification PIN
// (Meta: two-step-verification); `new_display_name` sends a name to display-name
// review (Meta: display-names, "Updating display name via API"). {"success":true}.
Result<GraphReply> UpdatePhoneNumber(Ctx& ctx, GraphCall& call) {
  const bool pin = call.params.contains("pin");
  const bool rename = call.params.contains("new_display_name");
  if (!pin && !rename)
    return InvalidParameterError(
        "Give pin (two-step verification) or new_display_name (a display name change).");
  const std::string name = ParamString(call.params, "new_display_name");
  if (rename && name.empty())
    return InvalidParameterError("Param new_display_name must be a non-empty string.");
  if (pin)
    if (auto s = registration::SetPin(ctx, call.node_id, call.params); !s) return s.error();
  if (rename) {
    accounts::NameReviewChange change;
    change.new_name = name;
    if (auto s = accounts::ChangeNameReview(ctx, call.node_id, change); !s) return s.error();
  }
  return SuccessReply();
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
    auto row = SelectFields(PhoneNumberJson(ctx, call, *phones[i]), fields, list_fields,
                            NodeTypeName(NodeKind::kPhoneNumber));
    // Fields without a value (e.g. a certificate while the name is reviewed) are left out.
    if (row)
      for (auto it = row->begin(); it != row->end();) it = it->is_null() ? row->erase(it) : std::next(it);
    return row;
  });
  if (!page) return page.error();
  return GraphReply::Of(std::move(*page));
}

}  // namespace

void RegisterPhoneNumberRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "GET", "", GetPhoneNumber);
  r.Add(NodeKind::kPhoneNumber, "POST", "", UpdatePhoneNumber);
  r.Add(NodeKind::kWaba, "GET", "phone_numbers", ListPhoneNumbers);
}

}  // namespace wasim
