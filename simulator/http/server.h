// HttpServer: cpp-httplib adapter. Converts requests to HttpRequest, enforces
// per-route body limits before reading bodies, and hands requests to the
// admin front handler or the Graph pipeline. Never lets an exception or an
// HTML error page out. Applies a fault's transport directives
// (HttpResponse::delay_ms, drop_connection): the delay in real time, the drop
// by closing the connection before any byte of the answer is written.
// Optionally serves https (ServerOptions::tls_cert/tls_key) and answers CORS.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "simulator/http/http_types.h"
#include "simulator/http/pipeline.h"

namespace httplib {
class Server;
}

namespace wasim {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: pick a free port
  // Worker threads: each keep-alive connection holds one, so size it to the
  // expected connection count (cpp-httplib's default of 8 caps concurrency).
  int threads = 96;
  size_t keep_alive_max = 100000;  // cpp-httplib default: 5 requests per connection
  bool tcp_nodelay = true;         // default off: Nagle + delayed ACK costs ~40 ms per reply
  // Base URL the app reaches us at (media URLs in webhooks); empty: http://<bind>:<port>.
  std::string public_url;
  // Opt-in CORS: Access-Control-Allow-Origin on every response and 204
  // preflights for OPTIONS; empty: no CORS headers, OPTIONS routed as any method.
  std::string cors_origin;
  // https with this PEM certificate and key (both set) instead of http.
  std::string tls_cert, tls_key;
};

// Handles a request outside the Graph API (e.g. /_sim/...) or returns nullopt.
using FrontHandler = std::function<std::optional<HttpResponse>(const HttpRequest&)>;

class HttpServer {
 public:
  HttpServer(GraphPipeline& pipeline, ServerOptions options);
  ~HttpServer();
  void SetFrontHandler(FrontHandler h) { front_ = std::move(h); }
  // Runs after each request is handled, before its response is written
  // (manual clock: settle what the request made due now). Set before Start.
  void SetAfterRequest(std::function<void()> f) { after_request_ = std::move(f); }
  // Observes every answered request (the console log): `start` runs when a
  // request arrives and returns what to call with the response just before
  // it is written (status 0 when a fault drops the connection). Set before Start.
  using RequestDone = std::function<void(const HttpRequest&, const HttpResponse&)>;
  void SetRequestObserver(std::function<RequestDone()> start) { observer_ = std::move(start); }
  // Binds; returns the bound port or -1 (bind_error() then says why).
  // --state: runs after a request that may change state (any method but GET,
  // HEAD, OPTIONS) is handled, before its response is written, and returns
  // once its effect is durable; an error replaces the response when it could
  // not be made durable. Set before Start.
  void SetDurability(std::function<std::optional<GraphError>()> f) { durability_ = std::move(f); }
  // Binds; returns the bound port or -1.
  int Bind();
  // Why Bind() failed: port in use, permission denied, bad address, bad TLS files.
  const std::string& bind_error() const { return bind_error_; }
  // Serves on a background thread (after Bind). Stop() ends it.
  void Start();
  // Serves on the calling thread until Stop().
  void Run();
  void Stop();
  int port() const { return port_; }

 private:
  void Install();
  HttpResponse Route(const HttpRequest& req);
  // A fault's latency: waits `ms` real milliseconds, or less when Stop() runs.
  void HoldBack(int ms);

  GraphPipeline& pipeline_;
  ServerOptions options_;
  FrontHandler front_;
  std::function<void()> after_request_;
  std::function<RequestDone()> observer_;
  std::function<std::optional<GraphError>()> durability_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
  int listen_fd_ = -1;  // the bound socket (set by the socket-options hook)
  std::mutex hold_mu_;  // fault latency waits end early on Stop()
  std::condition_variable hold_cv_;
  bool stopping_ = false;
  std::string tls_error_;   // the certificate or key does not load (set at construction)
  std::string bind_error_;  // why Bind() failed
};

}  // namespace wasim
