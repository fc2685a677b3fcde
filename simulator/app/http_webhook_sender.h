// The real WebhookSender: cpp-httplib over the network, bounded by a
// per-attempt timeout in REAL time (the one webhook rule that is not on the
// virtual clock). Lives in app/ because, like the realtime clock, it is chosen
// only by the wiring.
#pragma once
#include <cstddef>

#include "simulator/webhooks/sender.h"

namespace wasim::webhooks {

struct HttpSenderOptions {
  // Assumption: Meta documents no per-request timeout; 5 s of REAL time.
  DurationMs timeout = 5 * kSecond;
  // A huge response body is read at most this far, then dropped (bounded memory).
  size_t max_response_body = 64 * 1024;
  // Assumption: TLS certificates are verified, as Meta rejects self-signed ones.
  bool verify_tls = true;
};

class HttpWebhookSender final : public WebhookSender {
 public:
  explicit HttpWebhookSender(HttpSenderOptions options = {}) : options_(options) {}
  SendResult Send(const OutboundRequest& req) override;
  const HttpSenderOptions& options() const { return options_; }

 private:
  HttpSenderOptions options_;
};

}  // namespace wasim::webhooks
