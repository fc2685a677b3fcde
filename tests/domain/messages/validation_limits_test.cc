// Every documented limit of POST /messages at exactly n (accepted) and n+1
// (rejected with the expected code and details).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "simulator/domain/messages/validation.h"
#include "tests/domain/messages/send_body.h"

namespace wasim::messages {
namespace {

std::string Str(size_t n, const std::string& unit = "a") {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += unit;
  return s;
}

Json ReplyButton(const std::string& id, const std::string& title) {
  return Json{{"type", "reply"}, {"reply", {{"id", id}, {"title", title}}}};
}

Json ButtonsMessage() {
  return Body("interactive", Json{{"type", "button"},
                                  {"header", {{"type", "text"}, {"text", "Header"}}},
                                  {"body", {{"text", "Pick one"}}},
                                  {"footer", {{"text", "Footer"}}},
                                  {"action", {{"buttons", Json::array({ReplyButton("yes", "Yes")})}}}});
}

Json Row(const std::string& id) { return Json{{"id", id}, {"title", "Row " + id}, {"description", "d"}}; }

Json ListMessage() {
  return Body(
      "interactive",
      Json{{"type", "list"},
           {"header", {{"type", "text"}, {"text", "Header"}}},
           {"body", {{"text", "Choose"}}},
           {"footer", {{"text", "Footer"}}},
           {"action",
            {{"button", "Options"},
             {"sections", Json::array({Json{{"title", "Section"}, {"rows", Json::array({Row("r0")})}}})}}}});
}

Json CtaMessage() {
  return Body("interactive",
              Json{{"type", "cta_url"},
                   {"header", {{"type", "text"}, {"text", "Header"}}},
                   {"body", {{"text", "Tap below"}}},
                   {"footer", {{"text", "Footer"}}},
                   {"action",
                    {{"name", "cta_url"},
                     {"parameters", {{"display_text", "See dates"}, {"url", "https://example.com/x"}}}}}});
}

Json Contact(size_t i) { return Json{{"name", {{"formatted_name", "Person " + std::to_string(i)}}}}; }

struct LimitRow {
  std::string name;
  size_t limit;
  std::function<Json(size_t)> make;  // a send body at size n
  ErrorCode code;                    // for n + 1
  std::string details;               // substring expected in the error details at n + 1
};

// A body whose string at JSON pointer `ptr` has n copies of `unit`.
std::function<Json(size_t)> StringAt(std::function<Json()> base, std::string ptr, std::string unit = "a") {
  return [=](size_t n) {
    Json b = base();
    b[Json::json_pointer(ptr)] = Str(n, unit);
    return b;
  };
}

std::function<Json()> Media(const std::string& type) {
  return [type] { return Body(type, Json{{"link", "https://example.com/f"}, {"caption", "c"}}); };
}

Json ButtonsWithCount(size_t n) {
  Json b = ButtonsMessage();
  Json buttons = Json::array();
  for (size_t i = 0; i < n; ++i)
    buttons.push_back(ReplyButton("id" + std::to_string(i), "T" + std::to_string(i)));
  b["interactive"]["action"]["buttons"] = buttons;
  return b;
}

Json ListWithSections(size_t n) {
  Json b = ListMessage();
  Json sections = Json::array();
  for (size_t i = 0; i < n; ++i)
    sections.push_back(
        Json{{"title", "S" + std::to_string(i)}, {"rows", Json::array({Row("r" + std::to_string(i))})}});
  b["interactive"]["action"]["sections"] = sections;
  return b;
}

// Rows split over two sections (Meta counts rows across all sections).
Json ListWithRows(size_t n) {
  Json b = ListMessage();
  Json first = Json::array(), second = Json::array();
  for (size_t i = 0; i < n; ++i) (i < 4 ? first : second).push_back(Row("r" + std::to_string(i)));
  b["interactive"]["action"]["sections"] =
      Json::array({Json{{"title", "A"}, {"rows", first}}, Json{{"title", "B"}, {"rows", second}}});
  return b;
}

Json ContactsWithCount(size_t n) {
  Json list = Json::array();
  for (size_t i = 0; i < n; ++i) list.push_back(Contact(i));
  return Body("contacts", list);
}

Json TemplateWithName(size_t n) {
  return Body("template", Json{{"name", Str(n)}, {"language", {{"code", "en_US"}}}});
}

const std::string kB = "/interactive/action/buttons/0/reply";
const std::string kR = "/interactive/action/sections/0/rows/0";
const std::string kCta = "/interactive/action/parameters";
constexpr ErrorCode k100 = ErrorCode::kInvalidParameter;
constexpr ErrorCode k131009 = ErrorCode::kParameterValueInvalid;

std::vector<LimitRow> Rows() {
  auto text = [] { return Body("text", Json{{"body", "x"}}); };
  auto text_with_callback = [] {
    Json b = Body("text", Json{{"body", "x"}});
    b["biz_opaque_callback_data"] = "";
    return b;
  };
  return {
      {"TextBody", 4096, StringAt(text, "/text/body"), k100,
       "Param text['body'] must be at most 4096 characters long."},
      // Characters, not bytes: 4096 three-byte characters are accepted.
      {"TextBodyMultibyte", 4096, StringAt(text, "/text/body", "\xE2\x82\xAC"), k100,
       "at most 4096 characters"},
      {"ImageCaption", 1024, StringAt(Media("image"), "/image/caption"), k100,
       "Param image['caption'] must be at most 1024"},
      {"VideoCaption", 1024, StringAt(Media("video"), "/video/caption"), k100, "Param video['caption']"},
      {"DocumentCaption", 1024, StringAt(Media("document"), "/document/caption"), k100,
       "Param document['caption']"},
      {"BizOpaqueCallbackData", 512, StringAt(text_with_callback, "/biz_opaque_callback_data"), k100,
       "Param biz_opaque_callback_data must be at most 512 characters long."},
      {"ContactsCount", 257, ContactsWithCount, k100, "at most 257 elements"},
      {"ButtonCount", 3, ButtonsWithCount, k131009,
       "Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3"},
      {"ButtonId", 256, StringAt(ButtonsMessage, kB + "/id"), k131009,
       "Button id length invalid. Min length: 1, Max length: 256"},
      {"ButtonTitle", 20, StringAt(ButtonsMessage, kB + "/title"), k131009,
       "Button title length invalid. Min length: 1, Max length: 20"},
      {"ButtonBody", 1024, StringAt(ButtonsMessage, "/interactive/body/text"), k131009,
       "Body text length invalid. Min length: 1, Max length: 1024"},
      {"ButtonHeaderText", 60, StringAt(ButtonsMessage, "/interactive/header/text"), k131009,
       "Header text length invalid. Min length: 1, Max length: 60"},
      {"ButtonFooterText", 60, StringAt(ButtonsMessage, "/interactive/footer/text"), k131009,
       "Footer text length invalid. Min length: 0, Max length: 60"},
      {"ListSections", 10, ListWithSections, k131009,
       "Invalid sections count. Min allowed sections: 1, Max allowed sections: 10"},
      {"ListRowsTotal", 10, ListWithRows, k131009, "Total row count exceed max allowed count: 10"},
      {"ListButtonLabel", 20, StringAt(ListMessage, "/interactive/action/button"), k131009,
       "Button text length invalid. Min length: 1, Max length: 20"},
      {"ListSectionTitle", 24, StringAt(ListMessage, "/interactive/action/sections/0/title"), k131009,
       "Section title length invalid. Min length: 1, Max length: 24"},
      {"ListRowId", 200, StringAt(ListMessage, kR + "/id"), k131009,
       "Row id length invalid. Min length: 1, Max length: 200"},
      {"ListRowTitle", 24, StringAt(ListMessage, kR + "/title"), k131009,
       "Row title length invalid. Min length: 1, Max length: 24"},
      {"ListRowDescription", 72, StringAt(ListMessage, kR + "/description"), k131009,
       "Row description length invalid. Min length: 0, Max length: 72"},
      {"ListBody", 4096, StringAt(ListMessage, "/interactive/body/text"), k131009,
       "Body text length invalid. Min length: 1, Max length: 4096"},
      {"ListHeaderText", 60, StringAt(ListMessage, "/interactive/header/text"), k131009,
       "Header text length invalid"},
      {"ListFooterText", 60, StringAt(ListMessage, "/interactive/footer/text"), k131009,
       "Footer text length invalid"},
      {"CtaDisplayText", 20, StringAt(CtaMessage, kCta + "/display_text"), k131009,
       "Display text length invalid. Min length: 1, Max length: 20"},
      {"CtaBody", 1024, StringAt(CtaMessage, "/interactive/body/text"), k131009,
       "Body text length invalid. Min length: 1, Max length: 1024"},
      {"CtaHeaderText", 60, StringAt(CtaMessage, "/interactive/header/text"), k131009,
       "Header text length invalid"},
      {"CtaFooterText", 60, StringAt(CtaMessage, "/interactive/footer/text"), k131009,
       "Footer text length invalid"},
      {"TemplateName", 512, TemplateWithName, k100,
       "Param template['name'] must be at most 512 characters long."},
  };
}

class ValidationLimitsTest : public ::testing::TestWithParam<LimitRow> {};

TEST_P(ValidationLimitsTest, AcceptsExactlyTheLimitAndRejectsOneMore) {
  const LimitRow& row = GetParam();
  auto at_limit = ValidateSendBody(row.make(row.limit));
  EXPECT_TRUE(at_limit.ok()) << row.name << " at " << row.limit << ": " << at_limit.error().details;

  auto over = ValidateSendBody(row.make(row.limit + 1));
  ASSERT_FALSE(over.ok()) << row.name << " at " << row.limit + 1 << " was accepted";
  EXPECT_EQ(over.error().code, row.code) << over.error().details;
  EXPECT_NE(over.error().details.find(row.details), std::string::npos)
      << "details: " << over.error().details << "\nexpected to contain: " << row.details;
  EXPECT_EQ(over.error().http_status, 400);
}

INSTANTIATE_TEST_SUITE_P(EveryLimit, ValidationLimitsTest, ::testing::ValuesIn(Rows()),
                         [](const ::testing::TestParamInfo<LimitRow>& info) { return info.param.name; });

}  // namespace
}  // namespace wasim::messages
