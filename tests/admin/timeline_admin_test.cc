// GET /_sim/timeline: pending work in run order, filters, paging, cancellation.
#include <gtest/gtest.h>

#include "simulator/admin/admin_api.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class TimelineAdminTest : public ::testing::Test {
 protected:
  TimelineAdminTest() : admin_(h_.sim()) {}
  Json Get(const std::string& query, int expect_status = 200) {
    HttpRequest r;
    r.method = "GET";
    r.path = "/_sim/timeline";
    r.query = ParseQueryString(query);
    HttpResponse resp = *admin_.Handle(r);
    EXPECT_EQ(resp.status, expect_status) << resp.body;
    return ParseOrDie(resp.body);
  }
  // A template: allowed outside the customer service window.
  std::string SendTemplate(const std::string& to) {
    auto r =
        h_.Post(std::string(D::kPhoneNumberId) + "/messages",
                R"({"messaging_product":"whatsapp","to":")" + to +
                    R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
    EXPECT_EQ(r.status, 200) << r.body;
    return ParseOrDie(r.body)["messages"][0]["id"];
  }
  std::string CreateTemplate(const std::string& name) {
    auto r = h_.Post(std::string(D::kWabaId) + "/message_templates",
                     R"({"name":")" + name + R"(","language":"en_US","category":"MARKETING",
                         "components":[{"type":"BODY","text":"Big sale this weekend."}]})");
    EXPECT_EQ(r.status, 200) << r.body;
    return ParseOrDie(r.body)["id"];
  }

  PipelineHarness h_;
  AdminApi admin_;
};

TEST_F(TimelineAdminTest, ListsAMessagesNextStatusWithItsDueTimeAndFormatVersion) {
  std::string wamid = SendTemplate(D::kCustomerWaId);
  Json j = Get("kind=status_due&object=" + wamid);
  EXPECT_EQ(j["format_version"], 1);
  ASSERT_EQ(j["data"].size(), 1u) << j.dump();
  const Json& e = j["data"][0];
  EXPECT_EQ(e["kind"], "status_due");
  EXPECT_EQ(e["wamid"], wamid);
  EXPECT_EQ(e["status"], "sent");
  EXPECT_EQ(e["then_deliver"], true);
  TimeMs due = e["due_ms"];
  EXPECT_GE(due, h_.clock().Now());
  EXPECT_EQ(e["due"], FormatIso8601(due));
  // Once it ran, the next step (the delivery attempt) is what is pending for it.
  h_.sim().AdvanceTo(due);
  Json after = Get("object=" + wamid);
  ASSERT_EQ(after["data"].size(), 1u) << after.dump();
  EXPECT_EQ(after["data"][0]["status"], "delivered");
  EXPECT_GE(after["data"][0]["due_ms"].get<TimeMs>(), due);
}

TEST_F(TimelineAdminTest, PagesInRunOrderWithACursor) {
  std::vector<std::string> ids = {SendTemplate(D::kCustomerWaId), SendTemplate(D::kCustomerWaId),
                                  SendTemplate(D::kCustomerWaId)};
  std::vector<std::string> seen;
  std::string query = "kind=status_due&limit=2";
  for (int page = 0; page < 5; ++page) {
    Json j = Get(query);
    for (const auto& e : j["data"]) seen.push_back(e["wamid"]);
    if (!j["paging"].contains("cursors")) break;
    query = "kind=status_due&limit=2&after=" + j["paging"]["cursors"]["after"].get<std::string>();
  }
  EXPECT_EQ(seen, ids);  // same due instant: creation order
}

TEST_F(TimelineAdminTest, AForcedDecisionCancelsThePendingReview) {
  std::string id = CreateTemplate("spring_sale");
  Json pending = Get("kind=lifecycle_due&object=" + id);
  ASSERT_EQ(pending["data"].size(), 1u);
  EXPECT_EQ(pending["data"][0]["machine"], "template_review");
  EXPECT_EQ(pending["data"][0]["to"], "*");  // decided when due, by the settings then
  HttpRequest r;
  r.method = "POST";
  r.path = "/_sim/templates/" + id + "/status";
  r.body = R"({"status":"APPROVED"})";
  ASSERT_EQ(admin_.Handle(r)->status, 200);
  EXPECT_EQ(Get("kind=lifecycle_due&object=" + id)["data"].size(), 0u);
}

TEST_F(TimelineAdminTest, RefusesUnknownKindsAndBadCursors) {
  Json j = Get("kind=teleport", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("status_due"), std::string::npos) << j.dump();
  Get("after=yesterday", 400);
  Get("limit=0", 400);
  Get("limit=1001", 400);
}

}  // namespace
}  // namespace wasim::testing
