// GET /_sim/requests: the Graph API calls still held by the fact log (its
// `api_call` facts, refused ones included: auth failures, validation errors,
// faults), each with its request (method, path, query, body; the access token
// redacted) and response (status, Graph error code, body). Filters: path
// (whole segments: "/v23.0/1065" matches "/v23.0/1065/messages" too), method,
// status (400 or 4xx), code (Graph error code), phone_number (the phone-number
// id in the path, or that number's display number), since (virtual ISO time or
// a fact seq, inclusive); paged by limit and after (paging.cursors.after).
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterRequestsAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
