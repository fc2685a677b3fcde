// wasim::testing::WebhookReceiver (include/wasim/testing/webhook_receiver.h).
// The signature check is written here from Meta's rule, with OpenSSL directly,
// not with the simulator's signer: a receiver that reused the signer would
// agree with any mistake in it.
#include "wasim/testing/webhook_receiver.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "simulator/core/json.h"

namespace wasim::testing {
namespace {

// Every changes[].field of a webhook envelope {"object","entry":[{"changes":[...]}]}.
std::vector<std::string> ReceiverFieldsOf(const std::string& body) {
  std::vector<std::string> out;
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("entry") || !j["entry"].is_array()) return out;
  for (const Json& e : j["entry"]) {
    if (!e.is_object() || !e.contains("changes") || !e["changes"].is_array()) continue;
    for (const Json& c : e["changes"])
      if (c.is_object() && c.contains("field") && c["field"].is_string())
        out.push_back(c["field"].get<std::string>());
  }
  return out;
}

}  // namespace

struct WebhookReceiver::Impl {
  std::string secret;
  std::string verify_token;
  httplib::Server server;
  std::thread thread;
  int port = -1;
  mutable std::mutex mu;
  mutable std::condition_variable cv;
  std::vector<ReceivedWebhook> received;  // guarded by mu
  // Each record's sequence number (parallel to `received`): an answer found
  // by it lands on its own record, or nowhere once Clear() dropped it.
  std::vector<std::uint64_t> seqs;                     // guarded by mu
  std::uint64_t next_seq = 0;                          // guarded by mu
  std::deque<Answer> script;                           // guarded by mu
  Answer default_answer;                               // guarded by mu
  std::function<int(const ReceivedWebhook&)> handler;  // guarded by mu

  ReceivedWebhook Record(const httplib::Request& req) {
    ReceivedWebhook r;
    r.method = req.method;
    r.path = req.path;
    r.body = req.body;
    r.signature = req.get_header_value("X-Hub-Signature-256");
    r.signature_valid = req.method == "POST" && VerifySignature(secret, req.body, r.signature);
    r.fields = ReceiverFieldsOf(req.body);
    if (!r.fields.empty()) r.field = r.fields.front();
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[lower] = value;
    }
    return r;
  }

  // Appends `r` (its index set); returns its sequence number.
  std::uint64_t Append(ReceivedWebhook& r) {
    std::lock_guard lock(mu);
    r.index = static_cast<int>(received.size());
    received.push_back(r);
    seqs.push_back(next_seq);
    cv.notify_all();
    return next_seq++;
  }

  // Records the answer on the record `seq`, if it is still there.
  void SetAnswered(std::uint64_t seq, int status) {
    std::lock_guard lock(mu);
    for (size_t i = seqs.size(); i-- > 0;)
      if (seqs[i] == seq) {
        received[i].answered_status = status;
        break;
      }
    cv.notify_all();
  }
};

WebhookReceiver::WebhookReceiver(std::string app_secret, std::string verify_token)
    : impl_(std::make_unique<Impl>()) {
  impl_->secret = std::move(app_secret);
  impl_->verify_token = std::move(verify_token);
  Impl* impl = impl_.get();
  impl->server.Post(".*", [impl](const httplib::Request& req, httplib::Response& res) {
    ReceivedWebhook r = impl->Record(req);
    std::optional<Answer> scripted;
    Answer fallback;
    std::function<int(const ReceivedWebhook&)> handler;
    {
      std::lock_guard lock(impl->mu);
      if (!impl->script.empty()) {
        scripted = impl->script.front();
        impl->script.pop_front();
      }
      fallback = impl->default_answer;
      handler = impl->handler;
    }
    std::uint64_t seq = impl->Append(r);
    Answer answer = scripted ? *scripted : fallback;
    if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
    int status = answer.status;
    if (!scripted && handler) status = handler(r);
    impl->SetAnswered(seq, status);
    res.status = status;
    res.set_content(status >= 200 && status < 300 ? "EVENT_RECEIVED" : "error", "text/plain");
  });
  // Meta's verification request: echo hub.challenge only for the right token.
  impl->server.Get(".*", [impl](const httplib::Request& req, httplib::Response& res) {
    ReceivedWebhook r = impl->Record(req);
    bool ok = req.get_param_value("hub.mode") == "subscribe" &&
              req.get_param_value("hub.verify_token") == impl->verify_token && !impl->verify_token.empty();
    std::uint64_t seq = impl->Append(r);
    impl->SetAnswered(seq, ok ? 200 : 403);
    res.status = ok ? 200 : 403;
    res.set_content(ok ? req.get_param_value("hub.challenge") : "forbidden", "text/plain");
  });
  impl->port = impl->server.bind_to_any_port("127.0.0.1");
  if (impl->port < 0) throw std::runtime_error("WebhookReceiver: cannot bind a port on 127.0.0.1");
  impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running() (a few ms at most).
  while (!impl->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

WebhookReceiver::~WebhookReceiver() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/webhook";
}

int WebhookReceiver::port() const { return impl_->port; }

void WebhookReceiver::Script(std::vector<Answer> answers) {
  std::lock_guard lock(impl_->mu);
  for (auto& a : answers) impl_->script.push_back(a);
}

void WebhookReceiver::SetDefaultAnswer(Answer answer) {
  std::lock_guard lock(impl_->mu);
  impl_->default_answer = answer;
}

void WebhookReceiver::SetHandler(std::function<int(const ReceivedWebhook&)> handler) {
  std::lock_guard lock(impl_->mu);
  impl_->handler = std::move(handler);
}

std::vector<ReceivedWebhook> WebhookReceiver::Received() const {
  std::lock_guard lock(impl_->mu);
  return impl_->received;
}

std::vector<ReceivedWebhook> WebhookReceiver::Deliveries() const {
  std::vector<ReceivedWebhook> out;
  for (auto& r : Received())
    if (r.method == "POST") out.push_back(std::move(r));
  return out;
}

size_t WebhookReceiver::DeliveryCount() const { return Deliveries().size(); }

bool WebhookReceiver::WaitForDeliveries(size_t n, std::chrono::milliseconds bound) const {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, bound, [&] {
    size_t posts = 0;
    for (const auto& r : impl_->received) posts += r.method == "POST" && r.answered_status != 0;
    return posts >= n;
  });
}

void WebhookReceiver::Clear() {
  std::lock_guard lock(impl_->mu);
  impl_->received.clear();
  impl_->seqs.clear();
}

std::string WebhookReceiver::Sign(const std::string& app_secret, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), app_secret.data(), static_cast<int>(app_secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xf];
  }
  return out;
}

bool WebhookReceiver::VerifySignature(const std::string& app_secret, const std::string& body,
                                      const std::string& header) {
  // Meta: "X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the payload with the app secret>".
  std::string expected = Sign(app_secret, body);
  if (header.size() != expected.size()) return false;
  return CRYPTO_memcmp(header.data(), expected.data(), expected.size()) == 0;
}

}  // namespace wasim::testing
