// phone_number_username_update (Meta: business-scoped-user-ids.mdx, the
// webhook's syntax block with its placeholders filled in; Meta shows no
// filled example): the value byte for byte, the envelope as JSON (Meta's
// syntax lists field before value, wasim's management bodies value first).
#include <gtest/gtest.h>

#include "simulator/webhooks/payloads.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

TEST(UsernameGoldenTest, RejectedUsernameUpdateMatchesMetasSyntax) {
  Json f = ::wasim::testing::LoadFixture("webhooks/phone_number_username_update.json");
  PhoneUsernameDecided d{"102290129340398", "106540352242922", "15550783881",
                         "REJECTED",        "jaspersmarket",   {"REQUIRE_FB_ACCOUNT_LINKING"}};
  Json value = PhoneUsernameValue(d);
  const Json& meta_value = f["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(DumpMeta(value), DumpMeta(meta_value));
  Json ours = Envelope("102290129340398", {Change{"phone_number_username_update", value}}, 1750030073000);
  EXPECT_EQ(nlohmann::json::parse(ours.dump()), nlohmann::json::parse(f.dump()));
  EXPECT_TRUE(EntryHasTime("phone_number_username_update"));
}

TEST(UsernameGoldenTest, AnApprovalHasNoRejectionReasons) {
  PhoneUsernameDecided d{"102290129340398", "106540352242922", "15550783881",
                         "APPROVED",        "jaspersmarket",   {}};
  Json value = PhoneUsernameValue(d);
  EXPECT_FALSE(value.contains("rejection_reasons"));
  EXPECT_EQ(value["decision"], "APPROVED");
}

TEST(UsernameGoldenTest, TheFactBecomesAManagementWebhookOfItsWaba) {
  Fact fact;
  fact.at = 1750030073000;
  fact.body = PhoneUsernameDecided{"102290129340398", "106540352242922", "15550783881",
                                   "APPROVED",        "jaspersmarket",   {}};
  auto events = WebhookEventsOf(fact);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].field, "phone_number_username_update");
  EXPECT_EQ(events[0].waba_id, "102290129340398");
}

}  // namespace
}  // namespace wasim::webhooks
