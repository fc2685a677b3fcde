// scenarios/schema.json and the loader accept the same keys: for every kind of
// mapping, an unknown key makes the loader list what it expects, and that list
// must be the schema's properties there. (schema_check.py validates the files.)
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "simulator/core/json.h"
#include "simulator/scenario/loader.h"

namespace wasim::scenario {
namespace {

Json Schema() {
  std::ifstream in(std::string(WASIM_SOURCE_DIR) + "/scenarios/schema.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

std::set<std::string> SchemaKeys(const Json& schema, const std::string& pointer) {
  std::set<std::string> keys;
  for (const auto& [k, v] : schema.at(Json::json_pointer(pointer)).at("properties").items()) keys.insert(k);
  return keys;
}

// The keys the loader lists when it meets `zzz` where `yaml` puts it.
std::set<std::string> LoaderKeys(const std::string& yaml) {
  auto r = LoadScenarioText(yaml, "keys.yaml");
  for (const auto& e : r.errors) {
    auto at = e.message.find("unknown key 'zzz' (expected one of: ");
    if (at == std::string::npos) continue;
    std::string list = e.message.substr(at + 36);
    list.pop_back();  // ')'
    std::set<std::string> keys;
    std::stringstream ss(list);
    for (std::string k; std::getline(ss, k, ',');) keys.insert(k.substr(k.find_first_not_of(' ')));
    return keys;
  }
  ADD_FAILURE() << "no unknown-key error for:\n" << yaml;
  return {};
}

TEST(ScenarioSchemaTest, TheSchemaAndTheLoaderAcceptTheSameKeys) {
  Json schema = Schema();
  const std::string w = "version: 1\nworld:\n  ";
  const std::string step = "version: 1\ntimeline:\n  - at: 1s\n    ";
  struct Case {
    std::string pointer;
    std::string yaml;
  };
  const std::vector<Case> cases = {
      {"", "version: 1\nzzz: 1\n"},
      {"/properties/world", w + "zzz: 1\n"},
      {"/properties/world/properties/apps/items", w + "apps: [{id: a, zzz: 1}]\n"},
      {"/properties/world/properties/businesses/items", w + "businesses: [{id: b, zzz: 1}]\n"},
      {"/properties/world/properties/wabas/items", w + "wabas: [{id: c, business_id: b, zzz: 1}]\n"},
      {"/properties/world/properties/phone_numbers/items", w + "phone_numbers: [{id: d, zzz: 1}]\n"},
      {"/properties/world/properties/phone_numbers/items/properties/business_app",
       w + "phone_numbers: [{id: d, business_app: {zzz: 1}}]\n"},
      {"/properties/world/properties/phone_numbers/items/properties/business_app/properties/contacts/items",
       w + "phone_numbers: [{id: d, business_app: {contacts: [{phone_number: \"1\", zzz: 1}]}}]\n"},
      {"/properties/world/properties/phone_numbers/items/properties/business_app/properties/threads/items",
       w + "phone_numbers: [{id: d, business_app: {threads: [{with: \"1\", zzz: 1}]}}]\n"},
      {"/properties/world/properties/phone_numbers/items/properties/business_app/properties/threads/items/"
       "properties/messages/items",
       w + "phone_numbers: [{id: d, business_app: {threads: [{with: \"1\", messages: [{age: 1h, zzz: "
           "1}]}]}}]\n"},
      {"/properties/world/properties/customers/items", w + "customers: [{wa_id: \"1\", zzz: 1}]\n"},
      {"/properties/world/properties/customers/items/properties/relations/items",
       w + "customers: [{wa_id: \"1\", relations: [{phone_number_id: \"2\", zzz: 1}]}]\n"},
      {"/properties/world/properties/templates/items", w + "templates: [{id: t, zzz: 1}]\n"},
      {"/properties/world/properties/tokens/items", w + "tokens: [{token: t, zzz: 1}]\n"},
      {"/properties/world/properties/receiver", w + "receiver: {zzz: 1}\n"},
      {"/properties/world/properties/receiver/properties/outages/items",
       w + "receiver: {outages: [{until: 1h, zzz: 1}]}\n"},
      {"/properties/timeline/items",
       "version: 1\ntimeline:\n  - {at: 1s, admin: {path: /_sim/faults}, zzz: 1}\n"},
      {"/properties/timeline/items/properties/graph", step + "graph: {path: /v23.0/1/messages, zzz: 1}\n"},
      {"/properties/timeline/items/properties/admin", step + "admin: {path: /_sim/faults, zzz: 1}\n"},
      {"/properties/timeline/items/properties/inbound", step + "inbound: {from: \"1\", zzz: 1}\n"},
      {"/properties/timeline/items/properties/customer", step + "customer: {wa_id: \"1\", zzz: 1}\n"},
      {"/properties/expect/items", "version: 1\nexpect:\n  - {calls: {}, zzz: 1}\n"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(LoaderKeys(c.yaml), SchemaKeys(schema, c.pointer))
        << "at " << (c.pointer.empty() ? "/" : c.pointer);
}

}  // namespace
}  // namespace wasim::scenario
