// GET/PUT /_sim/state and /_sim/snapshots over a real socket.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

// Meta's stock template (no customer service window needed); `tag` goes in biz_opaque_callback_data.
httplib::Result StateSnapSend(LoopbackServer& s, const std::string& to, const std::string& tag) {
  return s.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":")" + to + R"(","biz_opaque_callback_data":")" + tag +
          R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
}

size_t StateSnapMessages(LoopbackServer& s) {
  return ParseOrDie(s.client().Get("/_sim/messages")->body)["data"].size();
}

TEST(StateSnapshotsLoopbackTest, SaveSendMoreRestoreListDelete) {
  LoopbackServer server;
  ASSERT_EQ(StateSnapSend(server, D::kCustomerWaId, "one")->status, 200);
  auto saved = server.client().Post("/_sim/snapshots", R"({"name":"before-checkout"})", "application/json");
  ASSERT_EQ(saved->status, 201) << saved->body;
  Json s = ParseOrDie(saved->body);
  EXPECT_EQ(s["name"], "before-checkout");
  EXPECT_EQ(s["now"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(s["counts"]["outbound_messages"], 1);

  ASSERT_EQ(StateSnapSend(server, D::kCustomerWaId, "two")->status, 200);
  ASSERT_EQ(server.Advance("1h")->status, 200);
  EXPECT_EQ(StateSnapMessages(server), 2u);

  auto restored = server.client().Post("/_sim/snapshots/before-checkout/restore", "", "application/json");
  ASSERT_EQ(restored->status, 200) << restored->body;
  EXPECT_EQ(StateSnapMessages(server), 1u);
  // The clock went back with it, and the message's statuses are pending again.
  EXPECT_EQ(ParseOrDie(server.client().Get("/_sim/clock")->body)["now"], "2026-01-01T00:00:00.000Z");
  Json m = ParseOrDie(server.client().Get("/_sim/messages")->body)["data"][0];
  EXPECT_EQ(m["status"], "accepted");
  ASSERT_EQ(server.Advance("1m")->status, 200);
  m = ParseOrDie(server.client().Get("/_sim/messages")->body)["data"][0];
  EXPECT_EQ(m["status"], "read");

  // A generated name; the list in saving order.
  auto unnamed = server.client().Post("/_sim/snapshots", "", "application/json");
  ASSERT_EQ(unnamed->status, 201) << unnamed->body;
  std::string generated = ParseOrDie(unnamed->body)["name"];
  EXPECT_EQ(generated, "snapshot-1");
  Json list = ParseOrDie(server.client().Get("/_sim/snapshots")->body)["data"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "before-checkout");
  EXPECT_EQ(list[1]["name"], generated);

  // Unknown names are 404s in the admin envelope; a deleted one is gone.
  auto unknown = server.client().Post("/_sim/snapshots/nope/restore", "", "application/json");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(ParseOrDie(unknown->body)["error"]["code"], 404);
  EXPECT_EQ(server.client().Delete("/_sim/snapshots/before-checkout")->status, 200);
  EXPECT_EQ(server.client().Post("/_sim/snapshots/before-checkout/restore", "", "application/json")->status,
            404);
  EXPECT_EQ(server.client().Post("/_sim/snapshots", R"({"name":"a/b"})", "application/json")->status, 400);

  // Snapshots survive a reset.
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(ParseOrDie(server.client().Get("/_sim/snapshots")->body)["data"].size(), 1u);
}

TEST(StateSnapshotsLoopbackTest, GetThenPutTheStateIntoAnotherServer) {
  LoopbackServer a;
  LoopbackServer b;
  ASSERT_EQ(StateSnapSend(a, D::kCustomerWaId, "hello")->status, 200);
  auto got = a.client().Get("/_sim/state");
  ASSERT_EQ(got->status, 200);
  Json state = ParseOrDie(got->body);
  // The summary keys stay (README, scripts) next to the complete sections.
  EXPECT_EQ(state["counts"]["outbound_messages"], 1);
  EXPECT_TRUE(state["phone_numbers"].is_array());
  EXPECT_EQ(state["format"], "wasim-state");
  Json summary = ParseOrDie(a.client().Get("/_sim/state?view=summary")->body);
  EXPECT_FALSE(summary.contains("format"));
  EXPECT_EQ(summary["counts"], state["counts"]);

  auto put = b.client().Put("/_sim/state", got->body, "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(StateSnapMessages(b), 1u);
  Json again = ParseOrDie(b.client().Get("/_sim/state")->body);
  EXPECT_EQ(again, state);

  // A bad document: 400 naming the path, nothing changed.
  state["messages"]["outbound"][0]["accepted_at"] = "yesterday";
  auto bad = b.client().Put("/_sim/state", state.dump(), "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("$.messages.outbound[0].accepted_at"), std::string::npos) << bad->body;
  EXPECT_EQ(ParseOrDie(b.client().Get("/_sim/state")->body), again);
}

}  // namespace
}  // namespace wasim::testing
