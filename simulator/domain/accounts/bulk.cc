#include "simulator/domain/accounts/bulk.h"

#include <set>

#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

// Assumption: bulk numbers are US-style 1555xxxxxxx, bulk customers 1650xxxxxxx;
// the sequence starts after what exists so repeated calls never collide.
constexpr std::int64_t kPhoneBase = 2000000;
constexpr std::int64_t kCustomerBase = 3000000;
constexpr std::int64_t kSuffixSpace = 10000000;  // 7 digits

bool ReadCount(const Json& body, const char* key, std::int64_t max, std::int64_t* out, std::string* error) {
  if (!body.contains(key)) return true;
  const Json& v = body[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > max) {
    *error = std::string("\"") + key + "\" must be an integer from 0 to " + std::to_string(max);
    return false;
  }
  *out = v.get<std::int64_t>();
  return true;
}

std::string Digits(const char* prefix, std::int64_t n) {
  std::string suffix = std::to_string(n % kSuffixSpace);
  return prefix + std::string(7 - suffix.size(), '0') + suffix;
}

std::string PickWaba(const SimState& s, const std::string& wanted) {
  if (!wanted.empty()) return s.accounts.wabas.count(wanted) ? wanted : "";
  if (s.accounts.wabas.count(DefaultIds::kWabaId)) return DefaultIds::kWabaId;
  return s.accounts.wabas.empty() ? "" : s.accounts.wabas.begin()->first;
}

void AddPhoneNumbers(Ctx& ctx, Waba& waba, std::int64_t count, BulkCreated* out) {
  std::set<std::string> displays;
  for (const auto& [id, p] : ctx.state.accounts.phone_numbers) displays.insert(p.display_phone_number);
  std::int64_t seq = kPhoneBase + static_cast<std::int64_t>(ctx.state.accounts.phone_numbers.size());
  for (std::int64_t i = 0; i < count; ++i) {
    std::string display;
    do display = Digits("1555", seq++);
    while (displays.count(display));
    displays.insert(display);
    std::string id;
    do id = ctx.ids.NumericId(15);
    while (ctx.state.accounts.phone_numbers.count(id));
    PhoneNumber phone;
    phone.id = id;
    phone.waba_id = waba.id;
    phone.display_phone_number = display;
    phone.verified_name = "wasim Load Test " + std::to_string(i + 1);
    phone.registered = true;
    ctx.state.accounts.phone_numbers[id] = phone;
    waba.phone_number_ids.push_back(id);
    out->phone_numbers.emplace_back(id, display);
  }
}

void AddCustomers(Ctx& ctx, std::int64_t count, BulkCreated* out) {
  auto& by_id = ctx.state.customers.by_wa_id;
  std::int64_t seq = kCustomerBase + static_cast<std::int64_t>(by_id.size());
  for (std::int64_t i = 0; i < count; ++i) {
    std::string wa_id;
    do wa_id = Digits("1650", seq++);
    while (by_id.count(wa_id));
    Customer& c = ctx.state.customers.Ensure(wa_id);
    c.profile_name = "Load Customer " + std::to_string(i + 1);
    out->customers.push_back(wa_id);
  }
}

}  // namespace

bool ParseBulkRequest(const Json& body, BulkRequest* out, std::string* error) {
  if (!body.is_object()) {
    *error = "body must be a JSON object such as {\"phone_numbers\":100,\"customers\":1000}";
    return false;
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "phone_numbers" && key != "customers" && key != "waba_id") {
      *error = "unknown field \"" + key + "\" (expected phone_numbers, customers, waba_id)";
      return false;
    }
  }
  if (!ReadCount(body, "phone_numbers", kBulkMaxPhoneNumbers, &out->phone_numbers, error)) return false;
  if (!ReadCount(body, "customers", kBulkMaxCustomers, &out->customers, error)) return false;
  if (body.contains("waba_id")) {
    if (!body["waba_id"].is_string()) {
      *error = "\"waba_id\" must be a string";
      return false;
    }
    out->waba_id = body["waba_id"].get<std::string>();
  }
  return true;
}

bool CreateBulk(Ctx& ctx, const BulkRequest& req, BulkCreated* out, std::string* error) {
  std::string waba_id = PickWaba(ctx.state, req.waba_id);
  if (waba_id.empty()) {
    *error = req.waba_id.empty() ? "the world has no WABA to add phone numbers to"
                                 : "unknown waba_id " + req.waba_id;
    return false;
  }
  out->waba_id = waba_id;
  AddPhoneNumbers(ctx, ctx.state.accounts.wabas.at(waba_id), req.phone_numbers, out);
  AddCustomers(ctx, req.customers, out);
  return true;
}

}  // namespace wasim
