// Fault injection over real HTTP on loopback: each action as a client sees it.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

const std::string kSendPath = std::string(D::kPhoneNumberId) + "/messages";

std::string TemplateSend(const std::string& to = D::kCustomerWaId) {
  return R"({"messaging_product":"whatsapp","to":")" + to +
         R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
}

Json AddFault(LoopbackServer& server, const std::string& rule) {
  auto res = server.client().Post("/_sim/faults", rule, "application/json");
  EXPECT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  return ParseOrDie(res->body);
}

size_t MessageCount(LoopbackServer& server) {
  return ParseOrDie(server.client().Get("/_sim/messages")->body)["data"].size();
}

Json LastApiCall(LoopbackServer& server) {
  Json events = ParseOrDie(server.client().Get("/_sim/events?type=api_call&limit=1000")->body)["data"];
  EXPECT_FALSE(events.empty());
  return events.empty() ? Json() : events.back();
}

TEST(FaultsLoopbackTest, CatalogError131000IsMetasExactErrorAndAcceptsNothing) {
  LoopbackServer server;
  Json rule = AddFault(server, R"({"match":{"method":"POST","path":"/v*/*/messages"},"times":1,)"
                               R"("error":{"code":131000}})");
  EXPECT_EQ(rule["id"], "flt_1");
  EXPECT_EQ(rule["stage"], "after_auth");
  auto res = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  std::string trace = res->get_header_value("x-fb-trace-id");
  ASSERT_FALSE(trace.empty());
  EXPECT_EQ(res->body, R"({"error":{"message":"(#131000) Something went wrong","type":"OAuthException",)"
                       R"("code":131000,"error_data":{"messaging_product":"whatsapp",)"
                       R"("details":"Message failed to send due to an unknown error."},"fbtrace_id":")" +
                           trace + R"("}})");
  EXPECT_EQ(MessageCount(server), 0u);  // the faulted send changed nothing
  Json fact = LastApiCall(server);
  EXPECT_EQ(fact["status"], 500);
  EXPECT_EQ(fact["error_code"], 131000);
  EXPECT_EQ(fact["fault_id"], "flt_1");
  // times:1 is used up: the next send goes through, and the rule is listed as finished.
  auto ok = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(MessageCount(server), 1u);
  Json listed = ParseOrDie(server.client().Get("/_sim/faults")->body)["data"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["fired"], 1);
  EXPECT_EQ(listed[0]["remaining"], 0);
  EXPECT_EQ(listed[0]["finished"], true);
}

TEST(FaultsLoopbackTest, CatalogError130429CarriesItsSubcodeAndSkipsUnauthenticatedCalls) {
  LoopbackServer server;
  AddFault(server, R"({"match":{"to":"16505551234","type":"template"},"error":{"code":130429}})");
  // A bad token is refused by auth first; the rule does not see the request.
  auto unauth = server.PostGraph(kSendPath, TemplateSend(), "not-a-token");
  ASSERT_TRUE(unauth);
  EXPECT_GRAPH_ERROR(*unauth, ErrorCode::kAccessTokenInvalid);
  auto res = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  std::string trace = res->get_header_value("x-fb-trace-id");
  EXPECT_EQ(res->body, R"({"error":{"message":"(#130429) Rate limit hit","type":"OAuthException",)"
                       R"("code":130429,"error_data":{"messaging_product":"whatsapp",)"
                       R"("details":"Cloud API message throughput has been reached."},)"
                       R"("error_subcode":2494055,"fbtrace_id":")" +
                           trace + R"("}})");
  // Another recipient is not matched.
  auto other = server.PostGraph(kSendPath, TemplateSend("16505550000"));
  ASSERT_TRUE(other);
  EXPECT_NE(ParseOrDie(other->body)["error"]["code"], 130429) << other->body;
  Json listed = ParseOrDie(server.client().Get("/_sim/faults/flt_1")->body);
  EXPECT_EQ(listed["matched"], 1);
  EXPECT_EQ(listed["fired"], 1);
  EXPECT_EQ(listed["remaining"], nullptr);
  // Only the unmatched recipient's send is in the journal.
  Json journal = ParseOrDie(server.client().Get("/_sim/messages")->body)["data"];
  EXPECT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(journal.size(), 1u);
}

TEST(FaultsLoopbackTest, Status503IsGraphsTransientErrorBeforeAuth) {
  LoopbackServer server;
  Json rule = AddFault(server, R"({"status":503,"times":2})");
  EXPECT_EQ(rule["stage"], "before_auth");
  // An outage answers before the token is looked at.
  auto unauth = server.PostGraph(kSendPath, TemplateSend(), "");
  ASSERT_TRUE(unauth);
  EXPECT_EQ(unauth->status, 503);
  auto res = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(res->body, R"({"error":{"message":"An unexpected error has occurred. Please retry your request )"
                       R"(later.","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":")" +
                           res->get_header_value("x-fb-trace-id") + R"("}})");
  EXPECT_EQ(MessageCount(server), 0u);
  Json fact = LastApiCall(server);
  EXPECT_EQ(fact["status"], 503);
  EXPECT_EQ(fact["error_code"], 2);
  auto after = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;
}

TEST(FaultsLoopbackTest, RawStatusWithItsOwnBody) {
  LoopbackServer server;
  AddFault(server, R"({"status":502,"body":"<html>Bad Gateway</html>"})");
  auto res = server.GetGraph(D::kPhoneNumberId);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 502);
  EXPECT_EQ(res->body, "<html>Bad Gateway</html>");
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
}

TEST(FaultsLoopbackTest, LatencyHoldsTheAnswerBackInRealTime) {
  LoopbackServer server;
  AddFault(server, R"({"match":{"path":"/v*/*/messages"},"times":1,"latency_ms":300})");
  auto start = std::chrono::steady_clock::now();
  auto res = server.PostGraph(kSendPath, TemplateSend());
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;            // served normally, late
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));  // a lower bound only
  EXPECT_EQ(MessageCount(server), 1u);                 // the request took effect; only the answer was late
}

TEST(FaultsLoopbackTest, LatencyBeforeAClientTimeoutLeavesTheMessageAccepted) {
  LoopbackServer server;
  AddFault(server, R"({"times":1,"latency_ms":1500})");
  httplib::Client impatient("127.0.0.1", server.port());
  impatient.set_read_timeout(0, 200 * 1000);  // 200 ms
  httplib::Headers h{{"Authorization", std::string("Bearer ") + D::kAccessToken}};
  auto res = impatient.Post(("/v23.0/" + kSendPath).c_str(), h, TemplateSend(), "application/json");
  EXPECT_FALSE(res);  // the client gave up
  // The send was accepted before the answer was held back: the app's retry would duplicate it.
  EXPECT_EQ(MessageCount(server), 1u);
}

TEST(FaultsLoopbackTest, DropClosesTheConnectionWithoutAnAnswer) {
  LoopbackServer server;
  AddFault(server, R"({"match":{"method":"POST"},"times":1,"drop":true})");
  auto res = server.PostGraph(kSendPath, TemplateSend());
  EXPECT_FALSE(res);  // a connection error, not an HTTP status
  EXPECT_EQ(MessageCount(server), 0u);
  Json fact = LastApiCall(server);
  EXPECT_EQ(fact["status"], 0);
  EXPECT_EQ(fact["dropped"], true);
  EXPECT_EQ(fact["fault_id"], "flt_1");
  // The server is fine and the next request is served.
  auto next = server.PostGraph(kSendPath, TemplateSend());
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200) << next->body;
}

TEST(FaultsLoopbackTest, EveryNthCountsMatchingRequestsOnly) {
  LoopbackServer server;
  AddFault(server, R"({"match":{"method":"POST","path":"/v*/*/messages"},"every":2,)"
                   R"("error":{"code":131000}})");
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(server.GetGraph(D::kPhoneNumberId));  // not matched, not counted
    auto res = server.PostGraph(kSendPath, TemplateSend());
    ASSERT_TRUE(res);
    statuses.push_back(res->status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 500, 200, 500}));
  EXPECT_EQ(MessageCount(server), 2u);
}

TEST(FaultsLoopbackTest, NextNThenServedNormally) {
  LoopbackServer server;
  AddFault(server, R"({"match":{"phone_number_id":")" + std::string(D::kPhoneNumberId) +
                       R"("},"times":2,"status":500})");
  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) statuses.push_back(server.PostGraph(kSendPath, TemplateSend())->status);
  EXPECT_EQ(statuses, (std::vector<int>{500, 500, 200}));
  auto body = ParseOrDie(server.PostGraph(kSendPath, TemplateSend())->body);
  EXPECT_FALSE(body.contains("error"));
}

TEST(FaultsLoopbackTest, BadRuleIsA400NamingTheKeyAndChangesNothing) {
  LoopbackServer server;
  auto res = server.client().Post("/_sim/faults", R"({"status":503,"time":1})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  Json err = ParseOrDie(res->body)["error"];
  EXPECT_EQ(err["type"], "WasimAdminException");
  EXPECT_NE(err["message"].get<std::string>().find("unknown key \"time\""), std::string::npos) << res->body;
  auto unknown = server.client().Post("/_sim/faults", R"({"error":{"code":424242}})", "application/json");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("424242 is not in the error catalog"), std::string::npos) << unknown->body;
  auto garbage = server.client().Post("/_sim/faults", "{", "application/json");
  EXPECT_EQ(garbage->status, 400);
  EXPECT_EQ(ParseOrDie(server.client().Get("/_sim/faults")->body)["data"].size(), 0u);
  EXPECT_EQ(server.PostGraph(kSendPath, TemplateSend())->status, 200);
}

TEST(FaultsLoopbackTest, DeleteOneClearAllAndReset) {
  LoopbackServer server;
  AddFault(server, R"({"status":503})");
  AddFault(server, R"({"status":500})");
  EXPECT_EQ(server.client().Delete("/_sim/faults/flt_1")->status, 200);
  EXPECT_EQ(server.client().Delete("/_sim/faults/flt_1")->status, 404);
  EXPECT_EQ(server.PostGraph(kSendPath, TemplateSend())->status, 500);  // flt_2 remains
  EXPECT_EQ(ParseOrDie(server.client().Delete("/_sim/faults")->body)["deleted"], 1);
  EXPECT_EQ(server.PostGraph(kSendPath, TemplateSend())->status, 200);
  AddFault(server, R"({"status":503})");
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(ParseOrDie(server.client().Get("/_sim/faults")->body)["data"].size(), 0u);
  EXPECT_EQ(server.PostGraph(kSendPath, TemplateSend())->status, 200);
  EXPECT_EQ(AddFault(server, R"({"status":503})")["id"], "flt_1");  // ids restart after a reset
  // Admin calls are never faulted.
  EXPECT_EQ(server.client().Get("/_sim/health")->status, 200);
}

}  // namespace
}  // namespace wasim::testing
