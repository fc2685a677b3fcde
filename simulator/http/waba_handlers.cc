// WABA node: GET /{waba-id}.
#include "simulator/core/graph_versions.h"
#include "simulator/domain/accounts/health_status.h"
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

}  // namespace

void RegisterWabaRoutes(GraphRouter& r) { r.Add(NodeKind::kWaba, "GET", "", GetWaba); }

}  // namespace wasim
