#include "simulator/core/log.h"

#include <cstdio>
#include <utility>

#include "simulator/core/json.h"

namespace wasim {
namespace {

// "2026-12-02 15:44:55.123" (UTC): the wall time column of a human line.
std::string LogWallColumn(TimeMs t) {
  std::string s = FormatIso8601(t);
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  if (!s.empty() && s.back() == 'Z') s.pop_back();
  return s;
}

std::string LogLevelColumn(LogLevel level) {
  std::string s = LogLevelName(level);
  for (char& c : s) c = static_cast<char>(c - 'a' + 'A');
  s.resize(5, ' ');
  return s;
}

std::string LogHumanPrefix(TimeMs real, TimeMs virt, LogLevel level) {
  return LogWallColumn(real) + " [virtual " + FormatIso8601(virt) + "] " + LogLevelColumn(level) + " ";
}

std::string LogLatency(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), ms < 10 ? "%.1fms" : "%.0fms", ms);
  return buf;
}

std::string LogDumpLine(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json LogJsonHead(TimeMs real, TimeMs virt, LogLevel level, const char* event) {
  Json j = Json::object();
  j["time"] = FormatIso8601(real);
  j["virtual_time"] = FormatIso8601(virt);
  j["level"] = LogLevelName(level);
  j["event"] = event;
  return j;
}

}  // namespace

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (LogLevel l : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError})
    if (name == LogLevelName(l)) return l;
  if (name == "warning") return LogLevel::kWarn;
  return std::nullopt;
}

std::optional<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "human") return LogFormat::kHuman;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

LogLevel LevelOf(const RequestLogEntry& e) {
  // Assumption (ours): a 5xx from the admin API is a bug worth seeing; the
  // admin calls a test makes are otherwise its own, so debug.
  if (e.admin) return e.status >= 500 ? LogLevel::kError : LogLevel::kDebug;
  return LogLevel::kInfo;
}

LogLevel LevelOf(const WebhookLogEntry& e) {
  if (e.outcome == "delivered") return LogLevel::kInfo;
  if (e.outcome == "given_up") return LogLevel::kError;
  return LogLevel::kWarn;
}

namespace {
// A client chooses the method and the (decoded) path: control bytes are shown
// escaped (\xNN) so that a %0A in a URL cannot forge a line of the log.
std::string LogPrintable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  static const char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}
}  // namespace

std::string FormatLogLine(const RequestLogEntry& e, LogFormat format) {
  LogLevel level = LevelOf(e);
  if (format == LogFormat::kJson) {
    Json j = LogJsonHead(e.real_time, e.virtual_time, level, "request");
    j["method"] = e.method;
    j["path"] = e.path;
    j["status"] = e.status;
    j["error_code"] = e.error_code ? Json(e.error_code) : Json(nullptr);
    j["latency_ms"] = static_cast<double>(static_cast<long long>(e.latency_ms * 10 + 0.5)) / 10;
    if (e.admin) j["admin"] = true;
    return LogDumpLine(j);
  }
  std::string s = LogHumanPrefix(e.real_time, e.virtual_time, level) + LogPrintable(e.method) + " " +
                  LogPrintable(e.path) + " -> ";
  s += e.status == 0 ? std::string("dropped") : std::to_string(e.status);
  if (e.error_code) s += " (#" + std::to_string(e.error_code) + ")";
  s += " " + LogLatency(e.latency_ms);
  return s;
}

std::string FormatLogLine(const WebhookLogEntry& e, LogFormat format) {
  LogLevel level = LevelOf(e);
  if (format == LogFormat::kJson) {
    Json j = LogJsonHead(e.real_time, e.virtual_time, level, "webhook");
    j["delivery_id"] = e.delivery_id;
    j["field"] = e.field;
    j["url"] = e.url;
    j["attempt"] = e.attempt;
    j["status"] = e.response_status ? Json(e.response_status) : Json(nullptr);
    j["error"] = e.error.empty() ? Json(nullptr) : Json(e.error);
    j["outcome"] = e.outcome;
    j["next_attempt_at"] = e.next_attempt_at ? Json(FormatIso8601(*e.next_attempt_at)) : Json(nullptr);
    j["latency_ms"] = e.latency_ms;
    return LogDumpLine(j);
  }
  std::string s = LogHumanPrefix(e.real_time, e.virtual_time, level) + "webhook " + e.delivery_id + " " +
                  e.field + " -> " + e.url + ": ";
  if (!e.error.empty())
    s += e.error;
  else
    s += "HTTP " + std::to_string(e.response_status);
  s += " (attempt " + std::to_string(e.attempt);
  if (e.outcome == "delivered")
    s += ", delivered";
  else if (e.outcome == "given_up")
    s += ", given up";
  else if (e.next_attempt_at)
    s += ", retry at " + FormatIso8601(*e.next_attempt_at);
  s += ") " + LogLatency(e.latency_ms);
  return s;
}

void StreamLogSink::Write(LogLevel, const std::string& line) {
  std::string out = line + "\n";
  std::lock_guard lock(mu_);
  std::fwrite(out.data(), 1, out.size(), out_);
  std::fflush(out_);
}

void MemoryLogSink::Write(LogLevel level, const std::string& line) {
  std::lock_guard lock(mu_);
  lines_.emplace_back(level, line);
}

std::vector<std::string> MemoryLogSink::Lines() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [level, line] : lines_) out.push_back(line);
  return out;
}

std::vector<std::string> MemoryLogSink::LinesAt(LogLevel at) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [level, line] : lines_)
    if (level == at) out.push_back(line);
  return out;
}

Logger::Logger(std::shared_ptr<LogSink> sink, LogLevel min_level, LogFormat format, WallTimeSource wall)
    : sink_(std::move(sink)), min_level_(min_level), format_(format), wall_(std::move(wall)) {}

void Logger::Log(RequestLogEntry e) const {
  LogLevel level = LevelOf(e);
  if (!Enabled(level) || !sink_) return;
  if (e.real_time == 0 && wall_) e.real_time = wall_();
  sink_->Write(level, FormatLogLine(e, format_));
}

void Logger::Log(WebhookLogEntry e) const {
  LogLevel level = LevelOf(e);
  if (!Enabled(level) || !sink_) return;
  if (e.real_time == 0 && wall_) e.real_time = wall_();
  sink_->Write(level, FormatLogLine(e, format_));
}

}  // namespace wasim
