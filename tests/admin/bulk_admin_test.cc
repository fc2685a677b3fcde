// POST /_sim/bulk: many phone numbers and customers for load tests.
#include <gtest/gtest.h>

#include <set>

#include "simulator/admin/admin_api.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class BulkAdminTest : public ::testing::Test {
 protected:
  HttpResponse Bulk(const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/_sim/bulk";
    r.headers.emplace("content-type", "application/json");
    r.body = body;
    return *admin_.Handle(r);
  }
  size_t Phones() {
    return h_.sim().WithLock([](Ctx& c) { return c.state.accounts.phone_numbers.size(); });
  }
  size_t Customers() {
    return h_.sim().WithLock([](Ctx& c) { return c.state.customers.by_wa_id.size(); });
  }

  PipelineHarness h_;
  AdminApi admin_{h_.sim()};
};

TEST_F(BulkAdminTest, CreatesRegisteredNumbersInTheDefaultWabaThatCanSend) {
  auto r = Bulk(R"({"phone_numbers":3,"customers":5})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  EXPECT_EQ(j["waba_id"], D::kWabaId);
  ASSERT_EQ(j["phone_numbers"].size(), 3u);
  ASSERT_EQ(j["customers"].size(), 5u);
  EXPECT_EQ(Phones(), 4u);
  EXPECT_EQ(Customers(), 6u);
  std::string id = j["phone_numbers"][2]["id"];
  h_.sim().WithLock([&](Ctx& c) {
    const PhoneNumber* p = c.state.accounts.FindPhone(id);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->registered);
    EXPECT_EQ(p->waba_id, D::kWabaId);
    const auto& ids = c.state.accounts.FindWaba(D::kWabaId)->phone_number_ids;
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end());
  });
  // The default token reaches the new number; the new customer is a valid recipient.
  auto sent = h_.Post(id + "/messages", R"({"messaging_product":"whatsapp","to":")" +
                                            j["customers"][4].get<std::string>() +
                                            R"(","type":"text","text":{"body":"hi"}})");
  EXPECT_EQ(sent.status, 200) << sent.body;
}

TEST_F(BulkAdminTest, RepeatedCallsAddDistinctObjects) {
  Json a = ParseOrDie(Bulk(R"({"phone_numbers":20,"customers":20})").body);
  Json b = ParseOrDie(Bulk(R"({"phone_numbers":20,"customers":20})").body);
  std::set<std::string> ids, displays, customers;
  for (const Json* j : {&a, &b}) {
    for (const auto& p : (*j)["phone_numbers"]) {
      ids.insert(p["id"].get<std::string>());
      displays.insert(p["display_phone_number"].get<std::string>());
    }
    for (const auto& c : (*j)["customers"]) customers.insert(c.get<std::string>());
  }
  EXPECT_EQ(ids.size(), 40u);
  EXPECT_EQ(displays.size(), 40u);
  EXPECT_EQ(customers.size(), 40u);
  EXPECT_FALSE(displays.count(D::kDisplayPhoneNumber));
  EXPECT_FALSE(customers.count(D::kCustomerWaId));
  EXPECT_EQ(Phones(), 41u);
}

TEST_F(BulkAdminTest, BadRequestsChangeNothing) {
  for (const char* body : {R"([])", R"({"phone_numbers":-1})", R"({"phone_numbers":"3"})",
                           R"({"customers":1.5})", R"({"customers":200001})", R"({"phone_numbers":5001})",
                           R"({"numbers":3})", R"({"waba_id":7})", "{not json"}) {
    EXPECT_EQ(Bulk(body).status, 400) << body;
  }
  EXPECT_EQ(Bulk(R"({"phone_numbers":2,"waba_id":"999"})").status, 404);
  EXPECT_EQ(Phones(), 1u);
  EXPECT_EQ(Customers(), 1u);
}

}  // namespace
}  // namespace wasim::testing
