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

}  // namespace
}  // namespace wasim::templates
