// Validation of POST /messages bodies beyond length limits: JSON types,
// required parameters, media references, enums and the error shapes.
#include "simulator/domain/messages/validation.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/domain/messages/send_body.h"

namespace wasim::messages {
namespace {

Json P(const char* json) { return Json::parse(json); }

// The error of an invalid body (fails the test when the body is accepted).
GraphError Err(const Json& body) {
  auto s = ValidateSendBody(body);
  EXPECT_FALSE(s.ok()) << "accepted: " << body.dump();
  return s.ok() ? GraphError{} : s.error();
}

void ExpectOk(const Json& body) {
  auto s = ValidateSendBody(body);
  EXPECT_TRUE(s.ok()) << body.dump() << " -> " << (s.ok() ? "" : s.error().details);
}

void Expect100(const Json& body, const std::string& details) {
  GraphError e = Err(body);
  EXPECT_EQ(e.code, ErrorCode::kInvalidParameter) << e.details;
  EXPECT_EQ(e.details, details);
}

TEST(MessagesValidationTest, SchemaErrorsAreCode100WithTheDescriptionAsMessage) {
  Json b = Body("text", P(R"({"body":"hi"})"));
  b.erase("messaging_product");
  GraphError e = Err(b);
  EXPECT_EQ(e.code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(e.flavor, ErrorFlavor::kGraph);  // captured: no error_data
  EXPECT_EQ(e.message, "(#100) The parameter messaging_product is required.");
  EXPECT_EQ(e.http_status, 400);
}

TEST(MessagesValidationTest, EnvelopeParameters) {
  Json b = Body("text", P(R"({"body":"hi"})"));
  b["messaging_product"] = "sms";
  Expect100(b, "Param messaging_product must be one of {WHATSAPP} - got \"sms\".");
  b = Body("text", P(R"({"body":"hi"})"));
  b.erase("to");
  Expect100(b, "The parameter to is required.");
  b = Body("text", P(R"({"body":"hi"})"));
  b["to"] = 16505551234LL;
  Expect100(b, "Param to must be a string.");
  b = Body("text", P(R"({"body":"hi"})"));
  b["recipient_type"] = "bulk";
  Expect100(b, "Param recipient_type must be one of {INDIVIDUAL, GROUP} - got \"bulk\".");
  b = Body("text", P(R"({"body":"hi"})"));
  b["biz_opaque_callback_data"] = 5;
  Expect100(b, "Param biz_opaque_callback_data must be a string.");
}

TEST(MessagesValidationTest, UnknownTypeNamesTheAllowedTypes) {
  Json b = Body("fax", P(R"({"body":"hi"})"));
  Expect100(b,
            "Param type must be one of {AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, REACTION, "
            "STICKER, TEMPLATE, TEXT, VIDEO} - got \"fax\".");
}

TEST(MessagesValidationTest, TypeDefaultsToTextAndItsObjectIsRequired) {
  Json b = Body("text", P(R"({"body":"hi"})"));
  b.erase("type");
  ExpectOk(b);
  b = Body("image", P(R"({"link":"https://x.test/a.png"})"));
  b.erase("image");
  Expect100(b, "The parameter image is required.");
}

TEST(MessagesValidationTest, TextParameters) {
  Expect100(Body("text", P(R"({"body":42})")), "Param text['body'] must be a string.");
  Expect100(Body("text", P(R"({})")), "The parameter text['body'] is required.");
  Expect100(Body("text", P(R"({"body":""})")), "The parameter text['body'] is required.");
  Expect100(Body("text", P(R"({"body":"hi","preview_url":"yes"})")),
            "Param text['preview_url'] must be a boolean.");
  Expect100(Body("text", P(R"("hi")")), "Param text must be an object.");
  ExpectOk(Body("text", P(R"({"body":"see https://x.test","preview_url":true})")));
}

TEST(MessagesValidationTest, MediaNeedsExactlyOneOfIdOrLink) {
  for (const char* type : {"image", "audio", "video", "document", "sticker"}) {
    SCOPED_TRACE(type);
    std::string t = type;
    ExpectOk(Body(t, P(R"({"id":"1037543291543636"})")));
    ExpectOk(Body(t, P(R"({"link":"https://example.com/file"})")));
    ExpectOk(Body(t, P(R"({"link":"HTTP://example.com/file"})")));
    Expect100(Body(t, P(R"({})")), "The parameter " + t + "['id'] or " + t + "['link'] is required.");
    Expect100(Body(t, P(R"({"id":"1","link":"https://example.com/f"})")),
              "Param " + t + " must contain only one of id or link.");
    Expect100(Body(t, P(R"({"id":123})")), "Param " + t + "['id'] must be a non-empty string.");
  }
}

TEST(MessagesValidationTest, MediaLinksMustBeHttpOrHttps) {
  for (const char* link :
       {"ftp://example.com/a.png", "file:///etc/passwd", "example.com/a.png", "https://", "https:///x"}) {
    SCOPED_TRACE(link);
    Json b = Body("image", Json{{"link", link}});
    Expect100(b, "Param image['link'] is not a valid URI.");
  }
}

TEST(MessagesValidationTest, CaptionAndFilenameOnlyWhereMetaAllowsThem) {
  ExpectOk(Body("image", P(R"({"id":"1","caption":"c"})")));
  ExpectOk(Body("video", P(R"({"id":"1","caption":"c"})")));
  ExpectOk(Body("document", P(R"({"id":"1","caption":"c","filename":"a.pdf"})")));
  Expect100(Body("audio", P(R"({"id":"1","caption":"c"})")),
            "Param audio['caption'] is not supported for audio messages.");
  Expect100(Body("sticker", P(R"({"id":"1","caption":"c"})")),
            "Param sticker['caption'] is not supported for sticker messages.");
  Expect100(Body("image", P(R"({"id":"1","filename":"a.png"})")),
            "Param image['filename'] is not supported for image messages.");
  Expect100(Body("image", P(R"({"id":"1","caption":7})")), "Param image['caption'] must be a string.");
}

// Meta (messages/audio-messages): `voice` is an optional boolean of audio messages.
TEST(MessagesValidationTest, VoiceIsABooleanOfAudioMessagesOnly) {
  ExpectOk(Body("audio", P(R"({"id":"1","voice":true})")));
  ExpectOk(Body("audio", P(R"({"link":"https://example.com/a.ogg","voice":false})")));
  Expect100(Body("audio", P(R"({"id":"1","voice":"yes"})")), "Param audio['voice'] must be a boolean.");
  Expect100(Body("video", P(R"({"id":"1","voice":true})")),
            "Param video['voice'] is not supported for video messages.");
}

TEST(MessagesValidationTest, LocationCoordinates) {
  ExpectOk(Body("location", P(R"({"latitude":90,"longitude":180})")));
  ExpectOk(Body("location", P(R"({"latitude":-90,"longitude":-180,"name":"Pole","address":"South"})")));
  Expect100(Body("location", P(R"({"latitude":90.0001,"longitude":0})")),
            "Param location['latitude'] must be between -90 and 90.");
  Expect100(Body("location", P(R"({"latitude":0,"longitude":-180.5})")),
            "Param location['longitude'] must be between -180 and 180.");
  Expect100(Body("location", P(R"({"longitude":0})")), "The parameter location['latitude'] is required.");
  Expect100(Body("location", P(R"({"latitude":"37.4","longitude":0})")),
            "Param location['latitude'] must be a number.");
  Expect100(Body("location", P(R"({"latitude":0,"longitude":0,"name":5})")),
            "Param location['name'] must be a string.");
}

TEST(MessagesValidationTest, ContactsShape) {
  ExpectOk(Body("contacts", P(R"([{"name":{"formatted_name":"Ann"},"phones":[{"phone":"+1 650"}],
      "emails":[{"email":"a@x.test"}],"addresses":[],"urls":[{"url":"https://x.test"}],"org":{"company":"X"}}])")));
  Expect100(Body("contacts", P(R"([])")), "Param contacts must contain at least 1 element.");
  Expect100(Body("contacts", P(R"({"name":{"formatted_name":"Ann"}})")), "Param contacts must be an array.");
  Expect100(Body("contacts", P(R"([{"phones":[]}])")), "The parameter contacts[0]['name'] is required.");
  Expect100(Body("contacts", P(R"([{"name":{"first_name":"Ann"}}])")),
            "The parameter contacts[0]['name']['formatted_name'] is required.");
  Expect100(Body("contacts", P(R"([{"name":{"formatted_name":"A"},"phones":{"phone":"1"}}])")),
            "Param contacts[0]['phones'] must be an array.");
  Expect100(Body("contacts",
                 P(R"([{"name":{"formatted_name":"A"}},{"name":{"formatted_name":"B"},"urls":["x"]}])")),
            "Param contacts[1]['urls'][0] must be an object.");
}

TEST(MessagesValidationTest, ReactionParameters) {
  ExpectOk(Body("reaction", P(R"({"message_id":"wamid.X","emoji":"\ud83d\ude00"})")));
  ExpectOk(Body("reaction", P(R"({"message_id":"wamid.X","emoji":""})")));  // removes a reaction
  Expect100(Body("reaction", P(R"({"emoji":"x"})")), "The parameter reaction['message_id'] is required.");
  Expect100(Body("reaction", P(R"({"message_id":"wamid.X"})")),
            "The parameter reaction['emoji'] is required.");
  Json b = Body("reaction", P(R"({"message_id":"wamid.X","emoji":"x"})"));
  b["context"] = P(R"({"message_id":"wamid.Y"})");
  Expect100(b, "Param context is not supported for reaction messages.");
}

TEST(MessagesValidationTest, ReplyContextShape) {
  Json b = Body("text", P(R"({"body":"hi"})"));
  b["context"] = P(R"({"message_id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI="})");
  ExpectOk(b);
  b["context"] = P(R"({"message_id":"12345"})");
  Expect100(b, "Param context['message_id'] is not a valid message id.");
  b["context"] = P(R"({})");
  Expect100(b, "The parameter context['message_id'] is required.");
  b["context"] = "wamid.X";
  Expect100(b, "Param context must be an object.");
}

Json Buttons(const char* buttons) {
  return Body("interactive",
              Json{{"type", "button"}, {"body", {{"text", "Pick"}}}, {"action", {{"buttons", P(buttons)}}}});
}

TEST(MessagesValidationTest, ReplyButtonsRules) {
  ExpectOk(Buttons(
      R"([{"type":"reply","reply":{"id":"a","title":"A"}},{"type":"reply","reply":{"id":"b","title":"B"}}])"));
  GraphError dup_id = Err(Buttons(
      R"([{"type":"reply","reply":{"id":"a","title":"A"}},{"type":"reply","reply":{"id":"a","title":"B"}}])"));
  EXPECT_EQ(dup_id.code, ErrorCode::kParameterValueInvalid);
  EXPECT_EQ(dup_id.details, "Button id must be unique.");
  GraphError dup_title = Err(Buttons(
      R"([{"type":"reply","reply":{"id":"a","title":"A"}},{"type":"reply","reply":{"id":"b","title":"A"}}])"));
  EXPECT_EQ(dup_title.code, ErrorCode::kParameterValueInvalid);
  EXPECT_EQ(dup_title.details, "Button title must be unique.");
  GraphError none = Err(Buttons("[]"));
  EXPECT_EQ(none.code, ErrorCode::kParameterValueInvalid);
  Expect100(Buttons(R"([{"type":"url","reply":{"id":"a","title":"A"}}])"),
            "Param interactive['action']['buttons'][0]['type'] must be one of {reply} - got \"url\".");
  Expect100(Buttons(R"([{"type":"reply","reply":{"title":"A"}}])"),
            "The parameter interactive['action']['buttons'][0]['reply']['id'] is required.");
}

TEST(MessagesValidationTest, InteractiveBodyIsRequired) {
  Json b = Buttons(R"([{"type":"reply","reply":{"id":"a","title":"A"}}])");
  b["interactive"]["body"] = Json::object();
  // Captured wording: "(#100) The parameter interactive['body']['text'] is required."
  Expect100(b, "The parameter interactive['body']['text'] is required.");
  b["interactive"].erase("body");
  Expect100(b, "The parameter interactive['body'] is required.");
  b = Buttons(R"([{"type":"reply","reply":{"id":"a","title":"A"}}])");
  b["interactive"]["body"]["text"] = "";
  EXPECT_EQ(Err(b).details, "Body text length invalid. Min length: 1, Max length: 1024");
}

TEST(MessagesValidationTest, InteractiveHeaders) {
  Json b = Buttons(R"([{"type":"reply","reply":{"id":"a","title":"A"}}])");
  b["interactive"]["header"] = P(R"({"type":"image","image":{"link":"https://x.test/a.png"}})");
  ExpectOk(b);
  b["interactive"]["header"] = P(R"({"type":"image"})");
  Expect100(b, "The parameter interactive['header']['image'] is required.");
  b["interactive"]["header"] = P(R"({"type":"video","video":{"link":"ftp://x.test/a.mp4"}})");
  Expect100(b, "Param interactive['header']['video']['link'] is not a valid URI.");
  b["interactive"]["header"] = P(R"({"type":"gif"})");
  Expect100(
      b, "Param interactive['header']['type'] must be one of {text, image, video, document} - got \"gif\".");
}

Json List(const char* sections) {
  return Body("interactive", Json{{"type", "list"},
                                  {"body", {{"text", "Pick"}}},
                                  {"action", {{"button", "Open"}, {"sections", P(sections)}}}});
}

TEST(MessagesValidationTest, ListRules) {
  ExpectOk(List(R"([{"rows":[{"id":"a","title":"A"}]}])"));  // one untitled section
  Expect100(List(R"([{"title":"S","rows":[{"id":"a","title":"A"}]},{"rows":[{"id":"b","title":"B"}]}])"),
            "The parameter interactive['action']['sections'][1]['title'] is required.");
  GraphError dup = Err(List(
      R"([{"title":"S","rows":[{"id":"a","title":"A"}]},{"title":"T","rows":[{"id":"a","title":"B"}]}])"));
  EXPECT_EQ(dup.code, ErrorCode::kParameterValueInvalid);
  EXPECT_EQ(dup.details, "Row id must be unique.");
  EXPECT_EQ(Err(List(R"([{"title":"S","rows":[]}])")).code, ErrorCode::kParameterValueInvalid);
  Json b = List(R"([{"rows":[{"id":"a","title":"A"}]}])");
  b["interactive"]["header"] = P(R"({"type":"image","image":{"id":"1"}})");
  Expect100(b, "Param interactive['header']['type'] must be one of {text} - got \"image\".");
  b = List(R"([{"rows":[{"id":"a","title":"A"}]}])");
  b["interactive"]["action"].erase("button");
  Expect100(b, "The parameter interactive['action']['button'] is required.");
}

Json Cta(const char* action) {
  return Body("interactive", Json{{"type", "cta_url"}, {"body", {{"text", "Go"}}}, {"action", P(action)}});
}

TEST(MessagesValidationTest, CtaUrlRules) {
  ExpectOk(Cta(R"({"name":"cta_url","parameters":{"display_text":"Open","url":"http://x.test/?a=1"}})"));
  Expect100(Cta(R"({"name":"open_url","parameters":{"display_text":"Open","url":"https://x.test"}})"),
            "Param interactive['action']['name'] must be one of {cta_url} - got \"open_url\".");
  Expect100(Cta(R"j({"name":"cta_url","parameters":{"display_text":"Open","url":"javascript:alert(1)"}})j"),
            "Param interactive['action']['parameters']['url'] is not a valid URI.");
  Expect100(Cta(R"({"name":"cta_url"})"), "The parameter interactive['action']['parameters'] is required.");
  Expect100(Cta(R"({"name":"cta_url","parameters":{"display_text":"Open"}})"),
            "The parameter interactive['action']['parameters']['url'] is required.");
}

TEST(MessagesValidationTest, UndocumentedInteractiveTypesAreRejected) {
  Json b = Body("interactive", P(R"({"type":"poll","body":{"text":"x"},"action":{}})"));
  Expect100(
      b,
      "Param interactive['type'] must be one of {address_message, button, call_permission_request, carousel, "
      "catalog_message, cta_url, flow, list, location_request_message, product, product_list} - got "
      "\"poll\".");
}

Json Tpl(const char* payload) { return Body("template", P(payload)); }

TEST(MessagesValidationTest, TemplatePayloadShape) {
  ExpectOk(Tpl(R"({"name":"hello_world","language":{"code":"en_US","policy":"deterministic"}})"));
  ExpectOk(Tpl(R"({"name":"t","language":{"code":"en"},"components":[
      {"type":"header","parameters":[{"type":"image","image":{"link":"https://x.test/a.png"}}]},
      {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"currency","currency":{"fallback_value":"$1","code":"USD","amount_1000":1000}},
                                   {"type":"date_time","date_time":{"fallback_value":"May 1"}}]},
      {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"abc"}]},
      {"type":"button","sub_type":"quick_reply","index":1,"parameters":[{"type":"payload","payload":"P"}]}]})"));
  Expect100(Tpl(R"({"language":{"code":"en"}})"), "The parameter template['name'] is required.");
  Expect100(Tpl(R"({"name":"t"})"), "The parameter template['language'] is required.");
  Expect100(Tpl(R"({"name":"t","language":{}})"), "The parameter template['language']['code'] is required.");
  Expect100(Tpl(R"({"name":"t","language":{"code":"en"},"components":{}})"),
            "Param template['components'] must be an array.");
  Expect100(Tpl(R"({"name":"t","language":{"code":"en"},"components":[{"type":"footer"}]})"),
            "Param template['components'][0]['type'] must be one of {HEADER, BODY, BUTTON, CAROUSEL, "
            "LIMITED_TIME_OFFER} - got \"footer\".");
  Expect100(Tpl(R"({"name":"t","language":{"code":"en"},"components":[{"type":"button","index":"0"}]})"),
            "The parameter template['components'][0]['sub_type'] is required.");
  Expect100(
      Tpl(R"({"name":"t","language":{"code":"en"},"components":[{"type":"button","sub_type":"url","index":"x"}]})"),
      "Param template['components'][0]['index'] must be an integer between 0 and 9.");
}

TEST(MessagesValidationTest, TemplateParameterWithoutValueIs131008) {
  GraphError e = Err(Tpl(
      R"({"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text"}]}]})"));
  EXPECT_EQ(e.code, ErrorCode::kRequiredParameterMissing);
  EXPECT_EQ(e.details, "Parameter of type text is missing text value");  // captured
}

TEST(MessagesValidationTest, TemplateBodyTextParamsRejectNewlinesTabsAndLongSpaceRuns) {
  for (const char* bad : {"a\nb", "a\tb", "a     b"}) {
    Json b = Tpl(
        R"({"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":""}]}]})");
    b["template"]["components"][0]["parameters"][0]["text"] = bad;
    GraphError e = Err(b);
    EXPECT_EQ(e.code, ErrorCode::kInvalidParameter);
    EXPECT_EQ(e.details, "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
  }
  Json ok = Tpl(
      R"({"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":"a    b"}]}]})");
  ExpectOk(ok);
}

}  // namespace
}  // namespace wasim::messages
