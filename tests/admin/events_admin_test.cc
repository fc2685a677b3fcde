// GET /_sim/events: the fact log over the admin API (cursor, filters, long-poll).
#include <gtest/gtest.h>

#include <thread>

#include "simulator/admin/admin_api.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

class EventsAdminTest : public ::testing::Test {
 protected:
  EventsAdminTest() : admin_(h_.sim()) {}
  Json Events(const std::string& query, int expect_status = 200) {
    HttpRequest r;
    r.method = "GET";
    r.path = "/_sim/events";
    r.query = ParseQueryString(query);
    HttpResponse resp = *admin_.Handle(r);
    EXPECT_EQ(resp.status, expect_status) << resp.body;
    return ParseOrDie(resp.body);
  }
  std::string SendHelloWorld() {
    auto r =
        h_.Post(std::string(D::kPhoneNumberId) + "/messages",
                R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
                    R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
    EXPECT_EQ(r.status, 200) << r.body;
    return ParseOrDie(r.body)["messages"][0]["id"];
  }
  static std::vector<std::string> Types(const Json& page) {
    std::vector<std::string> out;
    for (const auto& e : page["data"]) out.push_back(e["type"]);
    return out;
  }

  PipelineHarness h_;
  AdminApi admin_;
};

TEST_F(EventsAdminTest, RecordsAcceptedAndRefusedCallsWithTheirBodies) {
  std::string wamid = SendHelloWorld();
  auto refused = h_.Post(std::string(D::kPhoneNumberId) + "/messages", "{}", "not-a-token");
  ASSERT_EQ(refused.status, 401);
  Json page = Events("after=0");
  EXPECT_EQ(page["format_version"], 1);
  EXPECT_EQ(Types(page), (std::vector<std::string>{"message_accepted", "api_call", "api_call"}));
  const Json& accepted = page["data"][0];
  EXPECT_EQ(accepted["wamid"], wamid);
  EXPECT_EQ(accepted["template_name"], "hello_world");
  const Json& ok = page["data"][1];
  EXPECT_EQ(ok["status"], 200);
  EXPECT_TRUE(ok["error_code"].is_null());
  EXPECT_NE(ok["response_body"].get<std::string>().find(wamid), std::string::npos);
  const Json& bad = page["data"][2];
  EXPECT_EQ(bad["status"], 401);
  EXPECT_EQ(bad["error_code"], 190);
  EXPECT_EQ(bad["request_body"], "{}");
  EXPECT_LT(page["data"][0]["seq"].get<int>(), page["data"][2]["seq"].get<int>());
}

TEST_F(EventsAdminTest, FiltersByTypeAndObjectAndResumesFromNextAfter) {
  std::string first = SendHelloWorld();
  std::string second = SendHelloWorld();
  h_.sim().AdvanceBy(5 * kSecond);  // sent (1 s), delivered (3 s) for both; read would follow at 8 s
  Json statuses = Events("type=status_changed&object=" + second);
  ASSERT_EQ(statuses["data"].size(), 2u) << statuses.dump();
  EXPECT_EQ(statuses["data"][0]["status"], "sent");
  EXPECT_EQ(statuses["data"][1]["status"], "delivered");
  EXPECT_GT(statuses["data"][1]["at_ms"].get<TimeMs>(), statuses["data"][0]["at_ms"].get<TimeMs>());
  Json page1 = Events("type=message_accepted,status_changed&limit=1");
  ASSERT_EQ(page1["data"].size(), 1u);
  EXPECT_EQ(page1["data"][0]["wamid"], first);
  Json page2 =
      Events("type=message_accepted&after=" + std::to_string(page1["next_after"].get<std::uint64_t>()));
  ASSERT_EQ(page2["data"].size(), 1u);
  EXPECT_EQ(page2["data"][0]["wamid"], second);
  EXPECT_FALSE(page2["truncated"].get<bool>());
}

TEST_F(EventsAdminTest, ALongPollReturnsWhenTheNextFactIsRecorded) {
  std::uint64_t last = Events("")["last_seq"];
  Json polled;
  std::thread poller([&] { polled = Events("wait=60s&after=" + std::to_string(last)); });
  SendHelloWorld();  // before or during the wait: either way the poll sees it
  poller.join();
  ASSERT_FALSE(polled["data"].empty()) << polled.dump();
  EXPECT_GT(polled["data"][0]["seq"].get<std::uint64_t>(), last);
}

TEST_F(EventsAdminTest, RefusesUnknownTypesAndBadCursors) {
  Json j = Events("type=status_changed,teleported", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("message_accepted"), std::string::npos) << j.dump();
  Events("after=-1", 400);
  Events("wait=2m", 400);
  Events("limit=0", 400);
}

}  // namespace
}  // namespace wasim::testing
