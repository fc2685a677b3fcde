// POST /{phone-number-id}/messages to a business-scoped user id (Meta:
// business-scoped-user-ids.mdx, "Send message requests/response", "Error
// codes"): `to` takes a BSUID, `recipient` too (BSP clients; `to` wins), the
// response has wa_id "" and user_id, and authentication templates are 131062.
#include <gtest/gtest.h>

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/customers/service.h"
#include "tests/support/golden_json.h"
#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

const std::string kBsuidMessages = std::string(D::kPhoneNumberId) + "/messages";
// Meta's example BSUID (its first published form).
const std::string kMetaBsuid = "user.9373795779eb6441c8adb2eaee5b848e7dd174ddd302d7db62142f4722d574b6";

std::string TextTo(const std::string& to_key, const std::string& to) {
  return R"({"messaging_product":"whatsapp","recipient_type":"individual",")" + to_key + R"(":")" + to +
         R"(","type":"text","text":{"body":"hi"}})";
}

// The default customer with Meta's example BSUID, at an instant BSUIDs are shared.
void SetUpBsuid(PipelineHarness& h) {
  h.clock().SetForward(customers::kBsuidsSharedFrom);
  customers::CustomerUpdate u;
  u.phone_number_id = D::kPhoneNumberId;
  u.bsuid = kMetaBsuid;
  ASSERT_TRUE(
      h.sim().WithLock([&](Ctx& ctx) { return customers::UpdateCustomer(ctx, D::kCustomerWaId, u).ok(); }));
}

TEST(BsuidSendTest, SendingToABsuidInToAnswersMetasExample) {
  PipelineHarness h;
  SetUpBsuid(h);
  auto r = h.Post(kBsuidMessages, TextTo("to", kMetaBsuid));
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  auto diffs = GoldenDiff(LoadFixture("graph/send_message_to_bsuid.json"), j, GoldenOptions{});
  EXPECT_TRUE(diffs.empty()) << IndentedLines(diffs) << r.body;
  EXPECT_EQ(j["contacts"][0]["wa_id"], "");
  EXPECT_EQ(j["contacts"][0]["user_id"], kMetaBsuid);
}

TEST(BsuidSendTest, RecipientCarriesTheBsuidWhenToIsAbsent) {
  PipelineHarness h;
  SetUpBsuid(h);
  auto r = h.Post(kBsuidMessages, TextTo("recipient", kMetaBsuid));
  ASSERT_EQ(r.status, 200) << r.body;
  Json c = ParseOrDie(r.body)["contacts"][0];
  EXPECT_EQ(c["input"], kMetaBsuid);
  EXPECT_EQ(c["wa_id"], "");
  EXPECT_EQ(c["user_id"], kMetaBsuid);
}

TEST(BsuidSendTest, ToWinsOverRecipient) {
  PipelineHarness h;
  SetUpBsuid(h);
  auto r = h.Post(kBsuidMessages, R"({"messaging_product":"whatsapp","to":"+16505551234","recipient":")" +
                                      kMetaBsuid + R"(","type":"text","text":{"body":"hi"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json c = ParseOrDie(r.body)["contacts"][0];
  EXPECT_EQ(c["input"], "+16505551234");
  EXPECT_EQ(c["wa_id"], "16505551234");
  EXPECT_FALSE(c.contains("user_id"));  // Meta: omitted unless sent to a BSUID
}

TEST(BsuidSendTest, ToAndRecipientMissingIsToRequired) {
  PipelineHarness h;
  auto r = h.Post(kBsuidMessages, R"({"messaging_product":"whatsapp","type":"text","text":{"body":"hi"}})");
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);  // "The parameter to is required." (code 100)
  auto wrong =
      h.Post(kBsuidMessages, R"({"messaging_product":"whatsapp","recipient":5,"text":{"body":"hi"}})");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
}

TEST(BsuidSendTest, AnUnknownBsuidOrOneBeforeBsuidsAreSharedIsAnInvalidParameter) {
  PipelineHarness h;
  auto early = h.Post(kBsuidMessages, TextTo("to", kMetaBsuid));
  EXPECT_GRAPH_ERROR(early, ErrorCode::kInvalidParameter);
  SetUpBsuid(h);
  auto unknown = h.Post(kBsuidMessages, TextTo("to", "US.11111111111111111111"));
  EXPECT_GRAPH_ERROR(unknown, ErrorCode::kInvalidParameter);
  EXPECT_NE(unknown.body.find("business-scoped user ID"), std::string::npos) << unknown.body;
  // The derived BSUID of a known user in another portfolio is not this portfolio's.
  auto other =
      h.Post(kBsuidMessages, TextTo("to", customers::DerivedBsuid("another-portfolio", D::kCustomerWaId)));
  EXPECT_GRAPH_ERROR(other, ErrorCode::kInvalidParameter);
}

TEST(BsuidSendTest, AuthenticationTemplatesToABsuidAre131062) {
  PipelineHarness h;
  SetUpBsuid(h);
  MessageTemplate t;
  t.id = "900000000000002";
  t.waba_id = D::kWabaId;
  t.name = "otp_code";
  t.language = "en_US";
  t.category = "AUTHENTICATION";
  t.status.state = *ParseTemplateStatus("APPROVED");
  t.components = Json::parse(R"([{"type":"BODY","text":"{{1}} is your verification code."},
      {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE","text":"Copy"}]}])");
  EditWorld(h.sim(), WorldBuilder().Add(t));
  auto body = [](const std::string& to) {
    return R"({"messaging_product":"whatsapp","to":")" + to +
           R"(","type":"template","template":{"name":"otp_code","language":{"code":"en_US"},"components":[)"
           R"({"type":"body","parameters":[{"type":"text","text":"123456"}]},)"
           R"({"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"123456"}]}]}})";
  };
  auto refused = h.Post(kBsuidMessages, body(kMetaBsuid));
  EXPECT_GRAPH_ERROR(refused, ErrorCode::kAuthTemplateToBsuid);
  EXPECT_NE(refused.body.find("not their business-scoped user IDs"), std::string::npos) << refused.body;
  auto to_phone = h.Post(kBsuidMessages, body("16505551234"));
  EXPECT_EQ(to_phone.status, 200) << to_phone.body;
}

}  // namespace
}  // namespace wasim::testing
