// Over real HTTP: a customer with a username and a BSUID set through
// /_sim/customers; inbound messages hide their number until the business
// messages it (Meta: business-scoped-user-ids.mdx, 30-day window); a send to
// the BSUID is marked on its statuses.
#include <gtest/gtest.h>

#include "simulator/domain/customers/identity.h"
#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

constexpr const char* kLoopBsuid = "US.13491208655302741918";

class IdentityLoopbackTest : public ::testing::Test {
 protected:
  IdentityLoopbackTest() : tap_(server_.sim()) {
    // From the default start (2026-01-01) to the day BSUIDs are shared.
    EXPECT_EQ(server_.Advance("89d")->status, 200);
  }
  httplib::Result Put(const std::string& body) {
    return server_.client().Put((std::string("/_sim/customers/") + D::kCustomerWaId).c_str(), body,
                                "application/json");
  }
  void Inbound() {
    Json body = Json::parse(R"({"type":"text","text":{"body":"hi"}})");
    body["from"] = D::kCustomerWaId;
    body["phone_number_id"] = D::kPhoneNumberId;
    auto r = server_.client().Post("/_sim/inbound", body.dump(), "application/json");
    ASSERT_EQ(r->status, 200) << r->body;
  }
  Json Send(const std::string& to) {
    auto r = server_.PostGraph(
        std::string(D::kPhoneNumberId) + "/messages",
        R"({"messaging_product":"whatsapp","to":")" + to + R"(","type":"text","text":{"body":"hello"}})");
    EXPECT_EQ(r->status, 200) << r->body;
    return ParseOrDie(r->body);
  }
  std::vector<StatusChanged> StatusesOf(const std::string& wamid) {
    std::vector<StatusChanged> out;
    for (const auto& s : tap_.Of<StatusChanged>())
      if (s.wamid == wamid) out.push_back(s);
    return out;
  }
  LoopbackServer server_;
  FactTap tap_;
};

TEST_F(IdentityLoopbackTest, AdminSetsUsernameAndBsuidAndShowsThem) {
  auto r = Put(std::string(R"({"username":"@pablomorales","phone_number_id":")") + D::kPhoneNumberId +
               R"(","bsuid":")" + kLoopBsuid + R"("})");
  ASSERT_EQ(r->status, 200) << r->body;
  Json c = ParseOrDie(r->body);
  EXPECT_EQ(c["username"], "@pablomorales");
  ASSERT_EQ(c["relations"].size(), 1u);
  EXPECT_EQ(c["relations"][0]["user_id"], kLoopBsuid);
  EXPECT_EQ(c["relations"][0]["saved_business_number"], false);

  EXPECT_EQ(Put(R"({"bsuid":"US.1"})")->status, 400);  // needs phone_number_id
  EXPECT_EQ(
      Put(std::string(R"({"phone_number_id":")") + D::kPhoneNumberId + R"(","bsuid":"16505551234"})")->status,
      400);
  EXPECT_EQ(Put(R"({"username":7})")->status, 400);
  EXPECT_EQ(Put(R"({"username":"two words"})")->status, 400);
}

TEST_F(IdentityLoopbackTest, AUsernameAdoptersNumberIsHiddenUntilTheBusinessMessagesIt) {
  ASSERT_EQ(Put(std::string(R"({"username":"@pablomorales","phone_number_id":")") + D::kPhoneNumberId +
                R"(","bsuid":")" + kLoopBsuid + R"("})")
                ->status,
            200);
  Inbound();
  InboundReceived first = tap_.Of<InboundReceived>().back();
  EXPECT_EQ(first.user.user_id, kLoopBsuid);
  EXPECT_EQ(first.user.username, "@pablomorales");
  EXPECT_EQ(first.user.country_code, "US");
  EXPECT_TRUE(first.user.phone_hidden);

  // Sent to the BSUID: the statuses say so and the number stays hidden.
  Json to_bsuid = Send(kLoopBsuid);
  EXPECT_EQ(to_bsuid["contacts"][0]["wa_id"], "");
  server_.Advance("10s");
  auto bsuid_statuses = StatusesOf(to_bsuid["messages"][0]["id"]);
  ASSERT_FALSE(bsuid_statuses.empty());
  for (const auto& s : bsuid_statuses) {
    EXPECT_TRUE(s.to_user_id);
    EXPECT_TRUE(s.user.phone_hidden);
  }

  // Sent to the number: shared for 30 days (inbound included).
  Json to_phone = Send(D::kCustomerWaId);
  server_.Advance("10s");
  auto phone_statuses = StatusesOf(to_phone["messages"][0]["id"]);
  ASSERT_FALSE(phone_statuses.empty());
  for (const auto& s : phone_statuses) {
    EXPECT_FALSE(s.to_user_id);
    EXPECT_FALSE(s.user.phone_hidden);
  }
  Inbound();
  EXPECT_FALSE(tap_.Of<InboundReceived>().back().user.phone_hidden);
  server_.Advance("30d");
  Inbound();
  EXPECT_TRUE(tap_.Of<InboundReceived>().back().user.phone_hidden);
}

TEST_F(IdentityLoopbackTest, EveryCustomerHasADerivedBsuidInWebhooksAfterTheSharingDate) {
  Inbound();
  InboundReceived in = tap_.Of<InboundReceived>().back();
  EXPECT_TRUE(customers::IsValidBsuid(in.user.user_id)) << in.user.user_id;
  EXPECT_EQ(in.user.user_id.substr(0, 3), "US.");
  EXPECT_FALSE(in.user.phone_hidden);
  // The same BSUID addresses the user.
  Json sent = Send(in.user.user_id);
  EXPECT_EQ(sent["contacts"][0]["user_id"], in.user.user_id);
}

}  // namespace
}  // namespace wasim::testing
