// Many phone numbers and customers at once (the admin API's POST /_sim/bulk,
// a load-testing aid, not a Meta API). Numbers go into the given WABA
// (default: the default world's WABA, else the first WABA), registered and
// CONNECTED. Every call adds new objects.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

}  // namespace wasim
