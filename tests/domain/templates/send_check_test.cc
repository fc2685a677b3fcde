// Template send-time checks: lookup, status, per-component parameters,
// parameter format, hydrated length and pricing category.
#include "simulator/domain/templates/send_check.h"

#include <gtest/gtest.h>

#include "simulator/domain/messages/validation_rules.h"
#include "simulator/domain/rules/pricing.h"

namespace wasim::templates {
namespace {

const std::string kWaba = "waba-1";

MessageTemplate Make(const std::string& id, const std::string& name, const std::string& category,
                     const char* components, const std::string& status = "APPROVED",
                     const std::string& format = "POSITIONAL") {
  MessageTemplate t;
  t.id = id;
  t.waba_id = kWaba;
  t.name = name;
  t.language = "en_US";
  t.category = category;
  t.status.state = *ParseTemplateStatus(status);
  t.parameter_format = format;
  t.components = Json::parse(components);
  return t;
}

class TemplateSendCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add(Make("1", "hello_world", "UTILITY", R"([{"type":"BODY","text":"Welcome!"}])"));
    Add(Make("2", "order_ready", "MARKETING", R"([
      {"type":"HEADER","format":"IMAGE"},
      {"type":"BODY","text":"Hi {{1}}, your order {{2}} is ready."},
      {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://x.test/t/{{1}}"},
                                   {"type":"QUICK_REPLY","text":"Stop"}]}])"));
    Add(Make("3", "welcome_named", "UTILITY", R"([
      {"type":"HEADER","format":"TEXT","text":"Hello {{first_name}}"},
      {"type":"BODY","text":"Dear {{first_name}}, your code is {{code}}."}])",
             "APPROVED", "NAMED"));
    Add(Make("4", "otp", "AUTHENTICATION", R"([
      {"type":"BODY","text":"{{1}} is your verification code."},
      {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE","text":"Copy"}]}])"));
    Add(Make("5", "long_one", "UTILITY", R"([{"type":"BODY","text":"X {{1}}"}])"));
    Add(Make("6", "paused_t", "MARKETING", R"([{"type":"BODY","text":"x"}])", "PAUSED"));
    Add(Make("7", "disabled_t", "MARKETING", R"([{"type":"BODY","text":"x"}])", "DISABLED"));
    Add(Make("8", "pending_t", "MARKETING", R"([{"type":"BODY","text":"x"}])", "PENDING"));
    Add(Make("9", "rejected_t", "MARKETING", R"([{"type":"BODY","text":"x"}])", "REJECTED"));
    MessageTemplate other = Make("10", "elsewhere", "UTILITY", R"([{"type":"BODY","text":"x"}])");
    other.waba_id = "waba-2";
    Add(other);
  }
  void Add(const MessageTemplate& t) { ASSERT_NE(store_.Put(t), nullptr); }

  // Validates the payload first (CheckTemplateSend's precondition), then checks it.
  Result<TemplateSend> Check(const std::string& name, const std::string& lang,
                             const char* components = "[]") {
    Json p;
    p["name"] = name;
    p["language"]["code"] = lang;
    p["components"] = Json::parse(components);
    auto valid = messages::ValidateTemplatePayload(p);
    EXPECT_TRUE(valid.ok()) << (valid.ok() ? "" : valid.error().details);
    return CheckTemplateSend(store_, kWaba, p);
  }

  GraphError Err(const std::string& name, const char* components = "[]", const std::string& lang = "en_US") {
    auto r = Check(name, lang, components);
    EXPECT_FALSE(r.ok()) << name << " was accepted";
    return r.ok() ? GraphError{} : r.error();
  }

  TemplateStore store_;
};

// A world file's template is not checked like a creation request: a CAROUSEL
// without cards or an offer with a non-boolean has_expiration is read safely.
TEST_F(TemplateSendCheckTest, MalformedWorldCarouselAndOfferComponentsAreReadSafely) {
  Add(Make("21", "odd_carousel", "MARKETING", R"([{"type":"BODY","text":"x"},{"type":"CAROUSEL"}])"));
  Add(Make("22", "odd_offer", "MARKETING",
           R"([{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"t","has_expiration":"yes"}},
               {"type":"BODY","text":"x"}])"));
  EXPECT_TRUE(Check("odd_carousel", "en_US").ok());
  EXPECT_TRUE(Check("odd_offer", "en_US").ok());
}

TEST_F(TemplateSendCheckTest, ApprovedTemplateWithoutParamsPassesWithItsCategory) {
  auto r = Check("hello_world", "en_US");
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->template_id, "1");
  EXPECT_EQ(r->category, PricingCategory::kUtility);
  EXPECT_EQ(r->hydrated_body, "Welcome!");
}

TEST_F(TemplateSendCheckTest, UnknownNameOrLanguageOrWabaIs132001With404) {
  GraphError e = Err("nope");
  EXPECT_EQ(e.code, ErrorCode::kTemplateDoesNotExist);
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.details, "template name (nope) does not exist in en_US");  // captured wording
  EXPECT_EQ(Err("hello_world", "[]", "fr").details, "template name (hello_world) does not exist in fr");
  EXPECT_EQ(Err("elsewhere").code, ErrorCode::kTemplateDoesNotExist);
}

TEST_F(TemplateSendCheckTest, NotApprovedTemplatesAreReportedAsNotExisting) {
  for (const char* name : {"pending_t", "rejected_t"}) {
    GraphError e = Err(name);
    EXPECT_EQ(e.code, ErrorCode::kTemplateDoesNotExist) << name;
    EXPECT_EQ(e.http_status, 404);
  }
}

TEST_F(TemplateSendCheckTest, PausedIs132015AndDisabledIs132016) {
  EXPECT_EQ(Err("paused_t").code, ErrorCode::kTemplatePaused);
  EXPECT_EQ(Err("disabled_t").code, ErrorCode::kTemplateDisabled);
}

const char* kOrderOk = R"([
  {"type":"header","parameters":[{"type":"image","image":{"link":"https://x.test/a.png"}}]},
  {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"42"}]},
  {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"abc"}]}])";

TEST_F(TemplateSendCheckTest, FullyParameterisedTemplatePassesAndHydratesTheBody) {
  auto r = Check("order_ready", "en_US", kOrderOk);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->category, PricingCategory::kMarketing);
  EXPECT_EQ(r->hydrated_body, "Hi Ann, your order 42 is ready.");
}

TEST_F(TemplateSendCheckTest, BodyParameterCountMismatchIs132000WithMetasDetails) {
  GraphError e = Err("order_ready", R"([
    {"type":"header","parameters":[{"type":"image","image":{"link":"https://x.test/a.png"}}]},
    {"type":"body","parameters":[{"type":"text","text":"Ann"}]},
    {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"abc"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamCountMismatch);
  EXPECT_EQ(e.details,
            "body: number of localizable_params (1) does not match the expected number of params (2)");
  GraphError extra = Err("hello_world", R"([{"type":"body","parameters":[{"type":"text","text":"x"}]}])");
  EXPECT_EQ(extra.details,
            "body: number of localizable_params (1) does not match the expected number of params (0)");
}

TEST_F(TemplateSendCheckTest, MediaHeaderMissingOrOfTheWrongTypeIs132012) {
  GraphError missing = Err("order_ready", R"([
    {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"42"}]},
    {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"abc"}]}])");
  EXPECT_EQ(missing.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(missing.details, "header: Format mismatch, expected IMAGE, received UNKNOWN");  // captured
  GraphError wrong = Err("order_ready", R"([
    {"type":"header","parameters":[{"type":"video","video":{"link":"https://x.test/a.mp4"}}]},
    {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"42"}]},
    {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"abc"}]}])");
  EXPECT_EQ(wrong.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(wrong.details, "header: Format mismatch, expected IMAGE, received VIDEO");
}

TEST_F(TemplateSendCheckTest, BodyParameterOfMediaTypeIs132012) {
  GraphError e = Err("long_one", R"([{"type":"body","parameters":[{"type":"image","image":{"id":"1"}}]}])");
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(e.details, "body: Format mismatch, expected TEXT, received IMAGE");
}

TEST_F(TemplateSendCheckTest, DynamicUrlButtonWithoutParameterIs131008) {
  GraphError e = Err("order_ready", R"([
    {"type":"header","parameters":[{"type":"image","image":{"link":"https://x.test/a.png"}}]},
    {"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"42"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kRequiredParameterMissing);
  EXPECT_EQ(e.details, "Button at index 0 of type Url requires a parameter");  // captured
}

TEST_F(TemplateSendCheckTest, ButtonIndexOutsideTheTemplateIs131009) {
  GraphError e = Err(
      "hello_world",
      R"([{"type":"button","sub_type":"quick_reply","index":"2","parameters":[{"type":"payload","payload":"p"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kParameterValueInvalid);
}

TEST_F(TemplateSendCheckTest, NamedTemplatesNeedMatchingParameterNames) {
  const char* ok = R"([
    {"type":"header","parameters":[{"type":"text","parameter_name":"first_name","text":"Ann"}]},
    {"type":"body","parameters":[{"type":"text","parameter_name":"code","text":"123"},
                                 {"type":"text","parameter_name":"first_name","text":"Ann"}]}])";
  auto r = Check("welcome_named", "en_US", ok);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->hydrated_body, "Dear Ann, your code is 123.");

  GraphError positional = Err("welcome_named", R"([
    {"type":"header","parameters":[{"type":"text","parameter_name":"first_name","text":"Ann"}]},
    {"type":"body","parameters":[{"type":"text","text":"123"},{"type":"text","text":"Ann"}]}])");
  EXPECT_EQ(positional.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(positional.details, "body: parameter_name is required by templates with named parameters");

  GraphError wrong_name = Err("welcome_named", R"([
    {"type":"header","parameters":[{"type":"text","parameter_name":"first_name","text":"Ann"}]},
    {"type":"body","parameters":[{"type":"text","parameter_name":"pin","text":"1"},
                                 {"type":"text","parameter_name":"first_name","text":"Ann"}]}])");
  EXPECT_EQ(wrong_name.code, ErrorCode::kTemplateParamFormatMismatch);

  GraphError no_header = Err("welcome_named", R"([
    {"type":"body","parameters":[{"type":"text","parameter_name":"code","text":"1"},
                                 {"type":"text","parameter_name":"first_name","text":"Ann"}]}])");
  EXPECT_EQ(no_header.code, ErrorCode::kTemplateParamCountMismatch);
  EXPECT_EQ(no_header.details,
            "header: number of localizable_params (0) does not match the expected number of params (1)");
}

TEST_F(TemplateSendCheckTest, PositionalTemplatesRejectParameterNames) {
  GraphError e =
      Err("long_one", R"([{"type":"body","parameters":[{"type":"text","parameter_name":"x","text":"a"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(e.details, "body: parameter_name is not supported by templates with positional parameters");
}

TEST_F(TemplateSendCheckTest, HydratedBodyOver1024CharactersIs132005) {
  // "X " + 1022 characters = 1024: accepted; one more: rejected.
  std::string at_limit =
      R"([{"type":"body","parameters":[{"type":"text","text":")" + std::string(1022, 'a') + R"("}]}])";
  auto ok = Check("long_one", "en_US", at_limit.c_str());
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  EXPECT_EQ(messages::CharLength(ok->hydrated_body), 1024u);
  std::string over =
      R"([{"type":"body","parameters":[{"type":"text","text":")" + std::string(1023, 'a') + R"("}]}])";
  GraphError e = Err("long_one", over.c_str());
  EXPECT_EQ(e.code, ErrorCode::kTemplateTextTooLong);
  EXPECT_EQ(e.http_status, 400);
}

TEST_F(TemplateSendCheckTest, AuthenticationTemplateNeedsItsCodeButtonAndIsPricedAsAuthentication) {
  GraphError e = Err("otp", R"([{"type":"body","parameters":[{"type":"text","text":"123456"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kRequiredParameterMissing);
  EXPECT_EQ(e.details, "Button at index 0 of type Otp requires a parameter");
  auto r = Check("otp", "en_US", R"([{"type":"body","parameters":[{"type":"text","text":"123456"}]},
      {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"123456"}]}])");
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->category, PricingCategory::kAuthentication);
}

// Send time uses creation's placeholder grammar (templates/placeholders.h):
// "{{{1}}" is one malformed span, plain text, so the body takes no parameter
// (the send-time parser used to find {{1}} in it and ask for one).
TEST_F(TemplateSendCheckTest, AMalformedPlaceholderIsTextAndTakesNoParameter) {
  Add(Make("20", "braces", "UTILITY", R"([{"type":"BODY","text":"Code {{{1}} and {{1234}} here"}])"));
  auto r = Check("braces", "en_US");
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->hydrated_body, "Code {{{1}} and {{1234}} here");
  GraphError e = Err("braces", R"([{"type":"body","parameters":[{"type":"text","text":"X"}]}])");
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamCountMismatch);
  EXPECT_EQ(e.details,
            "body: number of localizable_params (1) does not match the expected number of params (0)");
}

TEST(TemplateCategoryTest, MapsMetasCategoriesToPricing) {
  EXPECT_EQ(rules::CategoryFromTemplate("MARKETING"), PricingCategory::kMarketing);
  EXPECT_EQ(rules::CategoryFromTemplate("utility"), PricingCategory::kUtility);
  EXPECT_EQ(rules::CategoryFromTemplate("AUTHENTICATION"), PricingCategory::kAuthentication);
}

// Stored as Meta's examples create them (media-card-carousel-templates.mdx,
// limited-time-offer-templates.mdx), after normalisation.
const char* kCarouselTemplate = R"([
  {"type":"BODY","text":"Rare succulents for sale! {{1}}, add these unique plants to your collection."},
  {"type":"CAROUSEL","cards":[
    {"components":[{"type":"HEADER","format":"IMAGE"},
                   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Send me more like this!"},
                                                {"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/rare-succulents/{{1}}"}]}]},
    {"components":[{"type":"HEADER","format":"IMAGE"},
                   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Send me more like this!"},
                                                {"type":"URL","text":"Buy now","url":"https://www.luckyshrub.com/rare-succulents/{{1}}"}]}]}]}])";

std::string Card(int index, const std::string& header_type = "image", bool url_param = true) {
  Json card = {
      {"card_index", index},
      {"components",
       Json::array({{{"type", "header"},
                     {"parameters",
                      Json::array({{{"type", header_type}, {header_type, {{"id", "1558081531584829"}}}}})}},
                    {{"type", "button"},
                     {"sub_type", "quick_reply"},
                     {"index", "0"},
                     {"parameters", Json::array({{{"type", "payload"}, {"payload", "more-aloes"}}})}}})}};
  if (url_param)
    card["components"].push_back({{"type", "button"},
                                  {"sub_type", "url"},
                                  {"index", "1"},
                                  {"parameters", Json::array({{{"type", "text"}, {"text", "blue-elf"}}})}});
  return card.dump();
}

std::string CarouselSend(const std::vector<std::string>& cards) {
  std::string c =
      R"([{"type":"body","parameters":[{"type":"text","text":"Pablo"}]},{"type":"carousel","cards":[)";
  for (size_t i = 0; i < cards.size(); ++i) c += (i ? "," : "") + cards[i];
  return c + "]}]";
}

TEST_F(TemplateSendCheckTest, CarouselSendsExactlyTheTemplatesCardsEachCheckedLikeATemplate) {
  Add(Make("20", "carousel_template_media_cards_v1", "MARKETING", kCarouselTemplate));
  const std::string n = "carousel_template_media_cards_v1";
  auto ok = Check(n, "en_US", CarouselSend({Card(0), Card(1)}).c_str());
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  GraphError e = Err(n, CarouselSend({Card(0)}).c_str());
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamCountMismatch);
  EXPECT_EQ(e.details, "carousel: number of cards (1) does not match the expected number of cards (2)");
  e = Err(n, CarouselSend({Card(0), Card(1, "video")}).c_str());
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamFormatMismatch);
  EXPECT_EQ(e.details, "card 1 header: Format mismatch, expected IMAGE, received VIDEO");
  e = Err(n, CarouselSend({Card(0), Card(1, "image", false)}).c_str());
  EXPECT_EQ(e.code, ErrorCode::kRequiredParameterMissing);
  e = Err(n, CarouselSend({Card(0), Card(5)}).c_str());
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamCountMismatch);
  // A template without cards takes none.
  EXPECT_EQ(Err("hello_world", CarouselSend({Card(0), Card(1)}).c_str()).code,
            ErrorCode::kTemplateParamCountMismatch);
}

TEST_F(TemplateSendCheckTest, LimitedTimeOfferTakesItsExpiration) {
  Add(Make("21", "limited_time_offer_caribbean_pkg_2023", "MARKETING", R"([
    {"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
    {"type":"BODY","text":"Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean Destination packages!"},
    {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"CARIBE25"}]}])"));
  const std::string n = "limited_time_offer_caribbean_pkg_2023";
  const char* full =
      R"([{"type":"body","parameters":[{"type":"text","text":"Pablo"},{"type":"text","text":"CARIBE25"}]},
    {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1698562800000}}]},
    {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"CARIBE25"}]}])";
  auto ok = Check(n, "en_US", full);
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  const char* no_expiry =
      R"([{"type":"body","parameters":[{"type":"text","text":"Pablo"},{"type":"text","text":"CARIBE25"}]},
    {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"CARIBE25"}]}])";
  GraphError e = Err(n, no_expiry);
  EXPECT_EQ(e.code, ErrorCode::kTemplateParamCountMismatch);
  EXPECT_EQ(e.details,
            "limited_time_offer: number of localizable_params (0) does not match the expected number of "
            "params (1)");
  EXPECT_EQ(Err("hello_world", R"([{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer",
              "limited_time_offer":{"expiration_time_ms":1698562800000}}]}])")
                .code,
            ErrorCode::kTemplateParamCountMismatch);
}

TEST(TemplatePayloadShapeTest, OfferAndCarouselComponentsAreValidated) {
  auto bad =
      messages::ValidateTemplatePayload(Json::parse(R"({"name":"t","language":{"code":"en"},"components":[
      {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{}}]}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details,
            "The parameter "
            "template['components'][0]['parameters'][0]['limited_time_offer']['expiration_time_ms'] is "
            "required.");
  auto dup =
      messages::ValidateTemplatePayload(Json::parse(R"({"name":"t","language":{"code":"en"},"components":[
      {"type":"carousel","cards":[{"card_index":0,"components":[]},{"card_index":0,"components":[]}]}]})"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kInvalidParameter);
  auto nested =
      messages::ValidateTemplatePayload(Json::parse(R"({"name":"t","language":{"code":"en"},"components":[
      {"type":"carousel","cards":[{"card_index":0,"components":[{"type":"carousel","cards":[]}]}]}]})"));
  ASSERT_FALSE(nested.ok());
}

}  // namespace
}  // namespace wasim::templates
