// WebhookSender: the one place webhook HTTP leaves the process. The real
// implementation (app/http_webhook_sender.h, chosen by the wiring) uses
// cpp-httplib; unit tests inject a fake.
// Send() is called outside the Simulator lock, possibly from several threads
// at once: implementations must be thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/core/time.h"

namespace wasim::webhooks {

struct OutboundRequest {
  std::string method = "POST";  // POST (delivery) | GET (verification handshake)
  std::string url;              // full URL, query included for GET
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct SendResult {
  int status = 0;     // HTTP status; 0 when no response arrived
  std::string error;  // transport failure ("connection refused", "timeout", ...); "" otherwise
  std::string body;   // response body, at most the configured cap
  bool body_truncated = false;
  DurationMs latency_ms = 0;  // REAL time the attempt took

  // Meta: the receiver must answer 200; we accept any 2xx (Assumption).
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual SendResult Send(const OutboundRequest& req) = 0;
};

// A callback URL split for the client.
struct CallbackUrl {
  std::string scheme;  // http | https
  std::string host;
  int port = 0;
  std::string path_and_query;  // "/" at least
  std::string origin() const { return scheme + "://" + host + ":" + std::to_string(port); }
};

// Accepts absolute http(s) URLs only (Meta requires https in production;
// the simulator also accepts http for local receivers — Assumption).
Result<CallbackUrl> ParseCallbackUrl(const std::string& url);

// Meta's webhook request User-Agent.
constexpr const char* kMetaUserAgent = "facebookexternalua";

}  // namespace wasim::webhooks
