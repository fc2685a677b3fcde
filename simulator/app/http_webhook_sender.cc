// The real WebhookSender (cpp-httplib). Each Send uses its own client
// (no shared connection state), so concurrent sends are independent. A
// watchdog stops the client at the deadline, so one attempt never exceeds the
// timeout even against a receiver that drips bytes.
#include "simulator/app/http_webhook_sender.h"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace wasim::webhooks {
namespace {

std::string DescribeError(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection:
      return "connection failed (refused or unreachable)";
    case httplib::Error::Read:
      return "timeout or connection closed while reading the response";
    case httplib::Error::Write:
      return "connection closed while sending the request";
    case httplib::Error::ConnectionTimeout:
      return "timeout while connecting";
    case httplib::Error::SSLConnection:
      return "TLS connection failed";
    case httplib::Error::SSLServerVerification:
      return "TLS certificate verification failed";
    case httplib::Error::Canceled:
      return "canceled";
    default:
      return "transport error: " + httplib::to_string(e);
  }
}

// Stops `cli` if the attempt outlives `timeout`.
class Watchdog {
 public:
  Watchdog(httplib::Client& cli, DurationMs timeout)
      : thread_([this, &cli, timeout] {
          std::unique_lock lock(mu_);
          if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout), [this] { return done_; })) {
            fired_ = true;
            cli.stop();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  bool fired() {
    std::lock_guard lock(mu_);
    return fired_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace

SendResult HttpWebhookSender::Send(const OutboundRequest& req) {
  SendResult out;
  auto start = std::chrono::steady_clock::now();
  auto finish = [&] {
    out.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
            .count();
    return out;
  };
  auto url = ParseCallbackUrl(req.url);
  if (!url) {
    out.error = url.error().details;
    return finish();
  }
  httplib::Client cli(url->origin());
  auto t = options_.timeout;
  cli.set_connection_timeout(t / 1000, static_cast<time_t>((t % 1000) * 1000));
  cli.set_read_timeout(t / 1000, static_cast<time_t>((t % 1000) * 1000));
  cli.set_write_timeout(t / 1000, static_cast<time_t>((t % 1000) * 1000));
  cli.set_keep_alive(false);
  cli.set_follow_location(false);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  cli.enable_server_certificate_verification(options_.verify_tls);
#endif

  httplib::Request r;
  r.method = req.method;
  r.path = url->path_and_query;
  r.set_header("User-Agent", kMetaUserAgent);
  r.set_header("Accept", "*/*");
  for (const auto& [k, v] : req.headers) r.set_header(k, v);
  if (req.method == "POST") {
    r.body = req.body;
    if (!r.has_header("Content-Type")) r.set_header("Content-Type", "application/json");
  }
  int status = 0;
  r.response_handler = [&](const httplib::Response& resp) {
    status = resp.status;
    return true;
  };
  const size_t cap = options_.max_response_body;
  r.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
    size_t room = cap > out.body.size() ? cap - out.body.size() : 0;
    out.body.append(data, std::min(room, len));
    if (len > room) {
      out.body_truncated = true;
      return false;  // stop reading: the rest is never buffered
    }
    return true;
  };
  httplib::Response resp;
  httplib::Error err = httplib::Error::Success;
  bool sent;
  bool timed_out;
  {
    Watchdog dog(cli, t);
    sent = cli.send(r, resp, err);
    timed_out = dog.fired();
  }
  if (timed_out) {
    out.status = 0;
    out.error = "timeout after " + FormatDuration(t) + " (real time)";
  } else if (sent || (out.body_truncated && status > 0)) {
    out.status = status ? status : resp.status;
  } else {
    out.status = 0;
    out.error = DescribeError(err);
  }
  return finish();
}

}  // namespace wasim::webhooks
