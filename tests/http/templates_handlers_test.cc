// Template routes through the Graph pipeline: create, list (fields, filters,
// paging), get, edit, delete.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

const char* kCreate = R"({"name":"order_update","language":"en_US","category":"UTILITY",
  "components":[{"type":"BODY","text":"Hi {{1}}, your order is on its way.","example":{"body_text":[["Pablo"]]}}]})";

std::string Templates() { return std::string(D::kWabaId) + "/message_templates"; }

HttpResponse Delete(PipelineHarness& h, const std::string& query) {
  HttpRequest r;
  r.method = "DELETE";
  r.path = "/v23.0/" + Templates();
  r.query = ParseQueryString(query);
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  return h.Send(r);
}

TEST(TemplatesHandlersTest, CreateAnswersIdStatusCategoryThenReviewApproves) {
  PipelineHarness h;
  auto r = h.Post(Templates(), kCreate);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "status", "category"}));
  EXPECT_EQ(j["status"], "PENDING");
  EXPECT_EQ(j["category"], "UTILITY");
  std::string id = j["id"];
  EXPECT_EQ(ParseOrDie(h.Get(id + "?fields=status").body),
            Json::parse(R"({"status":"PENDING","id":")" + id + "\"}"));
  h.sim().AdvanceBy(kMinute);
  EXPECT_EQ(ParseOrDie(h.Get(id + "?fields=status").body)["status"], "APPROVED");
  auto dup = h.Post(Templates(), kCreate);
  EXPECT_GRAPH_ERROR(dup, ErrorCode::kTemplateAlreadyExists);
}

TEST(TemplatesHandlersTest, CreateErrorsAreMetasCodes) {
  PipelineHarness h;
  auto no_example = h.Post(Templates(), R"({"name":"x","language":"en_US","category":"UTILITY",
    "components":[{"type":"BODY","text":"Hi {{1}}, your order is here."}]})");
  EXPECT_GRAPH_ERROR(no_example, ErrorCode::kTemplateBodyFormat);
  // Graph's shape for template management errors: code 100, the number in error_subcode.
  Json e = ParseOrDie(no_example.body)["error"];
  EXPECT_EQ(e["message"], "Invalid parameter");
  EXPECT_EQ(e["code"], 100);
  EXPECT_EQ(e["error_subcode"], 2388072);
  EXPECT_EQ(e["error_user_title"], "Message body format is incorrect");
  EXPECT_FALSE(e.contains("error_data"));
  auto missing = h.Post(Templates(), R"({"language":"en_US","category":"UTILITY","components":[]})");
  EXPECT_GRAPH_ERROR(missing, ErrorCode::kInvalidParameter);
  auto form = h.Post(Templates(),
                     "name=form_made&language=en_US&category=marketing&components=" +
                         std::string(R"([{"type":"body","text":"Fresh deals this week only."}])"),
                     D::kAccessToken, "application/x-www-form-urlencoded");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(ParseOrDie(form.body)["category"], "MARKETING");
}

TEST(TemplatesHandlersTest, ListHasMetasDefaultFieldsFiltersAndPaging) {
  PipelineHarness h;
  ASSERT_EQ(h.Post(Templates(), kCreate).status, 200);
  auto all = ParseOrDie(h.Get(Templates()).body);
  ASSERT_EQ(all["data"].size(), 2u);  // + hello_world
  std::vector<std::string> keys;
  for (auto& [k, v] : all["data"][0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "parameter_format", "components", "language", "status",
                                            "category", "id"}));
  EXPECT_TRUE(all["paging"]["cursors"].contains("after"));

  auto approved = ParseOrDie(h.Get(Templates() + "?fields=name,status&status=approved").body);
  ASSERT_EQ(approved["data"].size(), 1u);
  EXPECT_EQ(approved["data"][0], Json::parse(R"({"name":"hello_world","status":"APPROVED","id":")" +
                                             std::string(D::kHelloWorldTemplateId) + "\"}"));
  EXPECT_EQ(ParseOrDie(h.Get(Templates() + "?name=order").body)["data"].size(), 1u);
  EXPECT_EQ(ParseOrDie(h.Get(Templates() + "?language=es").body)["data"].size(), 0u);

  auto page1 = ParseOrDie(h.Get(Templates() + "?fields=name&limit=1").body);
  ASSERT_EQ(page1["data"].size(), 1u);
  ASSERT_TRUE(page1["paging"].contains("next"));
  std::string after = page1["paging"]["cursors"]["after"];
  auto page2 = ParseOrDie(h.Get(Templates() + "?fields=name&limit=1&after=" + after).body);
  ASSERT_EQ(page2["data"].size(), 1u);
  EXPECT_NE(page2["data"][0]["id"], page1["data"][0]["id"]);
  EXPECT_FALSE(page2["paging"].contains("next"));

  EXPECT_GRAPH_ERROR(h.Get(Templates() + "?fields=name,colour"), ErrorCode::kInvalidParameter);
  EXPECT_GRAPH_ERROR(h.Get(Templates() + "?limit=zero"), ErrorCode::kInvalidParameter);
}

TEST(TemplatesHandlersTest, EditAndDelete) {
  PipelineHarness h;
  std::string id = ParseOrDie(h.Post(Templates(), kCreate).body)["id"];
  auto pending_edit = h.Post(id, R"({"components":[{"type":"BODY","text":"Changed text here."}]})");
  EXPECT_GRAPH_ERROR(pending_edit, ErrorCode::kTemplateStatusCannotChange);
  h.sim().AdvanceBy(kMinute);
  auto edit = h.Post(id, R"({"components":[{"type":"BODY","text":"Changed text here."}]})");
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(ParseOrDie(edit.body), Json::parse(R"({"success":true})"));
  auto t = ParseOrDie(h.Get(id + "?fields=status,components").body);
  EXPECT_EQ(t["status"], "PENDING");
  EXPECT_EQ(t["components"][0]["text"], "Changed text here.");

  EXPECT_GRAPH_ERROR(Delete(h, "hsm_id=" + id), ErrorCode::kInvalidParameter);  // Meta: name is required
  auto del = Delete(h, "name=order_update&hsm_id=" + id);
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(ParseOrDie(del.body), Json::parse(R"({"success":true})"));
  auto gone = h.Get(id);
  EXPECT_GRAPH_ERROR(gone, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(gone.body)["error"]["error_subcode"], 33);
}

}  // namespace
}  // namespace wasim::testing
