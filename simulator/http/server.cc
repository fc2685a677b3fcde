#include "simulator/http/server.h"

#include <dirent.h>
#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>

#include "simulator/core/error_render.h"

namespace wasim {
namespace {

// cpp-httplib 0.11 listens with a compiled-in backlog of 5: a burst of new
// connections overflows the accept queue and the kernel makes clients retry
// after ~1 s (see README "Performance"). Bind() re-listens with this backlog
// (Linux updates the backlog of a listening socket; capped by net.core.somaxconn).
constexpr int kListenBacklog = 1024;

HttpRequest FromHttplib(const httplib::Request& r) {
  HttpRequest req;
  req.method = r.method;
  req.path = r.path;
  for (const auto& [k, v] : r.params) req.query.emplace(k, v);
  for (const auto& [k, v] : r.headers) {
    std::string key = k;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    req.headers.emplace(key, v);
  }
  req.body = r.body;
  for (const auto& [name, f] : r.files) req.parts.push_back({f.name, f.filename, f.content_type, f.content});
  return req;
}

void ToHttplib(const HttpResponse& resp, httplib::Response& r) {
  r.status = resp.status;
  for (const auto& [k, v] : resp.headers) r.set_header(k.c_str(), v);
  r.set_content(resp.body, resp.content_type.c_str());
}

// Numeric host and port of a socket address, as httplib reports them in
// Request::remote_addr/remote_port (getnameinfo with NI_NUMERICHOST).
bool SocketEndpoint(const sockaddr_storage& addr, socklen_t len, std::string* host, int* port) {
  char buf[NI_MAXHOST];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, buf, sizeof(buf), nullptr, 0,
                    NI_NUMERICHOST) != 0)
    return false;
  *host = buf;
  if (addr.ss_family == AF_INET)
    *port = ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  else if (addr.ss_family == AF_INET6)
    *port = ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  else
    return false;
  return true;
}

// Closes the connection a request came on, without an HTTP response (a fault
// rule's "drop"). cpp-httplib 0.11 gives handlers no socket, so the socket is
// found by its endpoints: the open fd whose local and peer address/port are
// the request's (a live TCP connection's 4-tuple is unique, and this worker
// holds the connection open until the handler returns). /dev/null is then
// dup2'ed over that fd: the socket closes (the client reads EOF before any
// byte: "empty reply"), and httplib's own write of the placeholder response
// and its final close() go to /dev/null instead of failing (no SIGPIPE, no
// double close). Returns false when the socket was not found (the response
// is then written normally with "Connection: close").
bool DropConnectionOf(const httplib::Request& r) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return false;
  int found = -1;
  while (dirent* e = ::readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == ::dirfd(dir)) continue;
    sockaddr_storage local{}, peer{};
    socklen_t llen = sizeof(local), plen = sizeof(peer);
    if (::getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &llen) != 0) continue;
    if (::getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &plen) != 0) continue;
    std::string lhost, phost;
    int lport = -1, pport = -1;
    if (!SocketEndpoint(local, llen, &lhost, &lport) || !SocketEndpoint(peer, plen, &phost, &pport)) continue;
    if (lport == r.local_port && pport == r.remote_port && lhost == r.local_addr && phost == r.remote_addr) {
      found = static_cast<int>(fd);
      break;
    }
  }
  ::closedir(dir);
  if (found < 0) return false;
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) return false;
  bool ok = ::dup2(devnull, found) >= 0;
  ::close(devnull);
  return ok;
}

}  // namespace

HttpServer::HttpServer(GraphPipeline& pipeline, ServerOptions options)
    : pipeline_(pipeline), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  Install();
}

HttpServer::~HttpServer() { Stop(); }

HttpResponse HttpServer::Route(const HttpRequest& req) {
  // Chunked bodies have no Content-Length: checked here once read.
  if (size_t limit = pipeline_.BodyLimitFor(req.method, req.path); req.body.size() > limit)
    return pipeline_.ErrorResponse(BodyTooLargeError(limit));
  if (front_) {
    if (auto r = front_(req)) return *r;
  }
  return pipeline_.Handle(req);
}

void HttpServer::Install() {
  auto& s = *server_;
  int threads = std::max(1, options_.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_tcp_nodelay(options_.tcp_nodelay);
  // Replaces httplib's default (SO_REUSEPORT), which let a second wasim bind a
  // port already in use and silently share its traffic. SO_REUSEADDR still
  // allows a quick restart over TIME_WAIT. Remembers the fd for the backlog.
  s.set_socket_options([this](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_ = sock;
  });
  s.set_keep_alive_max_count(options_.keep_alive_max);
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(10);
  s.set_write_timeout(10);
  s.set_payload_max_length(std::max(pipeline_.limits().media_upload, pipeline_.limits().admin));

  // Per-route limit from Content-Length, before the body is read.
  s.set_pre_routing_handler([this](const httplib::Request& r, httplib::Response& res) {
    if (r.has_header("Content-Length")) {
      const std::string& cl = r.get_header_value("Content-Length");
      size_t limit = pipeline_.BodyLimitFor(r.method, r.path);
      bool numeric = !cl.empty() && cl.size() < 19 &&
                     std::all_of(cl.begin(), cl.end(), [](unsigned char c) { return std::isdigit(c); });
      if (!numeric || std::stoull(cl) > limit) {
        ToHttplib(pipeline_.ErrorResponse(numeric ? BodyTooLargeError(limit)
                                                  : InvalidParameterError("Content-Length is not a number.")),
                  res);
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto handler = [this](const httplib::Request& r, httplib::Response& res) {
    HttpResponse resp = Route(FromHttplib(r));
    if (after_request_) after_request_();
    if (durability_ && r.method != "GET" && r.method != "HEAD" && r.method != "OPTIONS") {
      if (auto e = durability_()) resp = pipeline_.ErrorResponse(*e);
    }
    // A fault rule's latency (real time: it exists to test clients' timeouts)
    // holds the answer back after the request took effect, as a slow network does.
    if (resp.delay_ms > 0) HoldBack(resp.delay_ms);
    if (resp.drop_connection) {
      if (DropConnectionOf(r)) {
        res.status = 500;  // written to /dev/null: the client gets nothing
        res.set_header("Connection", "close");
        return;
      }
      // Not found (should not happen): the nearest observable behaviour.
      resp.status = 502;
      resp.headers.emplace_back("Connection", "close");
    }
    ToHttplib(resp, res);
  };
  const char* kAny = R"(/.*)";
  s.Get(kAny, handler);
  s.Post(kAny, handler);
  s.Put(kAny, handler);
  s.Patch(kAny, handler);
  s.Delete(kAny, handler);
  s.Options(kAny, handler);

  // Transport-level failures (bad request line, unread body) still answer in Graph's shape.
  s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    GraphError e = res.status == 404   ? UnknownPathError("/")
                   : res.status == 413 ? InvalidParameterError("Request body is too large.")
                   : res.status == 414 ? InvalidParameterError("Request URI is too long.")
                                       : InvalidParameterError("Malformed HTTP request.");
    e.http_status = res.status;
    HttpResponse er = pipeline_.ErrorResponse(e);
    er.status = res.status;
    ToHttplib(er, res);
  });
  s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    ToHttplib(pipeline_.ErrorResponse(MakeError(ErrorCode::kSomethingWentWrong)), res);
  });
}

int HttpServer::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.bind);
  } else {
    port_ = server_->bind_to_port(options_.bind, options_.port) ? options_.port : -1;
  }
  if (port_ > 0 && listen_fd_ >= 0) ::listen(listen_fd_, kListenBacklog);
  return port_;
}

void HttpServer::Start() {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running() && thread_.joinable()) std::this_thread::yield();
}

void HttpServer::Run() { server_->listen_after_bind(); }

void HttpServer::HoldBack(int ms) {
  std::unique_lock lock(hold_mu_);
  hold_cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_; });
}

void HttpServer::Stop() {
  {
    std::lock_guard lock(hold_mu_);
    stopping_ = true;
  }
  hold_cv_.notify_all();
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace wasim
