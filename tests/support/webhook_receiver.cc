#include "tests/support/webhook_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace wasim::testing {

WebhookReceiver::WebhookReceiver() {
  server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
    Record(req);
    if (on_post_) on_post_(req.body);  // like an app that calls the API while handling the webhook
    if (int d = delay_ms_.load(); d > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d));
    if (held_.load()) {
      std::unique_lock lock(hold_mu_);
      ++waiting_;
      hold_cv_.wait_for(lock, std::chrono::seconds(60), [this] { return !held_.load(); });
      --waiting_;
    }
    res.status = status_.load();
    if (size_t n = huge_body_.load(); n > 0) {
      res.set_content_provider(n, "text/plain", [](size_t offset, size_t length, httplib::DataSink& sink) {
        static const std::string chunk(64 * 1024, 'x');
        sink.write(chunk.data(), std::min(length, chunk.size()));
        (void)offset;
        return true;
      });
      return;
    }
    res.set_content("EVENT_RECEIVED", "text/plain");
  });
  server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    Record(req);
    res.status = get_status_.load();
    res.set_content(echo_challenge_.load() ? req.get_param_value("hub.challenge") : "not-the-challenge",
                    "text/plain");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

WebhookReceiver::~WebhookReceiver() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::Record(const httplib::Request& req) {
  Received r;
  r.method = req.method;
  r.path = req.path;
  r.body = req.body;
  r.signature = req.get_header_value("X-Hub-Signature-256");
  r.user_agent = req.get_header_value("User-Agent");
  r.content_type = req.get_header_value("Content-Type");
  r.content_length = req.get_header_value("Content-Length");
  r.hub_mode = req.get_param_value("hub.mode");
  r.hub_challenge = req.get_param_value("hub.challenge");
  r.hub_verify_token = req.get_param_value("hub.verify_token");
  std::lock_guard lock(mu_);
  received_.push_back(std::move(r));
}

std::vector<WebhookReceiver::Received> WebhookReceiver::posts() {
  std::lock_guard lock(mu_);
  std::vector<Received> out;
  for (const auto& r : received_)
    if (r.method == "POST") out.push_back(r);
  return out;
}

std::vector<WebhookReceiver::Received> WebhookReceiver::gets() {
  std::lock_guard lock(mu_);
  std::vector<Received> out;
  for (const auto& r : received_)
    if (r.method == "GET") out.push_back(r);
  return out;
}

namespace {
int ListenLoopback(int* port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *port = ntohs(addr.sin_port);
  return fd;
}
}  // namespace

ClosingListener::ClosingListener() {
  fd_ = ListenLoopback(&port_);
  ::listen(fd_, 16);
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      char buf[256];
      pollfd pc{c, POLLIN, 0};
      if (::poll(&pc, 1, 200) > 0) (void)::recv(c, buf, sizeof(buf), 0);
      ::close(c);
    }
  });
}

ClosingListener::~ClosingListener() {
  stop_.store(true);
  thread_.join();
  ::close(fd_);
}

int ClosedPort() {
  int port = 0;
  int fd = ListenLoopback(&port);
  ::close(fd);
  return port;
}

size_t ThreadCount() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

long ResidentKib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace wasim::testing

namespace wasim::testing {

void WebhookReceiver::Release() {
  {
    std::lock_guard lock(hold_mu_);
    held_ = false;
  }
  hold_cv_.notify_all();
}

}  // namespace wasim::testing
