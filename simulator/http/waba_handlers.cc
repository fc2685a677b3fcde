// WABA node: GET /{waba-id}, POST /{waba-id} (template analytics).
#include <algorithm>
#include <cctype>

#include "simulator/core/graph_versions.h"
#include "simulator/domain/accounts/health_status.h"
#include "simulator/domain/accounts/waba_settings.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/node_fields.h"

namespace wasim {
namespace {

// Meta's OwnershipType (SELF_OWNED | CLIENT_OWNED | AGENCY_OWNED), from the
// asking app's side. Assumption: a business integration token (Embedded
// Signup) acts on a client's WABA (CLIENT_OWNED); any other token on its own.
std::string OwnershipType(const SimState& s, const Principal& p) {
  auto it = s.accounts.tokens.find(p.token);
  return it != s.accounts.tokens.end() && it->second.type == "BUSINESS_INTEGRATION" ? "CLIENT_OWNED"
                                                                                    : "SELF_OWNED";
}

Result<GraphReply> GetWaba(Ctx& ctx, GraphCall& call) {
  const Waba& w = *ctx.state.accounts.FindWaba(call.node_id);
  const Business* b = ctx.state.accounts.BusinessOfWaba(w.id);
  Json all;
  all["id"] = w.id;
  all["name"] = w.name;
  all["timezone_id"] = w.timezone_id;
  all["message_template_namespace"] = w.message_template_namespace;
  all["account_review_status"] = w.account_review_status;
  all["currency"] = w.currency;
  all["business_verification_status"] = b && b->verified ? "verified" : "not_verified";
  // Fields of Meta's WABA reference (whatsapp-business-account-api, OpenAPI
  // WhatsAppBusinessAccount), returned when asked for.
  all["ownership_type"] = OwnershipType(ctx.state, call.principal);
  all["health_status"] = accounts::WabaHealthStatus(ctx.state, w, call.principal.app_id, ctx.now());
  // Assumption: the portfolio that owns the WABA.
  if (b) all["on_behalf_of_business_info"] = {{"id", b->id}, {"name", b->name}};
  // Meta (whatsapp-business-account-api reference): ISO country codes. The
  // location is set by the account event; the country is our reading: the
  // country of the WABA's first number (left out without numbers).
  all["primary_business_location"] =
      w.primary_business_location.empty() ? Json(nullptr) : Json(w.primary_business_location);
  all["country"] = nullptr;
  for (const auto& [id, p] : ctx.state.accounts.phone_numbers)
    if (p.waba_id == w.id && !p.deleted) {
      all["country"] = customers::CountryOfWaId(p.display_phone_number);
      break;
    }
  all["is_enabled_for_insights"] = w.is_enabled_for_insights;
  all["purchase_order_number"] =
      w.purchase_order_number.empty() ? Json(nullptr) : Json(w.purchase_order_number);
  // Fields of Meta's reference with nothing behind them in wasim (no audience
  // segments, business hours or data-and-content control): selectable, and
  // left out as Graph leaves out fields without a value.
  for (const char* unset : {"audiences", "schedules", "dcc_config"}) all[unset] = nullptr;
  // Meta (changelog, v24.0): the owning portfolio's messaging limit, v24.0+ only.
  if (GraphVersionHas(call.version, GraphFeature::kBusinessManagerMessagingLimitField))
    all["whatsapp_business_manager_messaging_limit"] = MessagingLimitTier(ctx.state, w.id);
  auto out = SelectFields(all, ParamString(call.params, "fields"),
                          {"id", "name", "timezone_id", "message_template_namespace"},
                          NodeTypeName(NodeKind::kWaba));
  if (!out) return out.error();
  // Graph leaves out fields without a value.
  for (auto it = out->begin(); it != out->end();) it = it->is_null() ? out->erase(it) : std::next(it);
  return GraphReply::Of(std::move(*out));
}

// A Graph id as Meta's example prints it: a JSON number when it is one.
Json NumericId(const std::string& id) {
  bool digits = !id.empty() && id.size() < 19 &&
                std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  return digits ? Json(std::stoll(id)) : Json(id);
}

// POST /{waba-id}?is_enabled_for_insights=true (Meta: analytics.mdx,
// "Confirming template analytics"): answers {"id": <WABA id>}, a number as in
// Meta's example.
Result<GraphReply> UpdateWaba(Ctx& ctx, GraphCall& call) {
  if (!call.params.contains("is_enabled_for_insights"))
    return InvalidParameterError("Give is_enabled_for_insights=true to confirm template analytics.");
  const Json& v = call.params["is_enabled_for_insights"];
  std::string text = v.is_boolean()  ? (v.get<bool>() ? "true" : "false")
                     : v.is_string() ? v.get<std::string>()
                                     : "";
  if (text != "true" && text != "false")
    return SchemaParamError("Param is_enabled_for_insights must be a boolean.");
  if (auto s = accounts::SetInsightsEnabled(ctx, call.node_id, text == "true"); !s) return s.error();
  Json out;
  out["id"] = NumericId(call.node_id);
  return GraphReply::Of(std::move(out));
}

}  // namespace

void RegisterWabaRoutes(GraphRouter& r) {
  r.Add(NodeKind::kWaba, "GET", "", GetWaba);
  r.Add(NodeKind::kWaba, "POST", "", UpdateWaba);
}

}  // namespace wasim
