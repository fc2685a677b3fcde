// Over real HTTP: the exact status sequence in GET /_sim/messages for each
// customer state, including the statuses that must NOT appear, and an
// inbound message answered by the business.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

using Statuses = std::vector<std::string>;

class CustomerStatesTest : public ::testing::Test {
 protected:
  CustomerStatesTest() : tap_(server_.sim()) {}
  void Put(const std::string& wa_id, const std::string& body) {
    auto r = server_.client().Put(("/_sim/customers/" + wa_id).c_str(), body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  std::string Send(const std::string& to, const std::string& extra = "") {
    std::string body =
        R"({"messaging_product":"whatsapp","to":")" + to + R"(",)" + extra +
        (extra.empty() ? R"("type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})"
                       : "");
    auto r = server_.PostGraph(std::string(D::kPhoneNumberId) + "/messages", body);
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    return ParseOrDie(r->body)["messages"][0].value("id", "");
  }
  Json Journal(const std::string& wamid) {
    Json j = ParseOrDie(server_.client().Get("/_sim/messages")->body);
    for (const auto& m : j["data"])
      if (m["id"] == wamid) return m;
    ADD_FAILURE() << "no journal entry for " << wamid;
    return Json::object();
  }
  Statuses StatusesOf(const std::string& wamid) {
    Statuses out;
    Json entry = Journal(wamid);
    for (const auto& s : entry["statuses"]) out.push_back(s["status"]);
    return out;
  }
  void Advance(const std::string& by) { ASSERT_EQ(server_.Advance(by)->status, 200); }
  // Facts of type T recorded since the fixture was made, with their time.
  template <class T>
  std::vector<Timed<T>> EventsOf() {
    return tap_.TimedOf<T>();
  }
  void ExpectSentThenFailed131026(const std::string& wamid) {
    Advance("7s");
    EXPECT_EQ(StatusesOf(wamid), Statuses({"sent"}));  // failed only after failed_status_delay (8 s)
    Advance("1s");
    EXPECT_EQ(StatusesOf(wamid), Statuses({"sent", "failed"}));
    EXPECT_EQ(Journal(wamid)["statuses"][1]["error"]["code"], 131026);
    Advance("30d");
    EXPECT_EQ(StatusesOf(wamid), Statuses({"sent", "failed"}));  // never delivered nor read
  }

  const std::string kUser = D::kCustomerWaId;
  LoopbackServer server_;
  FactTap tap_;
};

TEST_F(CustomerStatesTest, OnlineGetsSentDeliveredRead) {
  std::string id = Send(kUser);
  Advance("1s");
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  Advance("2s");
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
  Advance("5s");
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
  Advance("30d");
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
}

TEST_F(CustomerStatesTest, OnlineWithoutAutoReadIsNeverRead) {
  Put(kUser, R"({"auto_read":false})");
  std::string id = Send(kUser);
  Advance("1d");
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
}

TEST_F(CustomerStatesTest, OfflineIsSentOnlyUntilOnlineAndDroppedAfterTheTtl) {
  Put(kUser, R"({"state":"offline"})");
  std::string a = Send(kUser);
  Advance("10s");
  EXPECT_EQ(StatusesOf(a), Statuses({"sent"}));
  Advance("29d");
  EXPECT_EQ(StatusesOf(a), Statuses({"sent"}));
  Put(kUser, R"({"state":"online"})");
  Advance("2s");
  EXPECT_EQ(StatusesOf(a), Statuses({"sent", "delivered"}));
  Advance("5s");
  EXPECT_EQ(StatusesOf(a), Statuses({"sent", "delivered", "read"}));

  // Another message stays undelivered past Meta's 30-day TTL: dropped, no webhook.
  Put(kUser, R"({"state":"offline"})");
  std::string b = Send(kUser);
  Advance("30d");
  Advance("1s");
  Put(kUser, R"({"state":"online"})");
  Advance("1d");
  EXPECT_EQ(StatusesOf(b), Statuses({"sent"}));
  for (const auto& s : EventsOf<StatusChanged>())
    if (s->wamid == b) {
      EXPECT_EQ(s->status, MessageStatus::kSent);
    }
}

TEST_F(CustomerStatesTest, NotOnWhatsAppIsAcceptedThenSentThenFailed131026) {
  Put(kUser, R"({"state":"not_on_whatsapp"})");
  ExpectSentThenFailed131026(Send(kUser));
}

TEST_F(CustomerStatesTest, OldClientIsAcceptedThenSentThenFailed131026) {
  Put(kUser, R"({"state":"old_client"})");
  ExpectSentThenFailed131026(Send(kUser));
}

TEST_F(CustomerStatesTest, UserWhoBlockedTheBusinessGetsSentThenFailed131026) {
  Put(kUser, std::string(R"({"phone_number_id":")") + D::kPhoneNumberId + R"(","blocked_business":true})");
  ExpectSentThenFailed131026(Send(kUser));
}

TEST_F(CustomerStatesTest, InboundThenReplyIsSentDeliveredReadAndInboundEventIsPublished) {
  auto in = server_.client().Post("/_sim/inbound",
                                  std::string(R"({"from":")") + kUser + R"(","phone_number_id":")" +
                                      D::kPhoneNumberId +
                                      R"(","type":"text","text":{"body":"where is my order?"}})",
                                  "application/json");
  ASSERT_EQ(in->status, 200) << in->body;
  std::string inbound_id = ParseOrDie(in->body)["id"];
  auto inbound_events = EventsOf<InboundReceived>();
  ASSERT_EQ(inbound_events.size(), 1u);
  EXPECT_EQ(inbound_events[0]->wamid, inbound_id);
  EXPECT_EQ(inbound_events[0]->content["body"], "where is my order?");
  EXPECT_EQ(inbound_events[0]->profile_name, "Sheena Nelson");

  // Marking it read emits nothing.
  auto mark = server_.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","status":"read","message_id":")" + inbound_id + R"("})");
  ASSERT_EQ(mark->status, 200) << mark->body;
  EXPECT_TRUE(EventsOf<StatusChanged>().empty());

  // A free-form reply inside the window.
  std::string reply = Send(kUser, R"("context":{"message_id":")" + inbound_id +
                                      R"("},"type":"text","text":{"body":"on its way"}})");
  Advance("10s");
  EXPECT_EQ(StatusesOf(reply), Statuses({"sent", "delivered", "read"}));
  auto st = EventsOf<StatusChanged>();
  ASSERT_EQ(st.size(), 3u);
  EXPECT_LE(st[0].at, st[1].at);
  EXPECT_LE(st[1].at, st[2].at);
  EXPECT_EQ(st[0]->status, MessageStatus::kSent);
  EXPECT_EQ(st[2]->status, MessageStatus::kRead);
}

}  // namespace
}  // namespace wasim::testing
