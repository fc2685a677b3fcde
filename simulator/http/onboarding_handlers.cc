// Embedded Signup's Graph side (Meta: embedded-signup/implementation):
//   GET /oauth/access_token?client_id&client_secret&code -> {"access_token","token_type"}
//   GET /debug_token?input_token=...                      -> {"data":{app_id,type,...,granular_scopes}}
// Both are answered before token authentication (the first has no token yet).
#include "simulator/domain/auth/auth.h"
#include "simulator/domain/onboarding/service.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

// Meta documents the response as the business token; the JSON fields are
// Graph's usual OAuth answer (access_token, token_type): our assumption.
Result<GraphReply> GetAccessToken(Ctx& ctx, const std::string& /*token*/, const Json& params) {
  for (const char* key : {"client_id", "client_secret", "code"})
    if (ParamString(params, key).empty())
      return InvalidParameterError(std::string("The parameter ") + key + " is required.");
  auto t = onboarding::ExchangeCode(ctx, ParamString(params, "client_id"),
                                    ParamString(params, "client_secret"), ParamString(params, "code"));
  if (!t) return t.error();
  Json j = Json::object();
  j["access_token"] = t->access_token;
  j["token_type"] = t->token_type;
  return GraphReply::Of(std::move(j));
}

Result<GraphReply> GetDebugToken(Ctx& ctx, const std::string& token, const Json& params) {
  auto caller = Authenticate(ctx.state.accounts, token, ctx.now());
  if (!caller) return caller.error();
  auto d = onboarding::DescribeToken(ctx, token, ParamString(params, "input_token"));
  if (!d) return d.error();
  Json j = Json::object();
  j["data"] = *d;
  return GraphReply::Of(std::move(j));
}

}  // namespace

void RegisterOnboardingRoutes(GraphRouter& r) {
  r.AddPublic("GET", "oauth/access_token", GetAccessToken);
  r.AddPublic("GET", "debug_token", GetDebugToken);
}

}  // namespace wasim
