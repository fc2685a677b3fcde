// Unsupported inbound messages name the real type (Meta, changelog
// 2025-11-03; webhooks/reference/messages/unsupported): byte for byte with
// the reference example, `errors`, `type`, then the `unsupported` object.
#include <gtest/gtest.h>

#include "simulator/webhooks/payloads.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

TEST(InboundUnsupportedTest, TheRealTypeFollowsTypeAsInMetasExample) {
  Json want = ::wasim::testing::LoadFixture("webhooks/inbound_unsupported_edit.json");
  InboundReceived e;
  e.waba_id = "102290129340398";
  e.phone_number_id = "106540352242922";
  e.from = "16505551234";
  e.profile_name = "Sheena Nelson";
  e.wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
  e.type = "unsupported";
  e.content = {{"type", "edit"}};
  e.error = MakeError(ErrorCode::kUnsupportedMessageType);
  Json value = InboundValue(e, 1750090702000, {"15550783881", "106540352242922"});
  // Meta's reference example omits `href`; captured webhooks carry it.
  Json& err = value["messages"][0]["errors"][0];
  ASSERT_TRUE(err.contains("href"));
  err.erase("href");
  Json ours = Envelope(e.waba_id, {Change{"messages", value}}, std::nullopt);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

}  // namespace
}  // namespace wasim::webhooks
