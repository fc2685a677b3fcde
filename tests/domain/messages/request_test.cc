// The typed /messages requests: fields a decode extracts, and the errors it
// carries (exactly the validation errors the service reported before).
#include "simulator/domain/messages/request.h"

#include <gtest/gtest.h>

#include <string>

#include "simulator/domain/messages/validation.h"
#include "tests/domain/messages/send_body.h"

namespace wasim::messages {
namespace {

Json J(const char* json) { return Json::parse(json); }

void ExpectSameError(const GraphError& a, const GraphError& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.http_status, b.http_status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.details, b.details);
}

TEST(SendRequestTest, DecodeExtractsEveryTopLevelField) {
  Json body = Body("image", J(R"({"id":"123","caption":"hi"})"));
  body["recipient_type"] = "group";
  body["to"] = "+1 (650) 555-1234";
  body["context"] = {{"message_id", "wamid.ABC"}};
  body["biz_opaque_callback_data"] = "tracking-7";
  auto r = DecodeSendRequest(body);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->to, "+1 (650) 555-1234");  // as sent: normalising needs the sender's number
  EXPECT_EQ(r->recipient_type, RecipientType::kGroup);
  EXPECT_EQ(r->type, "image");
  EXPECT_EQ(r->payload, J(R"({"id":"123","caption":"hi"})"));
  ASSERT_TRUE(r->context_message_id.has_value());
  EXPECT_EQ(*r->context_message_id, "wamid.ABC");
  EXPECT_EQ(r->biz_opaque_callback_data, "tracking-7");
}

TEST(SendRequestTest, DefaultsAreTextIndividualNoContextNoCallbackData) {
  Json body = J(R"({"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"}})");
  auto r = DecodeSendRequest(body);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->type, "text");
  EXPECT_EQ(r->recipient_type, RecipientType::kIndividual);
  EXPECT_EQ(r->payload, J(R"({"body":"hi"})"));
  EXPECT_FALSE(r->context_message_id.has_value());
  EXPECT_EQ(r->biz_opaque_callback_data, "");
}

TEST(SendRequestTest, ErrorsAreTheValidationErrorsInTheSameOrder) {
  const char* bad[] = {
      R"([1,2])",
      R"({"to":"1","type":"text","text":{"body":"x"}})",
      R"({"messaging_product":"sms","to":"1","type":"text","text":{"body":"x"}})",
      R"({"messaging_product":"whatsapp","recipient_type":"crowd","to":"1","text":{"body":"x"}})",
      R"({"messaging_product":"whatsapp","type":"text","text":{"body":"x"}})",
      R"({"messaging_product":"whatsapp","to":5,"type":"text","text":{"body":"x"}})",
      R"({"messaging_product":"whatsapp","to":"1","type":"fax","fax":{}})",
      R"({"messaging_product":"whatsapp","to":"1","type":"image"})",
      R"({"messaging_product":"whatsapp","to":"1","type":"text","text":{"body":5}})",
      R"({"messaging_product":"whatsapp","to":"1","text":{"body":"x"},"context":{"message_id":"nope"}})",
      R"({"messaging_product":"whatsapp","to":"1","text":{"body":"x"},"biz_opaque_callback_data":7})",
      // Two problems: the envelope's (`to`) is reported before the payload's.
      R"({"messaging_product":"whatsapp","type":"text","text":{"body":5}})",
      R"({"messaging_product":"whatsapp","to":"1","type":"reaction","context":{"message_id":"wamid.A"},)"
      R"("reaction":{"message_id":"wamid.B","emoji":"x"}})",
  };
  for (const char* text : bad) {
    SCOPED_TRACE(text);
    Json body = J(text);
    auto validated = ValidateSendBody(body);
    ASSERT_FALSE(validated.ok());
    auto decoded = DecodeSendRequest(body);
    ASSERT_FALSE(decoded.ok());
    ExpectSameError(decoded.error(), validated.error());
  }
}

TEST(MarkReadRequestTest, DecodeExtractsMessageIdAndTypingIndicator) {
  auto plain =
      DecodeMarkReadRequest(J(R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.X"})"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->message_id, "wamid.X");
  EXPECT_FALSE(plain->typing_indicator);
  EXPECT_FALSE(plain->typing_indicator_error.has_value());

  auto typing = DecodeMarkReadRequest(J(
      R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.X","typing_indicator":{"type":"text"}})"));
  ASSERT_TRUE(typing.ok());
  EXPECT_TRUE(typing->typing_indicator);
  EXPECT_FALSE(typing->typing_indicator_error.has_value());
}

TEST(MarkReadRequestTest, EnvelopeErrorsComeInOrder) {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"status":"read","message_id":"wamid.X"})", "(#100) The parameter messaging_product is required."},
      {R"({"messaging_product":"sms","status":"read"})", "(#100) Invalid parameter"},
      {R"({"messaging_product":"whatsapp","status":"sent","message_id":"wamid.X"})",
       "(#100) Invalid parameter"},
      {R"({"messaging_product":"whatsapp","status":"read","message_id":7})",
       "(#100) The parameter message_id is required."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = DecodeMarkReadRequest(J(c.body));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
    EXPECT_EQ(r.error().message, c.message);
  }
  auto product = DecodeMarkReadRequest(J(R"({"messaging_product":"sms","status":"x"})"));
  ASSERT_FALSE(product.ok());
  EXPECT_EQ(product.error().details, "Param messaging_product must be 'whatsapp'.");
}

TEST(MarkReadRequestTest, ABadTypingIndicatorWaitsInTheRequest) {
  // The service reports it only after finding the message (an unknown id wins).
  for (const char* indicator : {R"({"type":"audio"})", R"({"type":5})", R"("text")", R"({})"}) {
    SCOPED_TRACE(indicator);
    Json body = J(R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.X"})");
    body["typing_indicator"] = J(indicator);
    auto r = DecodeMarkReadRequest(body);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->message_id, "wamid.X");
    ASSERT_TRUE(r->typing_indicator_error.has_value());
    EXPECT_EQ(r->typing_indicator_error->details, "Param typing_indicator['type'] must be 'text'.");
  }
}

TEST(ClassifyBodyTest, StatusWithoutToOrTypeIsMarkReadOrTyping) {
  EXPECT_EQ(ClassifyBody(J(R"({"status":"read"})")), ActionKind::kMarkRead);
  EXPECT_EQ(ClassifyBody(J(R"({"status":"read","typing_indicator":{}})")), ActionKind::kTyping);
  EXPECT_EQ(ClassifyBody(J(R"({"status":"read","to":"1"})")), ActionKind::kSend);
  EXPECT_EQ(ClassifyBody(J(R"({"status":"read","type":"text"})")), ActionKind::kSend);
  EXPECT_EQ(ClassifyBody(J(R"([1])")), ActionKind::kSend);
}

}  // namespace
}  // namespace wasim::messages
