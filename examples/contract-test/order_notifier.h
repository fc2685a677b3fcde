// OrderNotifier: a small WhatsApp integration, the kind of code wasim's
// contract tests are for. It talks to the Graph API over HTTP (cpp-httplib):
//   - NotifyShipped sends the approved `order_shipped` template;
//   - HandleWebhook verifies X-Hub-Signature-256, tracks message statuses
//     idempotently (Meta delivers at least once), notes inbound messages;
//   - Reply answers a customer with free-form text (only inside the 24 h
//     customer service window); when Meta fails it with 131047 (re-engagement:
//     the window had closed) the notifier sends the template instead;
//   - every send backs off and retries on 130429 (throughput rate limit).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace example {

struct NotifierConfig {
  std::string base_url;  // with the Graph version, e.g. http://127.0.0.1:8080/v23.0
  std::string access_token;
  std::string phone_number_id;
  std::string app_secret;
  int max_attempts = 4;                                  // per send, on 130429
  std::chrono::milliseconds first_backoff{1000};         // doubled per retry
  std::function<void(std::chrono::milliseconds)> sleep;  // injectable; default sleeps for real
};

// What a send ended with: the wamid, or the Graph error code.
struct SendOutcome {
  std::string wamid;
  int error_code = 0;
  int attempts = 0;
  bool ok() const { return !wamid.empty(); }
};

class OrderNotifier {
 public:
  explicit OrderNotifier(NotifierConfig config);

  // Sends the `order_shipped` template ({{1}} = order id) to `wa_id`.
  SendOutcome NotifyShipped(const std::string& wa_id, const std::string& order_id);
  // Answers `wa_id` with free-form text.
  SendOutcome Reply(const std::string& wa_id, const std::string& text);
  // The webhook endpoint: 401 for a bad signature, else 200 after handling it.
  int HandleWebhook(const std::string& body, const std::string& signature_header);

  // The latest status seen per wamid (sent < delivered < read; failed is final).
  std::string StatusOf(const std::string& wamid) const;
  // How many status updates changed the notifier's state (duplicates do not).
  int status_updates_applied() const;
  // The texts customers sent, in order.
  std::vector<std::string> inbound_texts() const;
  // The back-off waits taken (one per 130429).
  std::vector<std::chrono::milliseconds> backoffs() const;

 private:
  SendOutcome Send(const std::string& json);

  NotifierConfig config_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> status_;     // wamid -> status
  std::map<std::string, std::string> recipient_;  // wamid -> wa_id
  std::set<std::string> reengaged_;               // wamids already recovered
  int applied_ = 0;
  std::vector<std::string> inbound_;
  std::vector<std::chrono::milliseconds> backoffs_;
};

}  // namespace example
