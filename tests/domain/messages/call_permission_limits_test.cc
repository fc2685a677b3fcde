// Meta (calling/user-call-permissions.mdx): at most 1 call permission request
// in 24 hours and 2 within 7 days per business number and user, free-form or
// template alike; 138009 beyond (calling/troubleshooting.mdx). On the virtual
// clock.
#include "simulator/domain/messages/call_permission_limits.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/messages/service.h"
#include "simulator/domain/templates/service.h"
#include "tests/support/world.h"

namespace wasim::messages {
namespace {

using D = DefaultIds;

Json CprInteractive(const std::string& to) {
  return Json::parse(R"({"messaging_product":"whatsapp","to":")" + to +
                     R"(","type":"interactive","interactive":{"type":"call_permission_request",)"
                     R"("body":{"text":"May we call you?"},"action":{"name":"call_permission_request"}}})");
}

Json CprTemplate(const std::string& to) {
  return Json::parse(
      R"({"messaging_product":"whatsapp","to":")" + to +
      R"(","type":"template","template":{"name":"sample_cpr_template","language":{"code":"en"}}})");
}

MessageTemplate ApprovedCprTemplate() {
  MessageTemplate t;
  t.id = "880000000000001";
  t.waba_id = D::kWabaId;
  t.name = "sample_cpr_template";
  t.language = "en";
  t.category = "UTILITY";
  t.status.state = TemplateStatus::kApproved;
  t.components = Json::parse(
      R"([{"type":"BODY","text":"We would like to call you about your order."},{"type":"CALL_PERMISSION_REQUEST"}])");
  return t;
}

class CallPermissionLimitsTest : public ::testing::Test {
 protected:
  CallPermissionLimitsTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld().Add(ApprovedCprTemplate());
    sim_ = std::make_unique<Simulator>(std::move(o));
  }

  // The customer writes now: the 24-hour window is open for free-form sends.
  void CustomerWrites(const std::string& wa_id = D::kCustomerWaId) {
    TimeMs now = clock_->Now();
    Customer c;
    c.wa_id = wa_id;
    testing::EditWorld(
        *sim_, WorldBuilder().Add(c).EditRelation(D::kPhoneNumberId, wa_id,
                                                  [now](CustomerRelation& r) { r.last_inbound_at = now; }));
  }

  // The error code of the send, 0 when accepted.
  int SendCode(const Json& body) {
    auto r = sim_->WithLock([&](Ctx& ctx) { return Send(ctx, D::kPhoneNumberId, body); });
    return r.ok() ? 0 : r.error().code_number();
  }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
};

TEST_F(CallPermissionLimitsTest, OneIn24HoursAndTwoIn7Days) {
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 0);
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);  // within 24 h
  clock_->Advance(24 * kHour - 1);
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);  // one millisecond short
  clock_->Advance(1);
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 0);  // the second of the week
  clock_->Advance(2 * kDay);
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);  // 2 within 7 days
  clock_->Advance(3 * kDay);  // 6 days after the first: still 2 in the window
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);
  clock_->Advance(kDay);  // 7 days after the first: it left the window
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 0);
}

TEST_F(CallPermissionLimitsTest, TemplatesCountAndOtherUsersAreApart) {
  EXPECT_EQ(SendCode(CprTemplate(D::kCustomerWaId)), 0);
  EXPECT_EQ(SendCode(CprTemplate(D::kCustomerWaId)), 138009);
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);  // free-form and template share the limit
  EXPECT_EQ(SendCode(CprTemplate("447700900123")), 0);            // another user
  // Ordinary messages are not limited.
  EXPECT_EQ(SendCode(Json::parse(std::string(R"({"messaging_product":"whatsapp","to":")") + D::kCustomerWaId +
                                 R"(","type":"text","text":{"body":"hi"}})")),
            0);
}

// Assumption: an accepted request counts even when it fails afterwards (here
// 131047 outside the window, a failed status); a refused one (138009) does not.
TEST_F(CallPermissionLimitsTest, AcceptedRequestsCountRefusedOnesDoNot) {
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 0);  // accepted; fails later with 131047
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 138009);
  clock_->Advance(24 * kHour);
  CustomerWrites();
  EXPECT_EQ(SendCode(CprInteractive(D::kCustomerWaId)), 0);  // the refused one did not use the week's second
}

// Meta's "Create message template" example: a call_permission_request
// component in a MARKETING or UTILITY template.
TEST_F(CallPermissionLimitsTest, TemplatesWithTheComponentAreCreatedInMarketingOrUtility) {
  auto create = [&](const std::string& name, const std::string& category) {
    Json body = Json::parse(R"({"name":")" + name + R"(","language":"en","category":")" + category +
                            R"(","components":[{"type":"BODY","text":"We would like to call you."},)"
                            R"({"type":"call_permission_request"}]})");
    return sim_->WithLock([&](Ctx& ctx) { return templates::Create(ctx, D::kWabaId, body); });
  };
  EXPECT_TRUE(create("cpr_utility", "UTILITY").ok());
  EXPECT_TRUE(create("cpr_marketing", "MARKETING").ok());
  auto auth = create("cpr_auth", "AUTHENTICATION");
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.error().code_number(), 100);
}

}  // namespace
}  // namespace wasim::messages
