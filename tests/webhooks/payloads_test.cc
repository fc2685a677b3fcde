#include "simulator/webhooks/payloads.h"

#include <gtest/gtest.h>

#include "simulator/core/text.h"
#include "simulator/webhooks/verification.h"
#include "tests/webhooks/fake_sender.h"

namespace wasim::webhooks {
namespace {

TEST(PayloadsTest, WireBytesEscapeNonAsciiAndSlashLikeMeta) {
  InboundReceived e;
  e.waba_id = "1";
  e.phone_number_id = "2";
  e.from = "16505551234";
  e.profile_name = "Jos\xC3\xA9";
  e.wamid = "wamid.X";
  e.type = "text";
  e.content = Json::parse(R"({"body":"caf\u00e9 \ud83d\ude00 a/b"})");
  const TimeMs at = 1750000000000;
  std::string bytes = DumpMeta(
      Envelope("1", {Change{kMessagesField, InboundValue(e, at, {"15550783881", "2"})}}, std::nullopt));
  EXPECT_NE(bytes.find(R"(caf\u00e9 \ud83d\ude00 a\/b)"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find(R"("name":"Jos\u00e9")"), std::string::npos);
  EXPECT_NE(bytes.find(R"("timestamp":"1750000000")"), std::string::npos);  // a string
}

TEST(PayloadsTest, StatusFieldsInMetasOrderWithOptionalParts) {
  StatusChanged e;
  e.wamid = "wamid.S";
  e.recipient_id = "1";
  e.status = MessageStatus::kDelivered;
  const TimeMs at = 1000;
  e.biz_opaque_callback_data = "tracking-1";
  PricingInfo p;
  p.type = "free_entry_point";
  p.category = PricingCategory::kReferralConversion;
  e.pricing = p;
  Json s = StatusValue(e, at, {"15550783881", "2"}, "v24.0")["statuses"][0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : s.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "status", "timestamp", "recipient_id",
                                            "biz_opaque_callback_data", "conversation", "pricing"}));
  // Free entry point window: conversation kept on v24.0, without expiration except on `sent`.
  EXPECT_FALSE(s["conversation"].contains("expiration_timestamp"));
  EXPECT_EQ(s["conversation"]["origin"]["type"], "referral_conversion");
  EXPECT_EQ(s["pricing"]["billable"], false);
  EXPECT_EQ(s["pricing"]["category"], "referral_conversion");
}

TEST(PayloadsTest, ConversationPerVersionAndFreeEntryPointWindow) {
  auto sent = [](const std::string& wamid, const std::string& type, PricingCategory cat) {
    StatusChanged e;
    e.wamid = wamid;
    e.recipient_id = "1";
    e.status = MessageStatus::kSent;
    PricingInfo p;
    p.type = type;
    p.category = cat;
    e.pricing = p;
    return e;
  };
  // Every status of this test happened at the same instant.
  const TimeMs at = 1750000000000;
  auto conv = [&](const StatusChanged& e, const char* v) {
    return StatusValue(e, at, {"15550783881", "2"}, v)["statuses"][0];
  };
  // Outside a free entry point window: v23 has a per-message id, v24 no conversation.
  StatusChanged a = sent("wamid.A", "regular", PricingCategory::kMarketing);
  StatusChanged b = sent("wamid.B", "regular", PricingCategory::kMarketing);
  EXPECT_NE(conv(a, "v23.0")["conversation"]["id"], conv(b, "v23.0")["conversation"]["id"]);
  EXPECT_FALSE(conv(a, "v24.0").contains("conversation"));
  // Inside one: the window's id and expiry on every version (expiry on `sent` only).
  StatusChanged f = sent("wamid.F", "free_entry_point", PricingCategory::kReferralConversion);
  f.conversation_id = "0123456789abcdef0123456789abcdef";
  f.conversation_expires_at = 1750000000000 + 70 * kHour;
  for (const char* v : {"v23.0", "v24.0", "v25.0"}) {
    Json c = conv(f, v)["conversation"];
    EXPECT_EQ(c["id"], "0123456789abcdef0123456789abcdef") << v;
    EXPECT_EQ(c["expiration_timestamp"], std::to_string(1750000000 + 70 * 3600)) << v;
    EXPECT_EQ(c["origin"]["type"], "referral_conversion") << v;
  }
  f.status = MessageStatus::kRead;  // no pricing on read: no conversation either
  f.pricing.reset();
  EXPECT_FALSE(conv(f, "v24.0").contains("conversation"));
}

TEST(PayloadsTest, GraphMajorVersionParsesVersions) {
  EXPECT_EQ(GraphMajorVersion("v24.0"), 24);
  EXPECT_EQ(GraphMajorVersion("v9.0"), 9);
  EXPECT_EQ(GraphMajorVersion("x"), 0);
}

TEST(VerificationTest, HandshakeSendsMetasQueryAndChecksTheChallenge) {
  testing::FakeSender sender;
  sender.Respond([](const OutboundRequest& r) {
    SendResult res;
    res.status = 200;
    auto p = r.url.find("hub.challenge=");
    res.body = r.url.substr(p + 14, r.url.find('&', p) - p - 14);
    return res;
  });
  ASSERT_TRUE(VerifyCallback(sender, "https://h.test/wh?x=1", "tok en/?", "1158201444"));
  auto calls = sender.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "GET");
  EXPECT_EQ(
      calls[0].url,
      "https://h.test/wh?x=1&hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=tok%20en%2F%3F");

  sender.Respond([](const OutboundRequest&) {
    SendResult res;
    res.status = 200;
    res.body = "wrong";
    return res;
  });
  auto s = VerifyCallback(sender, "https://h.test/wh", "t", "42");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kCallbackVerificationFailed);
  EXPECT_EQ(s.error().message.rfind("(#2200) Callback verification failed with the following errors: ", 0),
            0u);

  sender.Respond([](const OutboundRequest&) { return testing::Status(403); });
  s = VerifyCallback(sender, "https://h.test/wh", "t", "42");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("HTTP Status Code = 403"), std::string::npos);
}

TEST(VerificationTest, RejectsNonHttpCallbacksWithoutNetwork) {
  testing::FakeSender sender;
  auto s = VerifyCallback(sender, "ftp://h.test/wh", "t", "1");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidParameter);
  EXPECT_TRUE(sender.calls().empty());
  EXPECT_FALSE(ParseCallbackUrl("http://"));
  EXPECT_FALSE(ParseCallbackUrl("http://h:99999/"));
  auto u = ParseCallbackUrl("https://Example.test:8443/a/b?c=d#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path_and_query, "/a/b?c=d");
}

}  // namespace
}  // namespace wasim::webhooks
