// A real webhook receiver for integration tests: an httplib server on
// 127.0.0.1:<port 0> that records what Meta-side wasim sends and answers as
// configured (status, delay, huge body, challenge echo). Also a raw TCP
// listener that closes every connection without answering.
#pragma once
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace wasim::testing {

class WebhookReceiver {
 public:
  struct Received {
    std::string method;
    std::string path;
    std::string body;
    std::string signature;  // X-Hub-Signature-256
    std::string user_agent;
    std::string content_type;
    std::string content_length;
    std::string hub_mode, hub_challenge, hub_verify_token;
  };

  WebhookReceiver();
  ~WebhookReceiver();
  std::string url(const std::string& path = "/webhook") const;
  int port() const { return port_; }

  void set_status(int s) { status_ = s; }
  // Runs on each POST before the answer (set before deliveries start).
  void set_on_post(std::function<void(const std::string& body)> f) { on_post_ = std::move(f); }
  void set_delay_ms(int ms) { delay_ms_ = ms; }
  void set_huge_body(size_t bytes) { huge_body_ = bytes; }
  void set_echo_challenge(bool echo) { echo_challenge_ = echo; }
  void set_get_status(int s) { get_status_ = s; }
  // Hold(): POSTs block until Release() (or `max_ms` of real time as a safety net),
  // so a test can observe the server while a delivery is in flight without timing.
  void Hold() { held_ = true; }
  void Release();
  // Number of POSTs currently blocked in Hold().
  int waiting() const { return waiting_.load(); }

  std::vector<Received> posts();
  std::vector<Received> gets();

 private:
  void Record(const httplib::Request& req);

  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
  std::function<void(const std::string& body)> on_post_;
  std::atomic<int> status_{200};
  std::atomic<int> get_status_{200};
  std::atomic<int> delay_ms_{0};
  std::atomic<size_t> huge_body_{0};
  std::atomic<bool> echo_challenge_{true};
  std::atomic<bool> held_{false};
  std::atomic<int> waiting_{0};
  std::mutex hold_mu_;
  std::condition_variable hold_cv_;
  std::mutex mu_;
  std::vector<Received> received_;
};

// Accepts TCP connections, reads a little and closes them without a response.
class ClosingListener {
 public:
  ClosingListener();
  ~ClosingListener();
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A port on 127.0.0.1 nothing listens on (bound, then closed).
int ClosedPort();

// Threads of this process (/proc/self/task), for leak checks.
size_t ThreadCount();
// Resident memory of this process in KiB (/proc/self/status VmRSS).
long ResidentKib();

}  // namespace wasim::testing
