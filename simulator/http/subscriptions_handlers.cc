// Webhook subscriptions (Graph API):
//   POST/GET/DELETE /{app-id}/subscriptions   (app access token {app-id}|{app-secret})
//   POST/GET/DELETE /{waba-id}/subscribed_apps (override_callback_uri + verify_token)
// Setting a callback performs Meta's verification handshake. The handshake is
// network IO, so the handler validates under the lock, hands the handshake to
// GraphReply::AfterUnlock (run without the lock) and commits under the lock.
#include <algorithm>
#include <set>

#include "simulator/domain/onboarding/service.h"
#include "simulator/domain/subscriptions/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/webhooks/sender.h"
#include "simulator/webhooks/verification.h"

namespace wasim {
namespace {

constexpr const char* kWabaObject = "whatsapp_business_account";
// Meta (webhooks/override): override_callback_uri is at most 200 characters.
constexpr size_t kMaxOverrideUri = 200;

// `fields` as "a,b", ["a","b"] or a JSON-encoded array string.
Result<std::vector<std::string>> ParseFields(const Json& params) {
  std::vector<std::string> out;
  if (!params.contains("fields")) return out;
  const Json& f = params["fields"];
  auto add = [&](std::string name) -> Status {
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name.empty()) return {};
    if (!subscriptions::KnownFields().count(name))
      return InvalidParameterError("Invalid field '" + name + "' for object " + kWabaObject + ".");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    return {};
  };
  if (f.is_array()) {
    for (const auto& x : f) {
      if (!x.is_string()) return InvalidParameterError("Param fields must be an array of strings.");
      if (auto s = add(x.get<std::string>()); !s) return s.error();
    }
  } else if (f.is_string()) {
    std::string s = f.get<std::string>();
    size_t i = 0;
    while (i <= s.size()) {
      size_t j = s.find(',', i);
      if (j == std::string::npos) j = s.size();
      if (auto st = add(s.substr(i, j - i)); !st) return st.error();
      i = j + 1;
    }
  } else {
    return InvalidParameterError("Param fields must be a comma-separated string or an array.");
  }
  return out;
}

// Runs the handshake without the lock, then `commit` under it.
GraphReply HandshakeThen(std::string url, std::string token, std::string challenge,
                         std::function<Result<GraphReply>(Ctx&)> commit) {
  return GraphReply::AfterUnlock([url, token, challenge, commit](UnlockedContext& u) -> Result<GraphReply> {
    if (!u.webhook_sender)
      return MakeError(ErrorCode::kSomethingWentWrong, "No webhook sender is configured for the handshake.");
    if (auto s = webhooks::VerifyCallback(*u.webhook_sender, url, token, challenge); !s) return s.error();
    return u.sim.WithLock([&](Ctx& ctx) { return commit(ctx); });
  });
}

// ---- /{app-id}/subscriptions ----

Result<GraphReply> PostAppSubscriptions(Ctx& ctx, GraphCall& call) {
  if (!call.principal.is_app_token) return AppAccessTokenRequiredError();
  std::string object = ParamString(call.params, "object");
  if (object.empty()) return InvalidParameterError("The parameter object is required.");
  if (object != kWabaObject)
    return InvalidParameterError("Unsupported object '" + object + "': wasim simulates " + kWabaObject +
                                 " only.");
  auto fields = ParseFields(call.params);
  if (!fields) return fields.error();
  std::string url = ParamString(call.params, "callback_url");
  std::string token = ParamString(call.params, "verify_token");
  const App& app = ctx.state.accounts.apps.at(call.node.id);
  if (url.empty() && app.callback_url.empty())
    return InvalidParameterError("The parameter callback_url is required.");
  if (!url.empty())
    if (auto u = webhooks::ParseCallbackUrl(url); !u) return u.error();
  std::string version = call.version;
  std::string app_id = app.id;
  // Meta: a subscription's fields carry the Graph version of the call that
  // subscribed them, and webhooks are rendered in it.
  auto commit = [app_id, url, token, fields = *fields, version](Ctx& c) -> Result<GraphReply> {
    if (auto s = subscriptions::SubscribeApp(c, app_id, url, token, fields, version); !s) return s.error();
    return SuccessReply();
  };
  if (url.empty()) return commit(ctx);
  // Meta: the handshake is sent whenever the callback URL or verify token is set.
  return HandshakeThen(url, token, ctx.ids.NumericId(10), commit);
}

Result<GraphReply> GetAppSubscriptions(Ctx& ctx, GraphCall& call) {
  if (!call.principal.is_app_token) return AppAccessTokenRequiredError();
  const App& app = ctx.state.accounts.apps.at(call.node.id);
  Json data = Json::array();
  if (!app.callback_url.empty()) {
    Json sub = Json::object();
    sub["object"] = kWabaObject;
    sub["callback_url"] = app.callback_url;
    sub["active"] = true;
    Json fields = Json::array();
    for (const auto& f : app.subscribed_fields) {
      Json x = Json::object();
      x["name"] = f;
      x["version"] = app.webhook_api_version;
      fields.push_back(x);
    }
    sub["fields"] = fields;
    data.push_back(sub);
  }
  Json j = Json::object();
  j["data"] = data;
  return GraphReply::Of(std::move(j));
}

// Graph: without `fields` the whole object subscription is removed; with
// `fields` only those fields are.
Result<GraphReply> DeleteAppSubscriptions(Ctx& ctx, GraphCall& call) {
  if (!call.principal.is_app_token) return AppAccessTokenRequiredError();
  std::string object = ParamString(call.params, "object");
  if (!object.empty() && object != kWabaObject)
    return InvalidParameterError("Unsupported object '" + object + "': wasim simulates " + kWabaObject +
                                 " only.");
  auto fields = ParseFields(call.params);
  if (!fields) return fields.error();
  if (auto s = subscriptions::UnsubscribeApp(ctx, call.node.id, *fields); !s) return s.error();
  return SuccessReply();
}

// ---- /{waba-id}/subscribed_apps ----

Result<GraphReply> PostSubscribedApps(Ctx& ctx, GraphCall& call) {
  std::string uri = ParamString(call.params, "override_callback_uri");
  std::string token = ParamString(call.params, "verify_token");
  std::string app_id = call.principal.app_id;
  std::string waba_id = call.node.id;
  if (!ctx.state.accounts.apps.count(app_id)) return UnknownObjectError("post", waba_id + "/subscribed_apps");
  if (!uri.empty()) {
    if (uri.size() > kMaxOverrideUri)
      return InvalidParameterError("override_callback_uri must be at most 200 characters.");
    if (!call.params.contains("verify_token") || !call.params["verify_token"].is_string())
      return InvalidParameterError("The parameter verify_token is required with override_callback_uri.");
    if (auto u = webhooks::ParseCallbackUrl(uri); !u) return u.error();
  }
  // Meta: subscribing without a body removes the override.
  auto commit = [app_id, waba_id, uri, token](Ctx& c) -> Result<GraphReply> {
    if (auto s = subscriptions::SubscribeWaba(c, waba_id, app_id, uri, token); !s) return s.error();
    onboarding::OnAppSubscribed(c, waba_id, app_id);  // PARTNER_ADDED of a WABA shared through ES
    return SuccessReply();
  };
  if (uri.empty()) return commit(ctx);
  return HandshakeThen(uri, token, ctx.ids.NumericId(10), commit);
}

Result<GraphReply> GetSubscribedApps(Ctx& ctx, GraphCall& call) {
  const Waba* w = ctx.state.accounts.FindWaba(call.node.id);
  Json data = Json::array();
  for (const auto& id : w->subscribed_app_ids) {
    auto it = ctx.state.accounts.apps.find(id);
    if (it == ctx.state.accounts.apps.end()) continue;
    Json api = Json::object();
    api["id"] = id;
    api["link"] = "https://www.facebook.com/games/?app_id=" + id;
    api["name"] = it->second.name;
    Json x = Json::object();
    x["whatsapp_business_api_data"] = api;
    if (!w->override_callback_uri.empty()) x["override_callback_uri"] = w->override_callback_uri;
    data.push_back(x);
  }
  Json j = Json::object();
  j["data"] = data;
  return GraphReply::Of(std::move(j));
}

Result<GraphReply> DeleteSubscribedApps(Ctx& ctx, GraphCall& call) {
  if (auto s = subscriptions::UnsubscribeWaba(ctx, call.node.id, call.principal.app_id); !s) return s.error();
  return SuccessReply();
}

}  // namespace

void RegisterSubscriptionRoutes(GraphRouter& r) {
  r.Add(NodeKind::kApp, "POST", "subscriptions", PostAppSubscriptions);
  r.Add(NodeKind::kApp, "GET", "subscriptions", GetAppSubscriptions);
  r.Add(NodeKind::kApp, "DELETE", "subscriptions", DeleteAppSubscriptions);
  r.Add(NodeKind::kWaba, "POST", "subscribed_apps", PostSubscribedApps);
  r.Add(NodeKind::kWaba, "GET", "subscribed_apps", GetSubscribedApps);
  r.Add(NodeKind::kWaba, "DELETE", "subscribed_apps", DeleteSubscribedApps);
}

}  // namespace wasim
