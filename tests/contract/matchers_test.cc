// Each matcher matching and not matching, with the text a failure prints.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "wasim/testing.h"

namespace {

using ::testing::DescribeMatcher;
using ::testing::HasSubstr;
using ::testing::Not;
using wasim::testing::ApiCall;
using wasim::testing::FailedStatusWebhook;
using wasim::testing::GraphError;
using wasim::testing::MessageSent;
using wasim::testing::ReceivedWebhook;
using wasim::testing::StatusWebhook;
using wasim::testing::WebhookOfField;

// What ExplainMatchResult says about `value` (empty on a match without explanation).
template <class M, class T>
std::string MatchersWhy(const M& matcher, const T& value, bool* matched) {
  ::testing::StringMatchResultListener listener;
  *matched = ::testing::ExplainMatchResult(matcher, value, &listener);
  return listener.str();
}

ReceivedWebhook MatchersStatusDelivery() {
  ReceivedWebhook w;
  w.method = "POST";
  w.body =
      R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":)"
      R"({"messaging_product":"whatsapp","statuses":[{"id":"wamid.A","status":"delivered"},)"
      R"({"id":"wamid.B","status":"failed","errors":[{"code":131047,"title":"Re-engagement message"}]}]},)"
      R"("field":"messages"}]}]})";
  return w;
}

TEST(StatusWebhookMatcher, MatchesAStatusOfTheMessageAndExplainsAMiss) {
  ReceivedWebhook w = MatchersStatusDelivery();
  bool matched = false;
  MatchersWhy(StatusWebhook("wamid.A", "delivered"), w, &matched);
  EXPECT_TRUE(matched);
  EXPECT_THAT(w, StatusWebhook("", "failed"));
  std::string why = MatchersWhy(StatusWebhook("wamid.A", "read"), w, &matched);
  EXPECT_FALSE(matched);
  EXPECT_EQ(why, "whose statuses are [wamid.A: delivered, wamid.B: failed (error 131047)]");
  EXPECT_THAT(w, Not(StatusWebhook("wamid.C", "delivered")));
  EXPECT_EQ(DescribeMatcher<ReceivedWebhook>(StatusWebhook("wamid.A", "read")),
            "is a status webhook read for wamid.A");
  EXPECT_EQ(DescribeMatcher<ReceivedWebhook>(Not(StatusWebhook("wamid.A", "read"))),
            "is not a status webhook read for wamid.A");
  ReceivedWebhook other;
  other.body =
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{}}]}]})";
  EXPECT_EQ(MatchersWhy(StatusWebhook("", "sent"), other, &matched), "which carries no message status");
}

TEST(FailedStatusWebhookMatcher, MatchesTheErrorCode) {
  ReceivedWebhook w = MatchersStatusDelivery();
  EXPECT_THAT(w, FailedStatusWebhook("wamid.B", 131047));
  EXPECT_THAT(w, FailedStatusWebhook("", 131047));
  EXPECT_THAT(w, Not(FailedStatusWebhook("wamid.B", 131026)));
  EXPECT_THAT(w, Not(FailedStatusWebhook("wamid.A", 131047)));
  EXPECT_EQ(DescribeMatcher<ReceivedWebhook>(FailedStatusWebhook("wamid.B", 131026)),
            "is a status webhook failed with error 131026 for wamid.B");
}

TEST(WebhookOfFieldMatcher, MatchesAnyChangesField) {
  ReceivedWebhook w = MatchersStatusDelivery();
  EXPECT_THAT(w, WebhookOfField("messages"));
  bool matched = true;
  EXPECT_EQ(MatchersWhy(WebhookOfField("account_update"), w, &matched), "whose fields are [messages]");
  EXPECT_FALSE(matched);
  w.body = "not json";
  EXPECT_EQ(MatchersWhy(WebhookOfField("messages"), w, &matched),
            "which is not a webhook envelope: not json");
  // It also reads the simulator's own journal entries.
  wasim::DeliveryRecord d;
  d.body = MatchersStatusDelivery().body;
  EXPECT_THAT(d, WebhookOfField("messages"));
}

TEST(GraphErrorMatcher, MatchesCodeAndHttpStatus) {
  wasim::Reply r{400,
                 R"({"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429}})"};
  EXPECT_THAT(r, GraphError(130429, 400));
  EXPECT_THAT(r, GraphError(130429));
  bool matched = true;
  std::string why = MatchersWhy(GraphError(130429, 429), r, &matched);
  EXPECT_FALSE(matched);
  EXPECT_THAT(why, HasSubstr("which is error 130429 with HTTP 400"));
  wasim::Reply ok{200, R"({"messages":[{"id":"wamid.A"}]})"};
  why = MatchersWhy(GraphError(131047, 400), ok, &matched);
  EXPECT_FALSE(matched);
  EXPECT_THAT(why, HasSubstr("which is HTTP 200 without a Graph error"));
  EXPECT_EQ(DescribeMatcher<wasim::Reply>(GraphError(131047, 400)),
            "is a Graph error 131047 with HTTP status 400");
}

TEST(MessageSentMatcher, MatchesRecipientTypeAndText) {
  wasim::SentMessage m;
  m.to = "16505551234";
  m.type = "template";
  m.text = "Hi Pablo, your order is on its way.";
  EXPECT_THAT(m, MessageSent("16505551234", "template", "Hi Pablo, your order is on its way."));
  EXPECT_THAT(m, MessageSent("16505551234", "template", HasSubstr("Pablo")));
  EXPECT_THAT(m, MessageSent("16505551234", "template"));
  bool matched = true;
  EXPECT_EQ(MatchersWhy(MessageSent("16505550000", "template"), m, &matched), "sent to 16505551234");
  EXPECT_FALSE(matched);
  EXPECT_EQ(MatchersWhy(MessageSent("16505551234", "text"), m, &matched), "of type template");
  EXPECT_EQ(MatchersWhy(MessageSent("16505551234", "template", "Hi Sam"), m, &matched),
            "whose text is \"Hi Pablo, your order is on its way.\"");
  EXPECT_EQ(DescribeMatcher<const wasim::SentMessage&>(MessageSent("1", "text", HasSubstr("x"))),
            "is a text message sent to 1 whose text has substring \"x\"");
}

TEST(ApiCallMatcher, MatchesMethodPathPatternAndStatus) {
  wasim::ApiCallRecord c;
  c.method = "POST";
  c.path = "/v23.0/106540352242922/messages";
  c.status = 400;
  c.error_code = 131047;
  EXPECT_THAT(c, ApiCall("POST", "/v*/*/messages"));
  EXPECT_THAT(c, ApiCall("POST", "/v23.0/106540352242922/messages", 400));
  EXPECT_THAT(c, Not(ApiCall("GET", "/v*/*/messages")));
  EXPECT_THAT(c, Not(ApiCall("POST", "/v*/*/media")));
  bool matched = true;
  EXPECT_EQ(MatchersWhy(ApiCall("POST", "/v*/*/messages", 200), c, &matched),
            "a call POST /v23.0/106540352242922/messages answered 400 (error 131047)");
  EXPECT_FALSE(matched);
}

TEST(Matchers, FailureMessagesPrintValuesReadably) {
  ::testing::Matcher<const wasim::Reply&> m = GraphError(100, 400);
  wasim::Reply r{200, "{}"};
  EXPECT_EQ(::testing::PrintToString(r), "HTTP 200 {}");
  EXPECT_FALSE(m.Matches(r));
  ReceivedWebhook w = MatchersStatusDelivery();
  w.field = "messages";
  EXPECT_THAT(::testing::PrintToString(w),
              HasSubstr("field=messages signature INVALID answered 0 | messages: wamid.A: delivered, "));
  EXPECT_THAT(::testing::PrintToString(w), HasSubstr("wamid.B: failed (error 131047)"));
}

}  // namespace
