// Meta-side template quality and pacing, driven through the admin API.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

std::string QualityPath() { return std::string("/_sim/templates/") + D::kHelloWorldTemplateId + "/quality"; }

TEST(TemplateQualityTest, QualityChangePublishesMetasQualityUpdateOnce) {
  LoopbackServer server;
  FactTap tap(server.sim());
  auto r = server.client().Post(QualityPath().c_str(), R"({"quality_score":"YELLOW"})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(ParseOrDie(r->body)["quality_score"], "YELLOW");
  // Same score again: no change, no event.
  ASSERT_EQ(server.client()
                .Post(QualityPath().c_str(), R"({"quality_score":"YELLOW"})", "application/json")
                ->status,
            200);
  auto events = tap.ManagementChanges();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].field, "message_template_quality_update");
  EXPECT_EQ(events[0].waba_id, D::kWabaId);
  // Meta's value, in Meta's key order; the template id is a number.
  EXPECT_EQ(
      DumpMeta(events[0].value),
      std::string(
          R"({"previous_quality_score":"UNKNOWN","new_quality_score":"YELLOW","message_template_id":)") +
          D::kHelloWorldTemplateId +
          R"(,"message_template_name":"hello_world","message_template_language":"en_US"})");
}

TEST(TemplateQualityTest, InvalidQualityIsRefusedAndChangesNothing) {
  LoopbackServer server;
  FactTap tap(server.sim());
  for (const char* body : {R"({"quality_score":"PURPLE"})", R"({"quality_score":3})", R"({"paced":"yes"})",
                           "{}", R"({"quality_score":"RED","paced":"no"})"}) {
    auto r = server.client().Post(QualityPath().c_str(), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body;
  }
  auto unknown = server.client().Post("/_sim/templates/999/quality", R"({"paced":true})", "application/json");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_TRUE(tap.ManagementChanges().empty());
  server.sim().WithLock([&](Ctx& ctx) {
    const MessageTemplate& t = *ctx.state.templates.Get(D::kHelloWorldTemplateId);
    EXPECT_EQ(t.quality_score, "UNKNOWN");
    EXPECT_FALSE(t.paced);
  });
}

TEST(TemplateQualityTest, TemplateSendsAnswerWithMessageStatusHeldWhilePaced) {
  LoopbackServer server;
  const std::string send =
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
  const std::string path = std::string(D::kPhoneNumberId) + "/messages";
  auto before = server.PostGraph(path, send);
  ASSERT_EQ(before->status, 200) << before->body;
  EXPECT_EQ(ParseOrDie(before->body)["messages"][0]["message_status"], "accepted");

  ASSERT_EQ(server.client().Post(QualityPath().c_str(), R"({"paced":true})", "application/json")->status,
            200);
  auto paced = server.PostGraph(path, send);
  ASSERT_EQ(paced->status, 200) << paced->body;
  EXPECT_EQ(ParseOrDie(paced->body)["messages"][0]["message_status"], "held_for_quality_assessment");
  // Free-form messages never carry it.
  ASSERT_EQ(server.client()
                .Post("/_sim/inbound",
                      std::string(R"({"from":"16505551234","phone_number_id":")") + D::kPhoneNumberId +
                          R"(","type":"text","text":{"body":"hi"}})",
                      "application/json")
                ->status,
            200);
  auto text =
      server.PostGraph(path, R"({"messaging_product":"whatsapp","to":"16505551234","text":{"body":"x"}})");
  ASSERT_EQ(text->status, 200) << text->body;
  EXPECT_FALSE(ParseOrDie(text->body)["messages"][0].contains("message_status"));
}

}  // namespace
}  // namespace wasim::testing
