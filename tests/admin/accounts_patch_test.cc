// PATCH /_sim/phone_numbers/{id}: changes go through the accounts service, and
// the ones Meta announces are facts and webhooks.
#include <gtest/gtest.h>

#include "simulator/admin/admin_api.h"
#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class AccountsPatchTest : public ::testing::Test {
 protected:
  AccountsPatchTest() : admin_(h_.sim()) {}
  HttpResponse Patch(const std::string& path, const std::string& body) {
    HttpRequest r;
    r.method = "PATCH";
    r.path = path;
    r.body = body;
    return *admin_.Handle(r);
  }
  std::string PhonePath() const { return std::string("/_sim/phone_numbers/") + D::kPhoneNumberId; }

  PipelineHarness h_;
  AdminApi admin_;
};

TEST_F(AccountsPatchTest, ADeclinedDisplayNameSendsMetasNameUpdate) {
  FactTap tap(h_.sim());
  auto r = Patch(PhonePath(), R"({"name_status":"DECLINED"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body)["name_status"], "DECLINED");
  auto values = tap.ManagementValues("phone_number_name_update");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(DumpMeta(values[0]), R"({"display_phone_number":")" + std::string(D::kDisplayPhoneNumber) +
                                     R"(","decision":"REJECTED","requested_verified_name":")" +
                                     tap.Of<PhoneNameDecided>()[0].requested_verified_name +
                                     R"(","rejection_reason":"UNKNOWN"})");
  // The same status again, or one that is not a review outcome: no webhook.
  FactTap later(h_.sim());
  ASSERT_EQ(Patch(PhonePath(), R"({"name_status":"DECLINED"})").status, 200);
  ASSERT_EQ(Patch(PhonePath(), R"({"name_status":"EXPIRED"})").status, 200);
  EXPECT_TRUE(later.ManagementValues("phone_number_name_update").empty());
}

TEST_F(AccountsPatchTest, ABadFieldChangesNothingAndRecordsNothing) {
  FactTap tap(h_.sim());
  auto r = Patch(PhonePath(), R"({"name_status":"APPROVED","quality_rating":"PURPLE"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(tap.All().empty());
  EXPECT_EQ(Patch("/_sim/phone_numbers/999", R"({"name_status":"APPROVED"})").status, 404);
  EXPECT_EQ(Patch("/_sim/wabas/999", R"({"locked":true})").status, 404);
}

}  // namespace
}  // namespace wasim::testing
