// Fault rules: the JSON reader (strict, naming the key), matching and counting.
#include "simulator/domain/faults/fault_rule.h"

#include <gtest/gtest.h>

#include "simulator/domain/faults/fault_store.h"

namespace wasim::faults {
namespace {

FaultRule Parse(const std::string& text) {
  std::string error;
  auto rule = ParseFaultRule(Json::parse(text), &error);
  EXPECT_TRUE(rule) << text << ": " << error;
  return rule.value_or(FaultRule{});
}

std::string ParseError(const std::string& text) {
  std::string error;
  auto rule = ParseFaultRule(Json::parse(text), &error);
  EXPECT_FALSE(rule) << text;
  return error;
}

FaultRequest Send(const std::string& to, const std::string& type = "text",
                  const std::string& node = "106540352242922") {
  return {"POST", "/v23.0/" + node + "/messages", node, to, type};
}

TEST(FaultRuleTest, PathGlobStarStaysWithinOneSegment) {
  EXPECT_TRUE(PathGlobMatches("/v*/*/messages", "/v23.0/106540352242922/messages"));
  EXPECT_TRUE(PathGlobMatches("/v*/*/messages", "/v19.0/1/messages/"));  // trailing '/' ignored
  EXPECT_FALSE(PathGlobMatches("/v*/*/messages", "/v23.0/1/2/messages"));
  EXPECT_FALSE(PathGlobMatches("/v*/*/messages", "/v23.0/1/media"));
  EXPECT_FALSE(PathGlobMatches("/v*/*/messages", "/106540352242922/messages"));  // no version
  EXPECT_TRUE(PathGlobMatches("/*/messages", "/106540352242922/messages"));
  EXPECT_TRUE(PathGlobMatches("/v23.0/*", "/v23.0/106540352242922"));
  EXPECT_FALSE(PathGlobMatches("/v23.0/*", "/v23.0/1/messages"));
  EXPECT_TRUE(PathGlobMatches("/v23.0/1/messages", "/v23.0/1/messages"));
  EXPECT_FALSE(PathGlobMatches("/v23.0/1/messages", "/v23.0/12/messages"));
  EXPECT_TRUE(PathGlobMatches("/v*/*/mess*", "/v23.0/1/messages"));
}

TEST(FaultRuleTest, MatchesOnEveryGivenFieldOnly) {
  FaultRule r =
      Parse(R"({"match":{"method":"post","path":"/v*/*/messages","phone_number_id":"106540352242922",)"
            R"("to":"+1 (650) 555-1234","type":"template"},"error":{"code":131000}})");
  EXPECT_EQ(r.match.method, "POST");
  EXPECT_EQ(r.match.to, "16505551234");
  EXPECT_TRUE(Matches(r.match, Send("16505551234", "template")));
  EXPECT_TRUE(Matches(r.match, Send("+1 650-555-1234", "template")));  // compared by digits
  EXPECT_FALSE(Matches(r.match, Send("16505551235", "template")));
  EXPECT_FALSE(Matches(r.match, Send("16505551234", "text")));
  EXPECT_FALSE(Matches(r.match, Send("16505551234", "template", "999")));
  FaultRequest get = Send("16505551234", "template");
  get.method = "GET";
  EXPECT_FALSE(Matches(r.match, get));
  // No match object: every Graph request.
  EXPECT_TRUE(Matches(Parse(R"({"status":503})").match, {"GET", "/v23.0/1", "1", "", ""}));
}

TEST(FaultRuleTest, ParsesEachActionAndItsStage) {
  FaultRule e = Parse(R"({"error":{"code":130429,"details":"slow down"}})");
  ASSERT_TRUE(e.action.error);
  EXPECT_EQ(*e.action.error, ErrorCode::kThroughputRateLimit);
  EXPECT_EQ(e.action.error_details, "slow down");
  EXPECT_EQ(e.stage(), FaultStage::kAfterAuth);
  FaultRule s = Parse(R"({"status":503,"latency_ms":250})");
  EXPECT_EQ(s.action.status, 503);
  EXPECT_EQ(s.action.latency_ms, 250);
  EXPECT_EQ(s.stage(), FaultStage::kBeforeAuth);
  FaultRule d = Parse(R"({"drop":true,"times":2})");
  EXPECT_TRUE(d.action.drop);
  EXPECT_EQ(d.times, 2u);
  EXPECT_EQ(d.stage(), FaultStage::kBeforeAuth);
  FaultRule l = Parse(R"({"latency_ms":60000})");
  EXPECT_EQ(l.action.latency_ms, kMaxLatencyMs);
  EXPECT_FALSE(l.times);
  EXPECT_EQ(l.every, 1u);
}

TEST(FaultRuleTest, RefusesBadRulesNamingTheKey) {
  EXPECT_NE(ParseError(R"({"status":503,"tmes":1})").find("\"tmes\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"match":{"phone":"1"},"status":503})").find("\"match.phone\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"match":{"to":1},"status":503})").find("\"match.to\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"match":{"method":"FETCH"},"status":503})").find("match.method"),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"match":{"path":"v*/messages"},"status":503})").find("match.path"),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"match":{"path":"/_sim/messages"},"status":503})").find("admin"),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"error":{"code":999999}})").find("999999 is not in the error catalog"),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"error":131000})").find("\"error\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"error":{"code":"131000"}})").find("\"error.code\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"error":{"code":131000,"subcode":1}})").find("\"error.subcode\""),
            std::string::npos);
  EXPECT_NE(ParseError(R"({"status":200})").find("\"status\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"status":"503"})").find("\"status\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"body":"x"})").find("\"body\" needs \"status\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"drop":"yes"})").find("\"drop\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"latency_ms":60001})").find("\"latency_ms\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"latency_ms":1.5})").find("\"latency_ms\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"times":0,"status":503})").find("\"times\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"every":-2,"status":503})").find("\"every\""), std::string::npos);
  EXPECT_NE(ParseError(R"({"status":503,"drop":true})").find("only one of"), std::string::npos);
  EXPECT_NE(ParseError(R"({"times":1})").find("needs an action"), std::string::npos);
  EXPECT_NE(ParseError(R"([1])").find("JSON object"), std::string::npos);
}

TEST(FaultRuleTest, JsonRoundTripsThroughTheParser) {
  FaultRule r =
      Parse(R"({"match":{"method":"POST","path":"/v*/*/messages","to":"16505551234"},"times":3,"every":2,)"
            R"("error":{"code":131000,"details":"x"},"latency_ms":10})");
  r.id = "flt_7";
  Json j = FaultRuleJson(r);
  EXPECT_EQ(j["id"], "flt_7");
  EXPECT_EQ(j["stage"], "after_auth");
  EXPECT_EQ(j["remaining"], 3);
  EXPECT_EQ(j["finished"], false);
  // The listing without its bookkeeping is a rule the parser reads back the same.
  auto strip = [](Json x) {
    for (const char* k : {"id", "stage", "matched", "fired", "remaining", "finished"}) x.erase(k);
    return x;
  };
  Json reread = FaultRuleJson(Parse(strip(j).dump()));
  EXPECT_EQ(strip(reread), strip(j));
  EXPECT_EQ(strip(j).dump(),
            R"({"match":{"method":"POST","path":"/v*/*/messages","to":"16505551234"},"times":3,"every":2,)"
            R"("error":{"code":131000,"details":"x"},"latency_ms":10})");
}

TEST(FaultRuleTest, CatalogErrorsRenderAsTheirCode) {
  FaultAction a;
  a.error = ErrorCode::kThroughputRateLimit;
  GraphError e = FaultGraphError(a, "/v23.0/1/messages");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.subcode, 2494055);
  EXPECT_EQ(e.message, "(#130429) Rate limit hit");
  a.error = ErrorCode::kAccessTokenInvalid;  // Graph platform code: its own wording, no error_data
  e = FaultGraphError(a, "/v23.0/1/messages");
  EXPECT_EQ(e.flavor, ErrorFlavor::kGraph);
  EXPECT_EQ(e.http_status, 401);
  EXPECT_EQ(e.message, "Invalid OAuth access token - Cannot parse access token");
}

TEST(FaultStoreTest, NextNFiresOnTheNextNMatchingRequestsThenFinishes) {
  FaultStore store;
  FaultRule added = store.Add(Parse(R"({"match":{"to":"16505551234"},"times":2,"status":503})"));
  EXPECT_EQ(added.id, "flt_1");
  EXPECT_FALSE(store.Check(FaultStage::kBeforeAuth, Send("16505550000")));  // not matching: not counted
  EXPECT_TRUE(store.Check(FaultStage::kBeforeAuth, Send("16505551234")));
  auto second = store.Check(FaultStage::kBeforeAuth, Send("16505551234"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->fired, 2u);
  EXPECT_TRUE(second->finished());
  EXPECT_FALSE(store.Check(FaultStage::kBeforeAuth, Send("16505551234")));
  EXPECT_FALSE(store.Armed(FaultStage::kBeforeAuth));
  auto listed = store.List();
  ASSERT_EQ(listed.size(), 1u);  // kept, marked finished
  EXPECT_TRUE(listed[0].finished());
  EXPECT_EQ(listed[0].matched, 2u);
  EXPECT_EQ(listed[0].remaining(), 0u);
}

TEST(FaultStoreTest, EveryNthFiresOnTheNthOfTheMatchingRequests) {
  FaultStore store;
  store.Add(Parse(R"({"every":3,"status":500})"));
  std::vector<int> fired_at;
  for (int i = 1; i <= 9; ++i)
    if (store.Check(FaultStage::kBeforeAuth, Send("1"))) fired_at.push_back(i);
  EXPECT_EQ(fired_at, (std::vector<int>{3, 6, 9}));
  // With times: every 2nd, at most twice.
  store.Clear();
  store.Add(Parse(R"({"every":2,"times":2,"status":500})"));
  fired_at.clear();
  for (int i = 1; i <= 8; ++i)
    if (store.Check(FaultStage::kBeforeAuth, Send("1"))) fired_at.push_back(i);
  EXPECT_EQ(fired_at, (std::vector<int>{2, 4}));
}

TEST(FaultStoreTest, FirstRuleThatFiresWinsAndStagesAreSeparate) {
  FaultStore store;
  store.Add(Parse(R"({"every":2,"status":500})"));
  store.Add(Parse(R"({"status":503})"));
  store.Add(Parse(R"({"error":{"code":131000}})"));
  // Request 1: rule 1 counts it but does not fire; rule 2 fires.
  EXPECT_EQ(store.Check(FaultStage::kBeforeAuth, Send("1"))->id, "flt_2");
  // Request 2: rule 1 fires; rule 2 never sees it.
  EXPECT_EQ(store.Check(FaultStage::kBeforeAuth, Send("1"))->id, "flt_1");
  EXPECT_EQ(store.Check(FaultStage::kAfterAuth, Send("1"))->id, "flt_3");
  auto rules = store.List();
  EXPECT_EQ(rules[0].matched, 2u);
  EXPECT_EQ(rules[1].matched, 1u);
  EXPECT_EQ(rules[2].matched, 1u);
}

TEST(FaultStoreTest, RemoveClearAndResetIds) {
  FaultStore store;
  EXPECT_FALSE(store.Armed(FaultStage::kAfterAuth));
  store.Add(Parse(R"({"error":{"code":131000}})"));
  store.Add(Parse(R"({"status":503})"));
  EXPECT_TRUE(store.Armed(FaultStage::kAfterAuth));
  EXPECT_TRUE(store.Remove("flt_1"));
  EXPECT_FALSE(store.Remove("flt_1"));
  EXPECT_FALSE(store.Armed(FaultStage::kAfterAuth));
  EXPECT_EQ(store.Clear(), 1u);
  EXPECT_EQ(store.Add(Parse(R"({"status":503})")).id, "flt_3");  // Clear keeps counting ids
  store.Reset();
  EXPECT_TRUE(store.List().empty());
  EXPECT_EQ(store.Add(Parse(R"({"status":503})")).id, "flt_1");  // Reset restarts them
}

}  // namespace
}  // namespace wasim::faults
