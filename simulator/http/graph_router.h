// Graph API routing: a request names a node (by id) and optionally an edge;
// the node's kind (looked up in the world) picks the handler, as Graph does.
// The route table is built once at start-up; lookups are read-only.
#pragma once
#include <any>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/auth/auth.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/http_types.h"

namespace wasim {

namespace webhooks {
class WebhookSender;
}

// One parsed Graph call, handed to a handler under the Simulator lock.
struct GraphCall {
  const HttpRequest& http;
  // The version served (core/graph_versions: an expired one is upgraded);
  // empty when the path had none (the default version).
  std::string version;
  std::string node_id;
  std::string edge;  // "" for the node itself
  NodeRef node;
  Principal principal;
  // Parameters: JSON body, or form fields, merged with the query string
  // (query first, body wins), as Graph accepts either.
  Json params = Json::object();
  // The route's decoder result (GraphRoute::decode), empty when it has none.
  std::any decoded;
};

// What a continuation run outside the Simulator lock may use.
struct UnlockedContext {
  Simulator& sim;
  // The injected sender for outbound HTTP (webhook handshakes); null when the
  // pipeline was built without one (handler tests).
  webhooks::WebhookSender* webhook_sender;
};

// A handler's successful answer: JSON (rendered Meta-style) or raw bytes.
struct GraphReply {
  Json json;
  bool raw = false;
  HttpResponse raw_response;

  static GraphReply Of(Json j) {
    GraphReply r;
    r.json = std::move(j);
    return r;
  }
  static GraphReply Raw(HttpResponse resp) {
    GraphReply r;
    r.raw = true;
    r.raw_response = std::move(resp);
    return r;
  }

  // Set by a handler whose work needs network IO (the webhook verification
  // handshake): the pipeline runs it after releasing the Simulator lock; it
  // re-takes the lock to commit, and its result is the reply.
  std::function<Result<GraphReply>(UnlockedContext&)> after_unlock;
  static GraphReply AfterUnlock(std::function<Result<GraphReply>(UnlockedContext&)> f) {
    GraphReply r;
    r.after_unlock = std::move(f);
    return r;
  }
};

using GraphHandler = std::function<Result<GraphReply>(Ctx&, GraphCall&)>;

// A route's pre-lock step: turns the parsed parameters into the typed request
// its handler takes (or the error that request carries). The pipeline runs it
// before taking the Simulator lock, before auth and the node lookup, so the
// work a body costs is not done while every other request waits. It must be
// pure (no state; whatever it decodes may be thrown away when auth or routing
// fails). The handler reports a decode error where its order says, so
// state errors keep winning over body errors.
using GraphDecoder = std::function<std::any(const Json& params)>;

struct GraphRoute {
  GraphHandler handler;
  GraphDecoder decode;  // optional
};

// A Graph path answered before token authentication, e.g. GET
// /oauth/access_token (client_id + client_secret) and GET /debug_token (any
// valid token describes another). Gets the request's token ("" when none).
using PublicGraphHandler =
    std::function<Result<GraphReply>(Ctx&, const std::string& access_token, const Json& params)>;

class GraphRouter {
 public:
  // Adding an existing (kind, method, edge) replaces its route. The node kind
  // is unknown before the lock, so one kind at most may declare a decoder per
  // (method, edge): a second throws std::logic_error (a wiring bug).
  void Add(NodeKind kind, const std::string& method, const std::string& edge, GraphHandler h,
           GraphDecoder decode = {});
  const GraphRoute* Find(NodeKind kind, const std::string& method, const std::string& edge) const;
  // Paths without a node ("oauth/access_token", "debug_token"), matched whole.
  void AddPublic(const std::string& method, const std::string& path, PublicGraphHandler h);
  const PublicGraphHandler* FindPublic(const std::string& method, const std::string& path) const;
  // The route whose decoder serves (method, edge), whatever the node kind; null when none.
  const GraphRoute* DecodingRoute(const std::string& method, const std::string& edge) const;
  // Whether any method has this edge on this kind (for Graph's error wording).
  bool HasEdge(NodeKind kind, const std::string& edge) const;
  // Read-only walk over (kind, method, edge) of every route (tests, docs).
  void ForEachRoute(
      const std::function<void(NodeKind, const std::string& method, const std::string& edge)>& fn) const;

 private:
  std::map<std::tuple<NodeKind, std::string, std::string>, GraphRoute> routes_;
  std::map<std::pair<std::string, std::string>, NodeKind> decoding_kind_;     // (method, edge) -> kind
  std::map<std::pair<std::string, std::string>, PublicGraphHandler> public_;  // (method, path)
};

// Every Graph API area's routes (the pipeline's default table).
GraphRouter GraphApiRouter();

// Area registrations (one per Graph API area; each in its own *_handlers.cc).
void RegisterMessagesRoutes(GraphRouter& r);
void RegisterPhoneNumberRoutes(GraphRouter& r);
void RegisterUsernameRoutes(GraphRouter& r);         // business usernames (username_handlers.cc)
void RegisterBusinessProfileRoutes(GraphRouter& r);  // GET/POST whatsapp_business_profile
void RegisterWabaRoutes(GraphRouter& r);
void RegisterMediaRoutes(GraphRouter& r);
void RegisterUploadRoutes(GraphRouter& r);  // Resumable Upload API: /{app-id}/uploads, /upload:<id>
void RegisterTemplateRoutes(GraphRouter& r);
void RegisterSubscriptionRoutes(GraphRouter& r);
void RegisterCoexistenceRoutes(GraphRouter& r);
void RegisterOnboardingRoutes(GraphRouter& r);
void RegisterRegistrationRoutes(GraphRouter& r);  // request_code, verify_code, register, deregister, PIN

// Helpers for handlers.
std::string ParamString(const Json& params, const char* key);  // "" when absent/not string
Result<GraphReply> SuccessReply();                             // {"success":true}

}  // namespace wasim
