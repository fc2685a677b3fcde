// The Graph request pipeline, declared once:
//   input checks -> path -> [parse -> decode] -> auth -> node lookup/ownership
//   -> route -> handler (domain service) -> render.
// Parse and the route's decode (GraphRoute::decode) run before the Simulator
// lock, as their cost grows with the body; an error of theirs is reported
// where it was before (parse after routing, decode where the handler says).
// Fault rules (domain/faults) are checked twice: before auth (raw statuses,
// drops, latency: an outage at Meta's edge) once the body is parsed, and
// after auth/ownership/routing, just before the handler (catalog errors: what
// Meta answers an authenticated request). A faulted request reaches no
// handler, so it changes nothing in the world; it is still an api_call fact.
// Every stage fails with Meta's error shape; nothing a client sends throws
// out of Handle(). Thread-safe: the route table is immutable after
// construction and state is touched only under the Simulator lock.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "simulator/domain/rules/api_usage.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/http_types.h"

namespace wasim {

// Body size limits per route (bytes), checked before the body is read.
struct BodyLimits {
  size_t json = 1 << 20;                                // 1 MiB for JSON/form calls (our assumption)
  size_t media_upload = 100 * 1024 * 1024 + 64 * 1024;  // largest Meta media type + multipart overhead
  size_t admin = 16 << 20;                              // scenarios and state import
};

// (#100) naming the limit; used by the server and the pipeline.
GraphError BodyTooLargeError(size_t limit);

// The access token a Graph request carries: "Authorization: Bearer <t>" (any
// case), "Authorization: OAuth <t>" (resumable uploads), else ?access_token=.
// "" when none. The pipeline authenticates with it; the server routes by it.
std::string RequestAccessToken(const HttpRequest& req);

class GraphPipeline {
 public:
  explicit GraphPipeline(Simulator& sim);
  // With another route table (tests wrap a route's handler or decoder).
  GraphPipeline(Simulator& sim, GraphRouter router);
  // The sender outbound Graph-side HTTP uses (webhook verification handshakes).
  // REQUIRES: outlives the pipeline; set before serving.
  void SetWebhookSender(webhooks::WebhookSender* sender) { webhook_sender_ = sender; }
  HttpResponse Handle(const HttpRequest& req);
  // Limit for a request body, from method and path alone.
  size_t BodyLimitFor(const std::string& method, const std::string& path) const;
  const BodyLimits& limits() const { return limits_; }
  const GraphRouter& router() const { return router_; }

  // Renders an error with a fresh fbtrace id (also used by the server for
  // transport-level failures such as an oversized body).
  HttpResponse ErrorResponse(const GraphError& e);
  HttpResponse JsonResponse(int status, const Json& body);

 private:
  // What a fired fault rule asks of Handle (fact) and the transport.
  struct FaultOutcome {
    std::string id;  // "" when no rule fired
    int latency_ms = 0;
    bool drop = false;
    std::optional<int> status;  // raw-status rule
  };
  // What Handle adds to any response: the version Graph served, and the
  // WABA usage the call counted against (x-business-use-case-usage).
  struct ServedCall {
    std::string version;
    std::optional<rules::GraphCallUsage> usage;
  };
  Result<GraphReply> Dispatch(const HttpRequest& req, FaultOutcome* fault, ServedCall* served);
  // Graph's response headers on every answer, errors too (Date on the virtual clock).
  void AddGraphHeaders(HttpResponse& resp, const HttpRequest& req, const ServedCall& served, TimeMs now);

  Simulator& sim_;
  webhooks::WebhookSender* webhook_sender_ = nullptr;
  GraphRouter router_;
  BodyLimits limits_;
};

}  // namespace wasim
