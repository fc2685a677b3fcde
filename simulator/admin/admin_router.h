// Minimal method + path-pattern router for the admin API ("/_sim/messages/{wamid}/status").
// Static routes are tried before parameterised ones. Immutable after set-up.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/http/http_types.h"

namespace wasim {

using PathParams = std::map<std::string, std::string>;
using AdminHandler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

class AdminRouter {
 public:
  void Add(const std::string& method, const std::string& pattern, AdminHandler h);
  // nullopt when no pattern matches the path; a 405-style response when only the method differs.
  std::optional<HttpResponse> Dispatch(const HttpRequest& req) const;
  // Read-only walk over (method, pattern) of every route (tests, docs).
  void ForEachRoute(
      const std::function<void(const std::string& method, const std::string& pattern)>& fn) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    int params = 0;
    AdminHandler handler;
  };
  std::vector<Route> routes_;
};

// Admin JSON helpers: responses are pretty JSON; errors {"error":{"message","code","details"}}
// in Graph's envelope so clients can share one error parser.
HttpResponse AdminJson(int status, const Json& body);
HttpResponse AdminError(int status, const std::string& message);

}  // namespace wasim
