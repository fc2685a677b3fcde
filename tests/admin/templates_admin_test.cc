// POST /_sim/templates/{id}/status: forced Meta-side decisions and review settings.
#include <gtest/gtest.h>

#include <memory>

#include "simulator/admin/admin_api.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class TemplatesAdminTest : public ::testing::Test {
 protected:
  TemplatesAdminTest() : admin_(h_.sim()), tap_(h_.sim()) {}
  HttpResponse Post(const std::string& id, const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/_sim/templates/" + id + "/status";
    r.body = body;
    return *admin_.Handle(r);
  }
  std::string Status(const std::string& id) {
    return h_.sim().WithLock(
        [&](Ctx& ctx) { return std::string(TemplateStatusName(ctx.state.templates.Get(id)->status.state)); });
  }
  std::string CreatePending() {
    auto r = h_.Post(std::string(D::kWabaId) + "/message_templates",
                     R"({"name":"admin_made","language":"en_US","category":"MARKETING",
                         "components":[{"type":"BODY","text":"Big sale this weekend."}]})");
    return ParseOrDie(r.body)["id"];
  }

  // Management webhook changes caused since the fixture was made.
  std::vector<ManagementChange> Events() { return tap_.ManagementChanges(); }

  PipelineHarness h_;
  AdminApi admin_;
  FactTap tap_;
};

TEST_F(TemplatesAdminTest, ForcedStatusPublishesTheStatusUpdate) {
  auto r = Post(D::kHelloWorldTemplateId, R"({"status":"REJECTED","reason":"SCAM"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Status(D::kHelloWorldTemplateId), "REJECTED");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].field, "message_template_status_update");
  EXPECT_EQ(events[0].value["event"], "REJECTED");
  EXPECT_EQ(events[0].value["reason"], "SCAM");
  EXPECT_EQ(events[0].value["message_template_name"], "hello_world");
}

TEST_F(TemplatesAdminTest, ReviewDecisionAndDelayApplyToThePendingReview) {
  std::string id = CreatePending();
  auto r = Post(id, R"({"decision":"REJECTED","reason":"PROMOTIONAL","delay":"2h"})");
  ASSERT_EQ(r.status, 200) << r.body;
  h_.sim().AdvanceBy(kHour);
  EXPECT_EQ(Status(id), "PENDING");
  h_.sim().AdvanceBy(kHour);
  EXPECT_EQ(Status(id), "REJECTED");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].value["reason"], "PROMOTIONAL");
}

TEST_F(TemplatesAdminTest, BadRequestsChangeNothing) {
  EXPECT_EQ(Post("404404", R"({"status":"APPROVED"})").status, 404);
  EXPECT_EQ(Post(D::kHelloWorldTemplateId, R"({"status":"SHINY"})").status, 400);
  EXPECT_EQ(Post(D::kHelloWorldTemplateId, R"({"status":"REJECTED","reason":"BORING"})").status, 400);
  EXPECT_EQ(Post(D::kHelloWorldTemplateId, R"({"delay":"soon"})").status, 400);
  EXPECT_EQ(Post(D::kHelloWorldTemplateId, "{}").status, 400);
  EXPECT_EQ(Post(D::kHelloWorldTemplateId, "[1").status, 400);
  EXPECT_EQ(Status(D::kHelloWorldTemplateId), "APPROVED");
  EXPECT_TRUE(Events().empty());
}

}  // namespace
}  // namespace wasim::testing

namespace wasim::testing {
namespace {

// POST /_sim/templates/{id}/category: Meta recategorizes a template.
class TemplateCategoryAdminTest : public ::testing::Test {
 protected:
  TemplateCategoryAdminTest() : admin_(h_.sim()), tap_(h_.sim()) {}
  HttpResponse PostCategory(const std::string& body, const std::string& id = D::kHelloWorldTemplateId) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/_sim/templates/" + id + "/category";
    r.body = body;
    return *admin_.Handle(r);
  }
  PipelineHarness h_;
  AdminApi admin_;
  FactTap tap_;
};

TEST_F(TemplateCategoryAdminTest, AnnouncesThenChangesAndShowsWhatIsComing) {
  auto r = PostCategory(R"({"category":"MARKETING"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  EXPECT_EQ(j["category"], "UTILITY");
  EXPECT_EQ(j["impending_category"], "MARKETING");
  auto changes = tap_.ManagementChanges();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "template_category_update");
  EXPECT_EQ(changes[0].value["correct_category"], "MARKETING");
  EXPECT_EQ(changes[0].value["category_update_timestamp"], UnixSeconds(h_.clock().Now() + 24 * kHour));
  h_.sim().AdvanceBy(24 * kHour);
  changes = tap_.ManagementChanges();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].value,
            Json::parse(std::string(R"({"message_template_id":)") + D::kHelloWorldTemplateId +
                        R"(,"message_template_name":"hello_world","message_template_language":"en_US",)"
                        R"("previous_category":"UTILITY","new_category":"MARKETING"})"));
}

// Meta recategorizes templates "after initial approval".
TEST_F(TemplateCategoryAdminTest, APendingTemplateIsNotRecategorized) {
  auto created = h_.Post(std::string(D::kWabaId) + "/message_templates",
                         R"({"name":"fresh","language":"en_US","category":"UTILITY",
                             "components":[{"type":"BODY","text":"Your order shipped."}]})");
  ASSERT_EQ(created.status, 200) << created.body;
  auto r = PostCategory(R"({"category":"MARKETING"})", ParseOrDie(created.body)["id"]);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(tap_.ManagementChanges("template_category_update").empty());
}

TEST_F(TemplateCategoryAdminTest, BadBodiesAre400AndChangeNothing) {
  EXPECT_EQ(PostCategory(R"({})").status, 400);
  EXPECT_EQ(PostCategory(R"({"category":"SERVICE"})").status, 400);
  EXPECT_EQ(PostCategory(R"({"category":"MARKETING","after":"soon"})").status, 400);
  EXPECT_EQ(PostCategory(R"({"category":"MARKETING","colour":"red"})").status, 400);
  EXPECT_EQ(PostCategory(R"({"category":"MARKETING"})", "404404").status, 404);
  EXPECT_TRUE(tap_.ManagementChanges().empty());
  auto now = PostCategory(R"({"category":"MARKETING","after":"0s"})");
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(ParseOrDie(now.body)["category"], "MARKETING");
  EXPECT_EQ(ParseOrDie(now.body)["previous_category"], "UTILITY");
}

}  // namespace
}  // namespace wasim::testing
