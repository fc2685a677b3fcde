// POST /{phone-number-id}/messages through the Graph pipeline: one send per
// type, mark-as-read, typing indicator, template sends and error envelopes.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

const std::string kPath = std::string(D::kPhoneNumberId) + "/messages";
const std::string kMediaId = "1037543291543636";

class MessagesHandlersTest : public ::testing::Test {
 protected:
  MessagesHandlersTest() {
    // The customer wrote to us a minute ago: the service window is open, and
    // there is an inbound message to react to and mark as read.
    h_.sim().WithLock([](Ctx& ctx) {
      InboundMessage in;
      in.wamid = "wamid.INBOUND1";
      in.phone_number_id = D::kPhoneNumberId;
      in.from = D::kCustomerWaId;
      in.type = "text";
      in.content = Json{{"body", "hello"}};
      in.at = ctx.now();
      ctx.state.inbound.Add(in);
      MediaObject m;
      m.id = kMediaId;
      m.phone_number_id = D::kPhoneNumberId;
      m.waba_id = D::kWabaId;
      m.mime_type = "image/jpeg";
      m.uploaded_at = ctx.now();
      m.expires_at = ctx.now() + 30 * kDay;
      ctx.state.media.by_id[m.id] = m;
    });
    TimeMs wrote_at = h_.clock().Now();
    EditWorld(h_.sim(),
              WorldBuilder().EditRelation(D::kPhoneNumberId, D::kCustomerWaId,
                                          [=](CustomerRelation& r) { r.last_inbound_at = wrote_at; }));
    h_.clock().Advance(kMinute);
  }

  HttpResponse Send(const std::string& type, const std::string& payload, const std::string& extra = "") {
    return h_.Post(kPath, R"({"messaging_product":"whatsapp","to":"+16505551234","type":")" + type +
                              R"(",")" + type + R"(":)" + payload + extra + "}");
  }

  size_t JournalSize() {
    return h_.sim().WithLock([](Ctx& ctx) { return ctx.state.messages.size(); });
  }

  PipelineHarness h_;
};

struct TypeCase {
  const char* type;
  const char* payload;
};

TEST_F(MessagesHandlersTest, EveryTypeIsAcceptedWithMetasResponseShape) {
  const TypeCase cases[] = {
      {"text", R"({"body":"hello","preview_url":false})"},
      {"image", R"({"id":"1037543291543636","caption":"by id"})"},
      {"image", R"({"link":"https://example.com/a.jpg","caption":"by link"})"},
      {"audio", R"({"link":"https://example.com/a.ogg"})"},
      {"video", R"({"link":"https://example.com/a.mp4","caption":"clip"})"},
      {"document", R"({"link":"https://example.com/a.pdf","filename":"a.pdf"})"},
      {"sticker", R"({"link":"https://example.com/a.webp"})"},
      {"location", R"({"latitude":37.483,"longitude":-122.148,"name":"HQ","address":"1 Hacker Way"})"},
      {"contacts",
       R"([{"name":{"formatted_name":"Ann Lee","first_name":"Ann"},"phones":[{"phone":"+1 650 555 1234","type":"WORK"}]}])"},
      {"interactive", R"({"type":"button","body":{"text":"Reschedule?"},"action":{"buttons":[
          {"type":"reply","reply":{"id":"yes","title":"Yes"}},{"type":"reply","reply":{"id":"no","title":"No"}}]}})"},
      {"interactive", R"({"type":"list","body":{"text":"Shipping?"},"action":{"button":"Options","sections":[
          {"title":"Fast","rows":[{"id":"express","title":"Express","description":"1 day"}]},
          {"title":"Slow","rows":[{"id":"ground","title":"Ground"}]}]}})"},
      {"interactive", R"({"type":"cta_url","body":{"text":"See dates"},"action":{"name":"cta_url",
          "parameters":{"display_text":"Open","url":"https://example.com/dates"}}})"},
      {"reaction", R"({"message_id":"wamid.INBOUND1","emoji":"\ud83d\ude00"})"},
      {"template", R"({"name":"hello_world","language":{"code":"en_US"}})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.type) + " " + c.payload);
    size_t before = JournalSize();
    auto r = Send(c.type, c.payload);
    ASSERT_EQ(r.status, 200) << r.body;
    Json j = ParseOrDie(r.body);
    EXPECT_EQ(j["messaging_product"], "whatsapp");
    EXPECT_EQ(j["contacts"], Json::parse(R"([{"input":"+16505551234","wa_id":"16505551234"}])"));
    ASSERT_EQ(j["messages"].size(), 1u);
    EXPECT_EQ(j["messages"][0]["id"].get<std::string>().rfind("wamid.", 0), 0u);
    EXPECT_EQ(JournalSize(), before + 1);
    std::string wamid = j["messages"][0]["id"];
    h_.sim().WithLock([&](Ctx& ctx) {
      const OutboundMessage* m = ctx.state.messages.Find(wamid);
      ASSERT_NE(m, nullptr);
      EXPECT_EQ(m->type, c.type);
    });
  }
}

TEST_F(MessagesHandlersTest, TemplateSendTakesTheTemplatesCategory) {
  auto r = Send("template", R"({"name":"hello_world","language":{"code":"en_US"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string wamid = ParseOrDie(r.body)["messages"][0]["id"];
  auto free_form = Send("text", R"({"body":"hi"})");
  ASSERT_EQ(free_form.status, 200) << free_form.body;
  std::string text_wamid = ParseOrDie(free_form.body)["messages"][0]["id"];
  h_.sim().WithLock([&](Ctx& ctx) {
    EXPECT_EQ(ctx.state.messages.Find(wamid)->category, PricingCategory::kUtility);  // hello_world is UTILITY
    EXPECT_TRUE(ctx.state.messages.Find(wamid)->is_template);
    EXPECT_EQ(ctx.state.messages.Find(text_wamid)->category, PricingCategory::kService);
  });
}

TEST_F(MessagesHandlersTest, MarkAsReadAndTypingIndicatorAnswerSuccess) {
  auto r =
      h_.Post(kPath, R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.INBOUND1"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body), Json::parse(R"({"success":true})"));
  h_.sim().WithLock(
      [](Ctx& ctx) { EXPECT_TRUE(ctx.state.inbound.Find("wamid.INBOUND1")->read_by_business); });

  auto t = h_.Post(kPath, R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.INBOUND1",)"
                          R"("typing_indicator":{"type":"text"}})");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(ParseOrDie(t.body), Json::parse(R"({"success":true})"));
}

TEST_F(MessagesHandlersTest, MarkAsReadOfAnUnknownMessageIsAnError) {
  auto r = h_.Post(kPath, R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.NOPE"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  auto bad_typing =
      h_.Post(kPath, R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.INBOUND1",)"
                     R"("typing_indicator":{"type":"audio"}})");
  EXPECT_GRAPH_ERROR(bad_typing, ErrorCode::kInvalidParameter);
}

TEST_F(MessagesHandlersTest, UnknownTemplateIs132001With404AndMetasEnvelope) {
  size_t before = JournalSize();
  auto r = Send("template", R"({"name":"nope","language":{"code":"en_US"}})");
  EXPECT_EQ(r.status, 404);
  EXPECT_GRAPH_ERROR(r, ErrorCode::kTemplateDoesNotExist);
  Json e = ParseOrDie(r.body)["error"];
  EXPECT_EQ(e["message"], "(#132001) Template name does not exist in the translation");
  EXPECT_EQ(e["type"], "OAuthException");
  EXPECT_EQ(e["error_data"], Json::parse(R"({"messaging_product":"whatsapp",
      "details":"template name (nope) does not exist in en_US"})"));
  EXPECT_EQ(JournalSize(), before);
}

TEST_F(MessagesHandlersTest, SchemaErrorsUseGraphsCode100Shape) {
  auto r = Send("text", "{\"body\":\"" + std::string(4097, 'a') + "\"}");
  EXPECT_EQ(r.status, 400);
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  Json e = ParseOrDie(r.body)["error"];
  EXPECT_EQ(e["message"], "(#100) Param text['body'] must be at most 4096 characters long.");
  EXPECT_FALSE(e.contains("error_data"));
  auto unknown = Send("fax", R"({"body":"x"})");
  EXPECT_GRAPH_ERROR(unknown, ErrorCode::kInvalidParameter);
  EXPECT_NE(ParseOrDie(unknown.body)["error"]["message"].get<std::string>().find(
                "Param type must be one of {AUDIO"),
            std::string::npos);
}

TEST_F(MessagesHandlersTest, InteractiveLimitErrorIs131009WithDetails) {
  auto r = Send("interactive", R"({"type":"button","body":{"text":"x"},"action":{"buttons":[
      {"type":"reply","reply":{"id":"a","title":"This title is far too long"}}]}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_GRAPH_ERROR(r, ErrorCode::kParameterValueInvalid);
  Json e = ParseOrDie(r.body)["error"];
  EXPECT_EQ(e["message"], "(#131009) Parameter value is not valid");
  EXPECT_EQ(e["error_data"]["details"], "Button title length invalid. Min length: 1, Max length: 20");
}

TEST_F(MessagesHandlersTest, RejectedSendsChangeNoState) {
  const std::string bad[] = {
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"image","image":{"id":"999"}})",
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"nope","language":{"code":"en_US"}}})",
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"location","location":{"latitude":91,"longitude":0}})",
      R"({"messaging_product":"whatsapp","to":"15550783881","type":"text","text":{"body":"me"}})",
      R"({"messaging_product":"whatsapp","to":"447700900123","type":"text","text":{"body":"x"},"context":{"message_id":"nope"}})",
  };
  auto customers = [&] {
    return h_.sim().WithLock([](Ctx& ctx) { return ctx.state.customers.by_wa_id.size(); });
  };
  size_t journal = JournalSize(), known = customers();
  auto next_due = h_.sim().NextDue();
  for (const auto& body : bad) {
    SCOPED_TRACE(body);
    auto r = h_.Post(kPath, body);
    EXPECT_GE(r.status, 400) << r.body;
  }
  EXPECT_EQ(JournalSize(), journal);
  EXPECT_EQ(customers(), known);
  EXPECT_EQ(h_.sim().NextDue(), next_due);
}

TEST_F(MessagesHandlersTest, UnknownMediaIdNamesTheParameter) {
  auto r = Send("image", R"({"id":"999"})");
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(r.body)["error"]["message"],
            "(#100) Param image['id'] is not a valid whatsapp business account media attachment ID");
}

TEST_F(MessagesHandlersTest, RecipientIsSenderIs131021) {
  auto r = h_.Post(
      kPath, R"({"messaging_product":"whatsapp","to":"+1 555 078 3881","type":"text","text":{"body":"me"}})");
  EXPECT_GRAPH_ERROR(r, ErrorCode::kRecipientIsSender);
}

TEST_F(MessagesHandlersTest, ReactionToAnUnknownMessageIsAcceptedThenFailsWith131009) {
  auto r = Send("reaction", R"({"message_id":"wamid.UNKNOWN","emoji":"x"})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string wamid = ParseOrDie(r.body)["messages"][0]["id"];
  h_.sim().AdvanceBy(30 * kSecond);
  h_.sim().WithLock([&](Ctx& ctx) {
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    ASSERT_NE(m, nullptr);
    ASSERT_FALSE(m->statuses.empty());
    EXPECT_EQ(m->current(), MessageStatus::kFailed);
    ASSERT_TRUE(m->statuses.back().error.has_value());
    EXPECT_EQ(m->statuses.back().error->code, ErrorCode::kParameterValueInvalid);
  });
}

TEST_F(MessagesHandlersTest, ReactionOlderThanThirtyDaysFails) {
  h_.sim().AdvanceBy(30 * kDay);
  auto r = Send("reaction", R"({"message_id":"wamid.INBOUND1","emoji":"x"})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string wamid = ParseOrDie(r.body)["messages"][0]["id"];
  h_.sim().AdvanceBy(30 * kSecond);
  h_.sim().WithLock([&](Ctx& ctx) {
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    ASSERT_EQ(m->current(), MessageStatus::kFailed);
    EXPECT_EQ(m->statuses.back().error->code, ErrorCode::kParameterValueInvalid);
    EXPECT_EQ(m->statuses.back().error->details, "The message to react to is older than 30 days.");
  });
}

}  // namespace
}  // namespace wasim::testing
