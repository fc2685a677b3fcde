// The console log: one line per request and per webhook attempt ("see what
// happened"), human-readable or one JSON object per line. No global logger:
// a Logger is built by the wiring (app/) and handed to whoever logs (the HTTP
// server's request observer, the webhook outbox); without one nothing is
// logged (the in-process library's default). Lines go to an injected LogSink,
// so tests capture them (MemoryLogSink).
//
// Thread-safety: Logger is immutable after construction; sinks serialise
// their own writes (one Write is one whole line).
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/clock.h"
#include "simulator/core/time.h"

namespace wasim {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
const char* LogLevelName(LogLevel level);  // "debug", "info", "warn", "error"
std::optional<LogLevel> ParseLogLevel(std::string_view name);

enum class LogFormat { kHuman, kJson };
std::optional<LogFormat> ParseLogFormat(std::string_view name);  // "human" | "json"

// One answered HTTP request (Graph or admin).
struct RequestLogEntry {
  TimeMs real_time = 0;     // wall clock when it was answered
  TimeMs virtual_time = 0;  // the simulator's clock when it arrived
  std::string method;
  std::string path;       // without the query string
  int status = 0;         // 0: a fault dropped the connection
  int error_code = 0;     // the Graph error code of a refused Graph call; 0 otherwise
  double latency_ms = 0;  // real time from the request's arrival to its answer
  bool admin = false;     // /_sim/... (logged at debug level: the caller's own driving calls)
};

// One webhook attempt (a WebhookAttempted fact, with its latency).
struct WebhookLogEntry {
  TimeMs real_time = 0;
  TimeMs virtual_time = 0;  // the attempt's own instant
  std::string delivery_id;
  std::string field;
  std::string url;
  int attempt = 0;          // 1 = first try; retries are 2, 3, ...
  int response_status = 0;  // 0: no HTTP answer
  std::string error;        // transport error ("" when an HTTP status came back)
  std::string outcome;      // delivered | retrying | given_up
  std::optional<TimeMs> next_attempt_at;
  int latency_ms = 0;
};

// Levels: Graph requests info; admin requests debug (5xx: error); webhook
// attempts delivered info, retrying warn, given up error.
LogLevel LevelOf(const RequestLogEntry& e);
LogLevel LevelOf(const WebhookLogEntry& e);

// Human lines, e.g.
//   2026-12-02 15:44:55.123 [virtual 2026-01-01T00:00:00.000Z] INFO  POST /v23.0/1065/messages -> 400
//   (#131030) 1.2ms 2026-12-02 15:44:55.130 [virtual 2026-01-01T00:00:00.000Z] WARN  webhook whd_1 messages
//   -> http://x/wh: HTTP 500 (attempt 1, retry at ...)
// JSON: {"time","virtual_time","level","event":"request"|"webhook",...fields}.
std::string FormatLogLine(const RequestLogEntry& e, LogFormat format);
std::string FormatLogLine(const WebhookLogEntry& e, LogFormat format);

class LogSink {
 public:
  virtual ~LogSink() = default;
  // One complete line, without its trailing newline.
  virtual void Write(LogLevel level, const std::string& line) = 0;
};

// Writes each line (plus '\n') to a stdio stream in one call, under a mutex.
class StreamLogSink final : public LogSink {
 public:
  explicit StreamLogSink(std::FILE* out) : out_(out) {}
  void Write(LogLevel level, const std::string& line) override;

 private:
  std::mutex mu_;
  std::FILE* out_;
};

// Keeps every line (tests).
class MemoryLogSink final : public LogSink {
 public:
  void Write(LogLevel level, const std::string& line) override;
  std::vector<std::string> Lines() const;
  std::vector<std::string> LinesAt(LogLevel level) const;  // exactly that level

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<LogLevel, std::string>> lines_;
};

class Logger {
 public:
  // `wall` stamps each line's real time (injected: only app/ reads the system clock).
  Logger(std::shared_ptr<LogSink> sink, LogLevel min_level, LogFormat format, WallTimeSource wall);
  bool Enabled(LogLevel level) const { return level >= min_level_; }
  // Stamps real_time (when 0) and writes the line if its level is enabled.
  void Log(RequestLogEntry e) const;
  void Log(WebhookLogEntry e) const;
  TimeMs WallNow() const { return wall_(); }
  LogLevel min_level() const { return min_level_; }
  LogFormat format() const { return format_; }

 private:
  std::shared_ptr<LogSink> sink_;
  LogLevel min_level_;
  LogFormat format_;
  WallTimeSource wall_;
};

}  // namespace wasim
