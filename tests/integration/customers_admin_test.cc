// Over real HTTP: /_sim/inbound for every inbound type (wamid + published
// content), /_sim/customers validation, and forced statuses
// (/_sim/messages/{wamid}/status) including 409 on going backwards.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class CustomersAdminTest : public ::testing::Test {
 protected:
  CustomersAdminTest() : tap_(server_.sim()) {}
  httplib::Result Inbound(Json body) {
    if (!body.contains("from")) body["from"] = D::kCustomerWaId;
    if (!body.contains("phone_number_id")) body["phone_number_id"] = D::kPhoneNumberId;
    return server_.client().Post("/_sim/inbound", body.dump(), "application/json");
  }
  httplib::Result Put(const std::string& wa_id, const std::string& body) {
    return server_.client().Put(("/_sim/customers/" + wa_id).c_str(), body, "application/json");
  }
  Json GetCustomer(const std::string& wa_id) {
    auto r = server_.client().Get(("/_sim/customers/" + wa_id).c_str());
    EXPECT_EQ(r->status, 200) << r->body;
    return ParseOrDie(r->body);
  }
  httplib::Result Force(const std::string& wamid, const std::string& body) {
    return server_.client().Post(("/_sim/messages/" + wamid + "/status").c_str(), body, "application/json");
  }
  std::string SendTemplate() {
    auto r = server_.PostGraph(
        std::string(D::kPhoneNumberId) + "/messages",
        std::string(R"({"messaging_product":"whatsapp","to":")") + D::kCustomerWaId +
            R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
    EXPECT_EQ(r->status, 200) << r->body;
    return ParseOrDie(r->body)["messages"][0]["id"];
  }
  InboundReceived LastInbound() {
    auto inbound = tap_.Of<InboundReceived>();
    return inbound.empty() ? InboundReceived{} : inbound.back();
  }
  size_t InboundCount() { return tap_.Of<InboundReceived>().size(); }

  LoopbackServer server_;
  FactTap tap_;
};

TEST_F(CustomersAdminTest, EveryInboundTypeReturnsAWamidAndPublishesItsContent) {
  auto first = Inbound(Json::parse(R"({"type":"text","text":{"body":"hi"}})"));
  ASSERT_EQ(first->status, 200) << first->body;
  std::string text_id = ParseOrDie(first->body)["id"];
  struct Case {
    const char* type;
    std::string body;      // the type's object
    std::string expected;  // published content ("" = checked separately: media)
  };
  const std::vector<Case> cases = {
      {"location", R"({"latitude":38.9,"longitude":-77.0,"name":"Office","address":"1 Main St"})",
       R"({"address":"1 Main St","latitude":38.9,"longitude":-77.0,"name":"Office"})"},
      {"contacts",
       R"([{"name":{"formatted_name":"Ana Li","first_name":"Ana"},"phones":[{"phone":"+1 650 555 0000"}]}])",
       R"([{"name":{"formatted_name":"Ana Li","first_name":"Ana"},"phones":[{"phone":"+1 650 555 0000"}]}])"},
      {"interactive", R"({"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}})",
       R"({"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}})"},
      {"interactive",
       R"({"type":"list_reply","list_reply":{"id":"r1","title":"Red","description":"Bright"}})",
       R"({"type":"list_reply","list_reply":{"id":"r1","title":"Red","description":"Bright"}})"},
      {"interactive",
       R"({"type":"call_permission_reply","call_permission_reply":{"response":"accept","is_permanent":false,"expiration_timestamp":1745343479,"response_source":"user_action"}})",
       R"({"type":"call_permission_reply","call_permission_reply":{"response":"accept","is_permanent":false,"expiration_timestamp":1745343479,"response_source":"user_action"}})"},
      {"button", R"({"payload":"STOP","text":"Stop promotions"})",
       R"({"payload":"STOP","text":"Stop promotions"})"},
      {"reaction", R"({"message_id":")" + text_id + R"(","emoji":"❤"})",
       R"({"message_id":")" + text_id + R"(","emoji":"❤"})"},
      {"edit",
       R"({"original_message_id":")" + text_id + R"(","message":{"type":"text","text":{"body":"hello"}}})",
       R"({"original_message_id":")" + text_id + R"(","message":{"type":"text","text":{"body":"hello"}}})"},
      {"revoke", R"({"original_message_id":")" + text_id + R"("})",
       R"({"original_message_id":")" + text_id + R"("})"},
      {"unsupported", R"({"type":"poll"})", R"({"type":"poll"})"},
      {"order",
       R"({"catalog_id":"194836987003835","product_items":[{"product_retailer_id":"di9","quantity":1,"item_price":9.5,"currency":"USD"}]})",
       R"({"catalog_id":"194836987003835","product_items":[{"product_retailer_id":"di9","quantity":1,"item_price":9.5,"currency":"USD"}]})"},
      {"image", R"({"mime_type":"image/jpeg","caption":"look"})", ""},
      {"audio", R"({"mime_type":"audio/ogg; codecs=opus","voice":true})", ""},
      {"video", R"({"mime_type":"video/mp4"})", ""},
      {"document", R"({"mime_type":"application/pdf","filename":"invoice.pdf","data":"JVBERi0xLjQK"})", ""},
      {"sticker", R"({"mime_type":"image/webp","animated":false})", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type);
    auto r = Inbound(Json{{"type", c.type}, {c.type, Json::parse(c.body)}});
    ASSERT_EQ(r->status, 200) << r->body;
    Json res = ParseOrDie(r->body);
    std::string id = res["id"];
    EXPECT_EQ(id.rfind("wamid.", 0), 0u);
    InboundReceived e = LastInbound();
    EXPECT_EQ(e.wamid, id);
    EXPECT_EQ(e.type, c.type);
    EXPECT_EQ(e.from, D::kCustomerWaId);
    EXPECT_EQ(e.phone_number_id, D::kPhoneNumberId);
    if (!std::string(c.expected).empty()) {
      EXPECT_EQ(e.content, Json::parse(c.expected));
    } else {
      EXPECT_EQ(e.content["id"], res["media_id"]);
      EXPECT_EQ(e.content["mime_type"], Json::parse(c.body)["mime_type"]);
      EXPECT_EQ(e.content["sha256"].get<std::string>().size(), 44u);  // base64 of 32 bytes
    }
    EXPECT_EQ(e.error.has_value(), std::string(c.type) == "unsupported");
  }
}

TEST_F(CustomersAdminTest, InboundErrorsAreClearAndChangeNothing) {
  auto unknown_phone = Inbound(Json{{"phone_number_id", "42"}, {"type", "text"}, {"text", {{"body", "x"}}}});
  EXPECT_EQ(unknown_phone->status, 404);
  EXPECT_NE(unknown_phone->body.find("Unknown phone_number_id 42"), std::string::npos);
  auto bad_json = server_.client().Post("/_sim/inbound", "{\"from\":", "application/json");
  EXPECT_EQ(bad_json->status, 400);
  auto bad_type = Inbound(Json{{"type", "text"}, {"text", "hi"}});
  EXPECT_EQ(bad_type->status, 400);
  EXPECT_EQ(InboundCount(), 0u);
  Json c = GetCustomer(D::kCustomerWaId);
  EXPECT_TRUE(c["relations"].empty()) << c.dump();  // no window opened
}

TEST_F(CustomersAdminTest, PutAndGetCustomer) {
  auto r =
      Put("447700900123", std::string(R"({"state":"offline","profile_name":"Ana","auto_read":false,
      "in_marketing_experiment":true,"phone_number_id":")") +
                              D::kPhoneNumberId + R"(","blocked_business":false,"marketing_opt_out":true})");
  ASSERT_EQ(r->status, 200) << r->body;
  Json c = GetCustomer("447700900123");
  EXPECT_EQ(c["state"], "offline");
  EXPECT_EQ(c["profile_name"], "Ana");
  EXPECT_EQ(c["auto_read"], false);
  EXPECT_EQ(c["in_marketing_experiment"], true);
  ASSERT_EQ(c["relations"].size(), 1u);
  EXPECT_EQ(c["relations"][0]["marketing_opt_out"], true);
  EXPECT_EQ(c["relations"][0]["blocked_business"], false);
  EXPECT_EQ(server_.client().Get("/_sim/customers/19995550000")->status, 404);
}

TEST_F(CustomersAdminTest, PutValidationErrorsAre400AndChangeNothing) {
  const std::vector<std::string> bad = {
      R"({"state":"sleeping"})",
      R"({"state":"offline","auto_read":"yes"})",
      R"({"state":"offline","colour":"red"})",
      R"({"state":"offline","blocked_business":true})",
      R"({"state":"offline","phone_number_id":"1","marketing_opt_out":true})",
      R"(["offline"])",
      R"({"state":)",
  };
  for (const auto& body : bad) {
    auto r = Put(D::kCustomerWaId, body);
    EXPECT_EQ(r->status, 400) << body << " -> " << r->body;
    EXPECT_NE(ParseOrDie(r->body)["error"]["message"].get<std::string>(), "") << body;
  }
  EXPECT_EQ(Put("+16505551234", R"({"state":"offline"})")->status, 400);
  Json c = GetCustomer(D::kCustomerWaId);
  EXPECT_EQ(c["state"], "online");
  EXPECT_EQ(c["auto_read"], true);
  EXPECT_TRUE(c["relations"].empty());
}

TEST_F(CustomersAdminTest, ForcedStatusesMoveForwardOnlyWithCatalogErrors) {
  ASSERT_EQ(Put(D::kCustomerWaId, R"({"state":"offline"})")->status, 200);
  std::string id = SendTemplate();
  ASSERT_EQ(server_.Advance("10s")->status, 200);
  EXPECT_EQ(Force("wamid.unknown", R"({"status":"read"})")->status, 404);
  EXPECT_EQ(Force(id, R"({"status":"sent"})")->status, 400);
  EXPECT_EQ(Force(id, R"({"status":"failed"})")->status, 400);
  EXPECT_EQ(Force(id, R"({"status":"failed","error":{"code":999}})")->status, 400);
  EXPECT_EQ(Force(id, R"({"status":"delivered","error":{"code":131026}})")->status, 400);

  auto delivered = Force(id, R"({"status":"delivered"})");
  ASSERT_EQ(delivered->status, 200) << delivered->body;
  EXPECT_EQ(ParseOrDie(delivered->body)["status"], "delivered");
  auto again = Force(id, R"({"status":"delivered"})");
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(again->body.find("never go backwards"), std::string::npos) << again->body;
  EXPECT_EQ(Force(id, R"({"status":"failed","error":{"code":131026}})")->status, 409);
  ASSERT_EQ(Force(id, R"({"status":"read"})")->status, 200);
  EXPECT_EQ(Force(id, R"({"status":"delivered"})")->status, 409);

  std::string other = SendTemplate();
  auto failed = Force(other, R"({"status":"failed","error":{"code":131049,"details":"capped"}})");
  ASSERT_EQ(failed->status, 200) << failed->body;
  Json j = ParseOrDie(failed->body);
  EXPECT_EQ(j["status"], "failed");
  EXPECT_EQ(j["statuses"].back()["error"]["code"], 131049);
  EXPECT_EQ(j["statuses"].back()["error"]["error_data"]["details"], "capped");
  auto after = Force(other, R"({"status":"read"})");
  EXPECT_EQ(after->status, 409);
  EXPECT_NE(after->body.find("failed is final"), std::string::npos);
  ASSERT_EQ(server_.Advance("1d")->status, 200);
  Json journal = ParseOrDie(server_.client().Get("/_sim/messages")->body);
  for (const auto& m : journal["data"])
    if (m["id"] == other) {
      EXPECT_EQ(m["status"], "failed");  // the pending lifecycle cannot undo it
    }
}

}  // namespace
}  // namespace wasim::testing
