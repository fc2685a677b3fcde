// The console log's line formats (human and JSON) and levels, with a captured sink.
#include "simulator/core/log.h"

#include <gtest/gtest.h>

#include "simulator/core/json.h"

namespace wasim {
namespace {

constexpr TimeMs kLogTestReal = 1796225695123;     // 2026-12-02T15:34:55.123Z
constexpr TimeMs kLogTestVirtual = 1767225600000;  // 2026-01-01T00:00:00.000Z

RequestLogEntry LogTestRefusedSend() {
  RequestLogEntry e;
  e.real_time = kLogTestReal;
  e.virtual_time = kLogTestVirtual;
  e.method = "POST";
  e.path = "/v23.0/106540352242922/messages";
  e.status = 400;
  e.error_code = 131030;
  e.latency_ms = 1.24;
  return e;
}

WebhookLogEntry LogTestFailedAttempt() {
  WebhookLogEntry e;
  e.real_time = kLogTestReal;
  e.virtual_time = kLogTestVirtual + 15000;
  e.delivery_id = "whd_3";
  e.field = "messages";
  e.url = "http://127.0.0.1:3000/webhook";
  e.attempt = 3;
  e.response_status = 500;
  e.outcome = "retrying";
  e.next_attempt_at = kLogTestVirtual + 75000;
  e.latency_ms = 4;
  return e;
}

TEST(LogFormatTest, HumanRequestLineHasBothTimesMethodPathStatusCodeAndLatency) {
  EXPECT_EQ(FormatLogLine(LogTestRefusedSend(), LogFormat::kHuman),
            "2026-12-02 15:34:55.123 [virtual 2026-01-01T00:00:00.000Z] INFO  POST "
            "/v23.0/106540352242922/messages -> 400 (#131030) 1.2ms");
  RequestLogEntry ok = LogTestRefusedSend();
  ok.status = 200;
  ok.error_code = 0;
  ok.latency_ms = 12.6;
  EXPECT_EQ(FormatLogLine(ok, LogFormat::kHuman),
            "2026-12-02 15:34:55.123 [virtual 2026-01-01T00:00:00.000Z] INFO  POST "
            "/v23.0/106540352242922/messages -> 200 13ms");
  RequestLogEntry dropped = ok;
  dropped.status = 0;
  EXPECT_NE(FormatLogLine(dropped, LogFormat::kHuman).find("-> dropped"), std::string::npos);
}

TEST(LogFormatTest, AHumanLineCannotBeSplitByAPathTheClientChose) {
  RequestLogEntry forged = LogTestRefusedSend();
  forged.path = "/v23.0/x\n2026-12-02 15:34:55.123 [virtual 2026-01-01T00:00:00.000Z] INFO  POST /fake";
  std::string line = FormatLogLine(forged, LogFormat::kHuman);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_NE(line.find("/v23.0/x\\x0a2026-12-02"), std::string::npos) << line;
}

TEST(LogFormatTest, JsonRequestLineIsOneObjectWithTypedFields) {
  std::string line = FormatLogLine(LogTestRefusedSend(), LogFormat::kJson);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  Json j = Json::parse(line);
  EXPECT_EQ(j["time"], "2026-12-02T15:34:55.123Z");
  EXPECT_EQ(j["virtual_time"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["event"], "request");
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["path"], "/v23.0/106540352242922/messages");
  EXPECT_EQ(j["status"], 400);
  EXPECT_EQ(j["error_code"], 131030);
  EXPECT_DOUBLE_EQ(j["latency_ms"].get<double>(), 1.2);
  RequestLogEntry ok = LogTestRefusedSend();
  ok.error_code = 0;
  EXPECT_TRUE(Json::parse(FormatLogLine(ok, LogFormat::kJson))["error_code"].is_null());
}

TEST(LogFormatTest, HumanWebhookLineNamesFieldTargetStatusAttemptAndRetry) {
  EXPECT_EQ(FormatLogLine(LogTestFailedAttempt(), LogFormat::kHuman),
            "2026-12-02 15:34:55.123 [virtual 2026-01-01T00:00:15.000Z] WARN  webhook whd_3 messages -> "
            "http://127.0.0.1:3000/webhook: HTTP 500 (attempt 3, retry at 2026-01-01T00:01:15.000Z) 4.0ms");
  WebhookLogEntry refused = LogTestFailedAttempt();
  refused.response_status = 0;
  refused.error = "connection refused";
  refused.outcome = "given_up";
  refused.next_attempt_at.reset();
  std::string line = FormatLogLine(refused, LogFormat::kHuman);
  EXPECT_NE(line.find("ERROR webhook whd_3 messages -> http://127.0.0.1:3000/webhook: connection refused "
                      "(attempt 3, given up)"),
            std::string::npos)
      << line;
}

TEST(LogFormatTest, JsonWebhookLineCarriesStatusOrTransportError) {
  Json j = Json::parse(FormatLogLine(LogTestFailedAttempt(), LogFormat::kJson));
  EXPECT_EQ(j["event"], "webhook");
  EXPECT_EQ(j["level"], "warn");
  EXPECT_EQ(j["delivery_id"], "whd_3");
  EXPECT_EQ(j["field"], "messages");
  EXPECT_EQ(j["url"], "http://127.0.0.1:3000/webhook");
  EXPECT_EQ(j["attempt"], 3);
  EXPECT_EQ(j["status"], 500);
  EXPECT_TRUE(j["error"].is_null());
  EXPECT_EQ(j["outcome"], "retrying");
  EXPECT_EQ(j["next_attempt_at"], "2026-01-01T00:01:15.000Z");
  WebhookLogEntry refused = LogTestFailedAttempt();
  refused.response_status = 0;
  refused.error = "connection refused";
  Json r = Json::parse(FormatLogLine(refused, LogFormat::kJson));
  EXPECT_TRUE(r["status"].is_null());
  EXPECT_EQ(r["error"], "connection refused");
}

TEST(LogLevelTest, LevelsOfRequestsAndWebhookOutcomes) {
  RequestLogEntry graph = LogTestRefusedSend();
  EXPECT_EQ(LevelOf(graph), LogLevel::kInfo);
  RequestLogEntry admin = graph;
  admin.admin = true;
  admin.status = 200;
  EXPECT_EQ(LevelOf(admin), LogLevel::kDebug);
  admin.status = 500;
  EXPECT_EQ(LevelOf(admin), LogLevel::kError);
  WebhookLogEntry w = LogTestFailedAttempt();
  EXPECT_EQ(LevelOf(w), LogLevel::kWarn);
  w.outcome = "delivered";
  EXPECT_EQ(LevelOf(w), LogLevel::kInfo);
  w.outcome = "given_up";
  EXPECT_EQ(LevelOf(w), LogLevel::kError);
}

TEST(LogLevelTest, ParsesNamesAndRefusesOthers) {
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("info"), LogLevel::kInfo);
  EXPECT_EQ(ParseLogLevel("warn"), LogLevel::kWarn);
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
  EXPECT_FALSE(ParseLogLevel("verbose"));
  EXPECT_FALSE(ParseLogLevel("INFO"));
  EXPECT_EQ(ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(ParseLogFormat("human"), LogFormat::kHuman);
  EXPECT_FALSE(ParseLogFormat("text"));
}

TEST(LoggerTest, WritesOnlyLinesAtOrAboveItsLevelAndStampsTheInjectedWallTime) {
  auto sink = std::make_shared<MemoryLogSink>();
  Logger logger(sink, LogLevel::kWarn, LogFormat::kJson, [] { return kLogTestReal; });
  RequestLogEntry request = LogTestRefusedSend();
  request.real_time = 0;
  logger.Log(request);  // info: below warn
  WebhookLogEntry attempt = LogTestFailedAttempt();
  attempt.real_time = 0;
  logger.Log(attempt);  // warn
  ASSERT_EQ(sink->Lines().size(), 1u);
  EXPECT_EQ(sink->LinesAt(LogLevel::kWarn).size(), 1u);
  EXPECT_EQ(Json::parse(sink->Lines()[0])["time"], "2026-12-02T15:34:55.123Z");

  auto all = std::make_shared<MemoryLogSink>();
  Logger debug(all, LogLevel::kDebug, LogFormat::kHuman, [] { return kLogTestReal; });
  RequestLogEntry admin = LogTestRefusedSend();
  admin.admin = true;
  debug.Log(admin);
  debug.Log(LogTestRefusedSend());
  EXPECT_EQ(all->Lines().size(), 2u);
  EXPECT_EQ(all->LinesAt(LogLevel::kDebug).size(), 1u);
}

}  // namespace
}  // namespace wasim
