// wasim::testing::WebhookReceiver: an app's webhook endpoint for tests. An
// HTTP server on 127.0.0.1 (a free port) that
//   - verifies X-Hub-Signature-256 as an app must: HMAC-SHA256 of the raw body
//     with the app secret, hex, compared in constant time;
//   - records every request (body, signature and whether it was valid, the
//     `field` of each change, headers, the answer it gave);
//   - answers each POST with the next scripted answer (status, real delay),
//     else the default answer, else what an optional handler returns;
//   - answers Meta's verification GET (hub.challenge) when hub.verify_token matches.
// Deliveries are recorded on arrival, before any delay or handler runs.
// Thread-safe: requests arrive on server threads; every member may be called
// from the test's thread at any time.
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wasim::testing {

// One request the receiver got.
struct ReceivedWebhook {
  int index = 0;       // 0-based arrival order
  std::string method;  // POST (a delivery) or GET (a verification)
  std::string path;
  std::string body;       // the raw bytes
  std::string signature;  // X-Hub-Signature-256 as sent ("" when absent)
  bool signature_valid = false;
  std::string field;                           // the first change's field ("" when not a webhook envelope)
  std::vector<std::string> fields;             // every change's field, in order
  std::map<std::string, std::string> headers;  // lower-case names
  int answered_status = 0;  // the status the receiver answered with (0 while still answering)
};

// How the receiver answers one POST.
struct Answer {
  int status = 200;
  std::chrono::milliseconds delay{0};  // real time to wait before answering
};

class WebhookReceiver {
 public:
  // Signatures are checked against `app_secret`; GETs need `verify_token`.
  explicit WebhookReceiver(std::string app_secret, std::string verify_token = "");
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  // http://127.0.0.1:PORT/webhook (give it to the simulator as the webhook URL).
  std::string url() const;
  int port() const;

  // Queues answers for the next POSTs, in order; once used up, the default answers.
  void Script(std::vector<Answer> answers);
  // The answer when no scripted answer is left (default 200, no delay).
  void SetDefaultAnswer(Answer answer);
  // The app under test: runs for each POST with no scripted answer and decides
  // its status (the default answer's delay still applies). Set before deliveries
  // start. It may call the Graph API, as an app does. It must not call what
  // moves or rebuilds the simulator — Advance*, AdvanceUntil*, Reset,
  // LoadScenario* — nor wait for other deliveries: the call that delivers the
  // webhook is waiting for its answer, so those block until the webhook timeout.
  void SetHandler(std::function<int(const ReceivedWebhook&)> handler);

  // Everything received so far, in arrival order (POSTs and GETs).
  std::vector<ReceivedWebhook> Received() const;
  // The POSTs only (deliveries), in arrival order.
  std::vector<ReceivedWebhook> Deliveries() const;
  // The number of POSTs received.
  size_t DeliveryCount() const;
  // Blocks until at least `n` POSTs were answered (handler done) or `bound` of real
  // time passed; the bound is a safety net for a broken test, not a speed requirement.
  bool WaitForDeliveries(size_t n, std::chrono::milliseconds bound = std::chrono::seconds(30)) const;
  // Forgets what was received (the script is kept).
  void Clear();

  // The signature an app expects for `body`: "sha256=" + hex HMAC-SHA256(secret, body).
  static std::string Sign(const std::string& app_secret, const std::string& body);
  // Whether `header` is the valid X-Hub-Signature-256 of `body` (constant-time compare).
  static bool VerifySignature(const std::string& app_secret, const std::string& body,
                              const std::string& header);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasim::testing
