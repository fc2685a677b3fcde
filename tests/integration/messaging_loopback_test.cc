// Over real HTTP on loopback: the newcomer's first calls.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

TEST(MessagingLoopbackTest, SendTextReturnsMetasShapeAndJournalsLifecycle) {
  LoopbackServer server;
  // Meta: free-form text needs an open 24 h customer service window (else 131047).
  ASSERT_EQ(server.client()
                .Post("/_sim/inbound",
                      std::string(R"({"from":")") + D::kCustomerWaId + R"(","phone_number_id":")" +
                          D::kPhoneNumberId + R"(","type":"text","text":{"body":"hello"}})",
                      "application/json")
                ->status,
            200);
  auto res = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":"+1 (650) 555-1234","type":"text","text":{"body":"hi"}})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json j = ParseOrDie(res->body);
  EXPECT_EQ(j["messaging_product"], "whatsapp");
  EXPECT_EQ(j["contacts"][0]["input"], "+1 (650) 555-1234");
  EXPECT_EQ(j["contacts"][0]["wa_id"], "16505551234");
  std::string wamid = j["messages"][0]["id"];
  EXPECT_EQ(wamid.rfind("wamid.", 0), 0u);
  EXPECT_FALSE(j["messages"][0].contains("message_status"));

  ASSERT_EQ(server.Advance("10s")->status, 200);
  auto journal = ParseOrDie(server.client().Get("/_sim/messages")->body);
  ASSERT_EQ(journal["data"].size(), 1u);
  EXPECT_EQ(journal["data"][0]["id"], wamid);
  EXPECT_EQ(journal["data"][0]["status"], "read");
  EXPECT_EQ(journal["data"][0]["statuses"].size(), 3u);
}

TEST(MessagingLoopbackTest, AuthErrorsAreMetasExactShapes) {
  LoopbackServer server;
  std::string path = std::string(D::kPhoneNumberId) + "/messages";
  std::string body = R"({"messaging_product":"whatsapp","to":"16505551234","text":{"body":"x"}})";
  auto none = server.PostGraph(path, body, "");
  EXPECT_GRAPH_ERROR(*none, ErrorCode::kAccessTokenRequired);
  EXPECT_EQ(none->status, 400);
  auto garbage = server.PostGraph(path, body, "not-a-token");
  EXPECT_GRAPH_ERROR(*garbage, ErrorCode::kAccessTokenInvalid);
  EXPECT_EQ(garbage->status, 401);
  EXPECT_EQ(ParseOrDie(garbage->body)["error"]["message"],
            "Invalid OAuth access token - Cannot parse access token");
}

TEST(MessagingLoopbackTest, AnyVersionPrefixIsServedAndEchoed) {
  LoopbackServer server;
  httplib::Headers h{{"Authorization", std::string("Bearer ") + D::kAccessToken}};
  auto v19 = server.client().Get((std::string("/v19.0/") + D::kPhoneNumberId).c_str(), h);
  ASSERT_TRUE(v19);
  EXPECT_EQ(v19->status, 200);
  EXPECT_EQ(v19->get_header_value("facebook-api-version"), "v19.0");
  auto bare = server.client().Get((std::string("/") + D::kPhoneNumberId).c_str(), h);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 200);
  auto bad = server.client().Get((std::string("/v123.0/") + D::kPhoneNumberId).c_str(), h);
  ASSERT_TRUE(bad);
  EXPECT_GRAPH_ERROR(*bad, ErrorCode::kInvalidParameter);  // "v123.0" is read as an (unknown) object id
}

TEST(MessagingLoopbackTest, UnknownPathsGetGraphJsonNeverHtml) {
  LoopbackServer server;
  auto r = server.client().Get("/v23.0/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kUnknownPathComponents);
  auto deep = server.GetGraph(std::string(D::kPhoneNumberId) + "/messages/extra/parts");
  EXPECT_GRAPH_ERROR(*deep, ErrorCode::kUnknownPathComponents);
}

}  // namespace
}  // namespace wasim::testing
