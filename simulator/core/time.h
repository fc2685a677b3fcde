// Virtual time as plain integers: milliseconds since the Unix epoch.
// Every domain rule works on these values; only a Clock produces "now".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wasim {

using TimeMs = std::int64_t;      // instant, ms since 1970-01-01T00:00:00Z
using DurationMs = std::int64_t;  // span in ms

constexpr DurationMs kMillisecond = 1;
constexpr DurationMs kSecond = 1000;
constexpr DurationMs kMinute = 60 * kSecond;
constexpr DurationMs kHour = 60 * kMinute;
constexpr DurationMs kDay = 24 * kHour;

// Unix seconds, as Meta puts them in webhooks ("timestamp":"1749416383").
inline std::int64_t UnixSeconds(TimeMs t) { return t / 1000; }
inline std::string UnixSecondsString(TimeMs t) { return std::to_string(UnixSeconds(t)); }

// Parses "90s", "36h", "13d", "250ms", "5m", "1d12h" (sum of parts). nullopt when malformed.
std::optional<DurationMs> ParseDuration(std::string_view text);
// Formats a duration compactly, e.g. 1d12h, 90s, 250ms.
std::string FormatDuration(DurationMs d);
// ISO-8601 UTC with milliseconds, e.g. 2026-01-01T00:00:00.000Z.
std::string FormatIso8601(TimeMs t);
// Parses "2026-01-01T00:00:00Z" (optionally with .mmm). nullopt when malformed.
std::optional<TimeMs> ParseIso8601(std::string_view text);

}  // namespace wasim
