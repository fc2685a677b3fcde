#include "simulator/admin/admin_router.h"

#include <algorithm>

#include "simulator/core/json.h"

namespace wasim {
namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

void AdminRouter::Add(const std::string& method, const std::string& pattern, AdminHandler h) {
  Route r{method, Split(pattern), 0, std::move(h)};
  for (const auto& s : r.segments)
    if (!s.empty() && s.front() == '{') ++r.params;
  routes_.push_back(std::move(r));
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const Route& a, const Route& b) { return a.params < b.params; });
}

std::optional<HttpResponse> AdminRouter::Dispatch(const HttpRequest& req) const {
  auto segs = Split(req.path);
  bool path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    PathParams params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (!p.empty() && p.front() == '{')
        params[p.substr(1, p.size() - 2)] = UrlDecode(segs[i], false);
      else
        ok = p == segs[i];
    }
    if (!ok) continue;
    path_matched = true;
    if (r.method != req.method) continue;
    return r.handler(req, params);
  }
  if (path_matched) return AdminError(405, "Method " + req.method + " not allowed on " + req.path);
  return std::nullopt;
}

void AdminRouter::ForEachRoute(const std::function<void(const std::string&, const std::string&)>& fn) const {
  for (const auto& r : routes_) {
    std::string pattern;
    for (const auto& s : r.segments) pattern += "/" + s;
    fn(r.method, pattern);
  }
}

HttpResponse AdminJson(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.body = DumpPretty(body) + "\n";
  return r;
}

HttpResponse AdminError(int status, const std::string& message) {
  Json err;
  err["message"] = message;
  err["type"] = "WasimAdminException";
  err["code"] = status;
  Json body;
  body["error"] = err;
  return AdminJson(status, body);
}

}  // namespace wasim
