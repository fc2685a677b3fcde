// Template review over real HTTP: create -> PENDING -> advance the virtual
// clock past the review delay -> APPROVED, with the status-update event.
#include <gtest/gtest.h>

#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

TEST(TemplatesLoopbackTest, ReviewApprovesAfterTheDelayAndPublishesTheEvent) {
  LoopbackServer server;
  FactTap tap(server.sim());
  auto r = server.PostGraph(std::string(D::kWabaId) + "/message_templates",
                            R"({"name":"shipping_update","language":"en_US","category":"UTILITY",
                                "components":[{"type":"BODY","text":"Your parcel left our warehouse."}]})");
  ASSERT_EQ(r->status, 200) << r->body;
  Json created = ParseOrDie(r->body);
  EXPECT_EQ(created["status"], "PENDING");
  std::string id = created["id"];
  EXPECT_EQ(ParseOrDie(server.GetGraph(id + "?fields=status")->body)["status"], "PENDING");

  ASSERT_EQ(server.Advance("61s")->status, 200);
  EXPECT_EQ(ParseOrDie(server.GetGraph(id + "?fields=status")->body)["status"], "APPROVED");
  auto events = tap.ManagementChanges();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].field, "message_template_status_update");
  EXPECT_EQ(events[0].waba_id, D::kWabaId);
  EXPECT_EQ(events[0].value["event"], "APPROVED");
  EXPECT_EQ(events[0].value["message_template_id"], std::stoll(id));
  EXPECT_EQ(events[0].value["message_template_name"], "shipping_update");
}

}  // namespace
}  // namespace wasim::testing
