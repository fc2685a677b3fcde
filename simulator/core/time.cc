#include "simulator/core/time.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <limits>

namespace wasim {
namespace {

std::optional<DurationMs> UnitValue(std::string_view unit) {
  if (unit == "ms") return kMillisecond;
  if (unit == "s") return kSecond;
  if (unit == "m") return kMinute;
  if (unit == "h") return kHour;
  if (unit == "d") return kDay;
  if (unit == "w") return 7 * kDay;
  return std::nullopt;
}

// Days from civil date (Howard Hinnant's algorithm); avoids timegm/locale.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<DurationMs> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  DurationMs total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 1'000'000'000'000LL) return std::nullopt;
      ++i;
    }
    size_t j = i;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    auto unit = UnitValue(text.substr(i, j - i));
    if (!unit) return std::nullopt;
    // Out of range (not undefined behaviour): n * unit or the sum past int64.
    if (n > std::numeric_limits<std::int64_t>::max() / *unit) return std::nullopt;
    if (total > std::numeric_limits<std::int64_t>::max() - n * *unit) return std::nullopt;
    total += n * *unit;
    i = j;
  }
  return total;
}

std::string FormatDuration(DurationMs d) {
  if (d == 0) return "0s";
  std::string out;
  if (d < 0) {
    out = "-";
    d = -d;
  }
  const std::pair<DurationMs, const char*> parts[] = {
      {kDay, "d"}, {kHour, "h"}, {kMinute, "m"}, {kSecond, "s"}, {kMillisecond, "ms"}};
  for (auto [unit, suffix] : parts) {
    if (d >= unit) {
      out += std::to_string(d / unit) + suffix;
      d %= unit;
    }
  }
  return out;
}

std::string FormatIso8601(TimeMs t) {
  std::int64_t secs = t >= 0 ? t / 1000 : (t - 999) / 1000;
  int ms = static_cast<int>(t - secs * 1000);
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::optional<TimeMs> ParseIso8601(std::string_view text) {
  int y, mo, d, h, mi, s, ms = 0;
  std::string str(text);
  int consumed = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6)
    return std::nullopt;
  std::string_view rest = text.substr(static_cast<size_t>(consumed));
  if (!rest.empty() && rest[0] == '.') {
    size_t k = 1;
    int digits = 0;
    while (k < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k]))) {
      if (digits < 3) {
        ms = ms * 10 + (rest[k] - '0');
        ++digits;
      }
      ++k;
    }
    while (digits++ < 3) ms *= 10;
    rest = rest.substr(k);
  }
  if (rest != "Z" && rest != "+00:00") return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60 * 1000LL + s * 1000LL + ms;
}

}  // namespace wasim
