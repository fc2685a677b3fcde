// The admin API under /_sim/: health, reset, clock, journals and state.
// Its own module: it drives the Simulator directly and never goes through
// the Graph pipeline. Thread-safe (state access under the Simulator lock).
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/http_types.h"

namespace wasim {

class AdminApi {
 public:
  explicit AdminApi(Simulator& sim);
  // Handles /_sim/... requests; nullopt for any other path.
  std::optional<HttpResponse> Handle(const HttpRequest& req);
  // Lets other modules (webhooks, scenarios) add routes at wiring time.
  AdminRouter& router() { return router_; }

 private:
  void RegisterCoreRoutes();
  Simulator& sim_;
  AdminRouter router_;
};

// {"by":"13d"} | {"by":"90s"} | {"seconds":N} | {"to":"2026-01-02T00:00:00Z"} -> target time.
std::optional<TimeMs> ParseAdvanceTarget(const Json& body, TimeMs now, std::string* error);

}  // namespace wasim
