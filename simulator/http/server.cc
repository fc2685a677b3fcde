#include "simulator/http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>

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

void HttpServer::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace wasim
