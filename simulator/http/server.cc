#include "simulator/http/server.h"

#include <dirent.h>
#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

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
  // A Resumable Upload API session (POST /upload:…) carries the file's bytes
  // as its body whatever the Content-Type: Meta's own example sends them with
  // curl --data-binary, i.e. as application/x-www-form-urlencoded, which
  // cpp-httplib would parse into parameters. Its query is the URL's alone.
  size_t last_slash = r.path.rfind('/');
  if (r.path.compare(last_slash == std::string::npos ? 0 : last_slash + 1, 7, "upload:") == 0) {
    httplib::Params url_query;
    if (size_t q = r.target.find('?'); q != std::string::npos)
      httplib::detail::parse_query_text(r.target.substr(q + 1), url_query);
    for (const auto& [k, v] : url_query) req.query.emplace(k, v);
  } else {
    for (const auto& [k, v] : r.params) req.query.emplace(k, v);
  }
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

// Why a TLS certificate/key pair does not load, in words ("" when it does):
// httplib::SSLServer only reports is_valid() == false.
std::string ServerTlsProblem(const std::string& cert, const std::string& key) {
  std::FILE* f = std::fopen(cert.c_str(), "r");
  if (!f) return "cannot read the TLS certificate " + cert + ": " + std::strerror(errno);
  X509* x = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!x) return "the TLS certificate " + cert + " is not a PEM certificate";
  f = std::fopen(key.c_str(), "r");
  if (!f) {
    X509_free(x);
    return "cannot read the TLS key " + key + ": " + std::strerror(errno);
  }
  EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  std::string problem;
  if (!k)
    problem = "the TLS key " + key + " is not an unencrypted PEM private key";
  else if (X509_check_private_key(x, k) != 1)
    problem = "the TLS key " + key + " does not match the certificate " + cert;
  EVP_PKEY_free(k);
  X509_free(x);
  return problem;
}

// Why binding host:port failed, found by trying it again with the same socket
// options (cpp-httplib only returns false).
std::string ServerBindProblem(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string where = host + ":" + std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
    return "bad address '" + host + "' (" + ::gai_strerror(rc) + "): --bind takes an IP address or host name";
  int err = 0;
  int fd = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd < 0) {
    err = errno;
  } else {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 1) != 0) err = errno;
    ::close(fd);
  }
  ::freeaddrinfo(found);
  switch (err) {
    case 0:
      return "cannot listen on " + where + " (it looks free now; try again)";
    case EADDRINUSE:
      return "port " + std::to_string(port) + " is already in use on " + host +
             " (another wasim? choose another --port, or --port 0 for a free one)";
    case EACCES:
      return "permission denied to listen on " + where +
             " (ports below 1024 need root or CAP_NET_BIND_SERVICE; use e.g. --port 8080)";
    case EADDRNOTAVAIL:
      return "bad address: " + host + " is not an address of this machine (--bind 127.0.0.1 or 0.0.0.0)";
    default:
      return "cannot listen on " + where + ": " + std::strerror(err);
  }
}

std::unique_ptr<httplib::Server> MakeHttplibServer(const ServerOptions& o, std::string* tls_error) {
  if (o.tls_cert.empty() && o.tls_key.empty()) return std::make_unique<httplib::Server>();
  *tls_error = ServerTlsProblem(o.tls_cert, o.tls_key);
  auto s = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
  if (tls_error->empty() && !s->is_valid())
    *tls_error = "the TLS certificate or key is not usable by OpenSSL";
  return s;
}

bool ServerExpectsBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool ServerIsChunked(const httplib::Request& r) {
  if (!r.has_header("Transfer-Encoding")) return false;
  std::string te = r.get_header_value("Transfer-Encoding");
  std::transform(te.begin(), te.end(), te.begin(), [](unsigned char c) { return std::tolower(c); });
  return te.find("chunked") != std::string::npos;
}

}  // namespace

HttpServer::HttpServer(GraphPipeline& pipeline, ServerOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {
  server_ = MakeHttplibServer(options_, &tls_error_);
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

  auto handler = [this](const httplib::Request& r, httplib::Response& res) {
    RequestDone done = observer_ ? observer_() : nullptr;
    HttpRequest req = FromHttplib(r);
    HttpResponse resp = Route(req);
    if (after_request_) after_request_();
    // --state: a request that may change state is answered once its effect is durable.
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
        if (done) {
          resp.status = 0;
          done(req, resp);
        }
        return;
      }
      // Not found (should not happen): the nearest observable behaviour.
      resp.status = 502;
      resp.headers.emplace_back("Connection", "close");
    }
    if (done) done(req, resp);
    ToHttplib(resp, res);
  };
  // Per-route limit from Content-Length, before the body is read.
  s.set_pre_routing_handler([this, handler](const httplib::Request& r, httplib::Response& res) {
    // CORS preflight (opt-in): answered here, never routed.
    if (!options_.cors_origin.empty() && r.method == "OPTIONS") {
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Wasim-Admin-Token");
      res.set_header("Access-Control-Max-Age", "86400");
      return httplib::Server::HandlerResponse::Handled;
    }
    // RFC 9112 6.3: a request with neither Content-Length nor chunked
    // Transfer-Encoding has an empty body (`curl -X POST` without -d).
    // cpp-httplib 0.11 instead reads such a body until the peer closes, and
    // answers 400 after its read timeout: handled here with the empty body.
    if (ServerExpectsBody(r.method) && !r.has_header("Content-Length") && !ServerIsChunked(r)) {
      handler(r, res);
      return httplib::Server::HandlerResponse::Handled;
    }
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
  // Opt-in CORS: every response (errors and preflights included) names the allowed origin.
  if (!options_.cors_origin.empty()) {
    s.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Access-Control-Allow-Origin", options_.cors_origin);
      if (options_.cors_origin != "*") res.set_header("Vary", "Origin");
    });
  }
  s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    ToHttplib(pipeline_.ErrorResponse(MakeError(ErrorCode::kSomethingWentWrong)), res);
  });
}

int HttpServer::Bind() {
  if (!tls_error_.empty()) {
    bind_error_ = tls_error_;
    return port_ = -1;
  }
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.bind);
  } else {
    port_ = server_->bind_to_port(options_.bind, options_.port) ? options_.port : -1;
  }
  if (port_ > 0 && listen_fd_ >= 0) ::listen(listen_fd_, kListenBacklog);
  if (port_ <= 0) {
    port_ = -1;
    bind_error_ = ServerBindProblem(options_.bind, options_.port);
  }
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
