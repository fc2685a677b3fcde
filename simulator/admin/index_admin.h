// Self-description of the admin API:
//   GET /_sim/ (also /_sim)  every admin route (method, path, one line), read
//                            from the router's table when asked, so it cannot drift;
//   GET /_sim/errors         the error catalog (core/errors.cc): code, subcode,
//                            name, title, HTTP status, where it surfaces, and
//                            what forced statuses and fault rules accept.
#pragma once
#include <map>
#include <string>
#include <utility>

#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

// One line per (method, pattern). A test checks every registered route has one.
const std::map<std::pair<std::string, std::string>, std::string>& AdminRouteDescriptions();
// Routes served outside the router (the sandbox registry in app/), listed too.
const std::map<std::pair<std::string, std::string>, std::string>& AdminExtraRoutes();

void RegisterIndexAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
