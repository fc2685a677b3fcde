// Load-testing aid: POST /_sim/bulk creates many phone numbers and customers
// at once, so a benchmark can spread its sends over enough numbers and
// recipients to stay inside Meta's per-number throughput and per-user pair
// rate (see README "Performance"). Not a Meta API.
//
//   POST /_sim/bulk {"phone_numbers":N,"customers":M[,"waba_id":"..."]}
//   -> {"waba_id":"...","phone_numbers":[{"id","display_phone_number"}],"customers":["1650..."]}
//
// Numbers go into the given WABA (default: the default world's WABA, else the
// first WABA), registered and CONNECTED. Every call adds new objects.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "simulator/admin/admin_router.h"
#include "simulator/core/json.h"
#include "simulator/domain/simulator.h"

namespace wasim {

// Upper bounds per call (keeps one request from exhausting memory).
constexpr std::int64_t kBulkMaxPhoneNumbers = 5000;
constexpr std::int64_t kBulkMaxCustomers = 200000;

struct BulkRequest {
  std::int64_t phone_numbers = 0;
  std::int64_t customers = 0;
  std::string waba_id;  // empty: default WABA
};

struct BulkCreated {
  std::string waba_id;
  std::vector<std::pair<std::string, std::string>> phone_numbers;  // (id, display number)
  std::vector<std::string> customers;                              // wa_ids
};

// Parses and checks the body; *error says what is wrong.
bool ParseBulkRequest(const Json& body, BulkRequest* out, std::string* error);

// Creates the objects (call under the Simulator lock). False, with *error set
// and nothing changed, when the WABA is unknown.
bool CreateBulk(Ctx& ctx, const BulkRequest& req, BulkCreated* out, std::string* error);

void RegisterBulkAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
