#include "simulator/core/http_time.h"

#include <ctime>

namespace wasim {
namespace {

const char* const kHttpTimeDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
const char* const kHttpTimeMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm HttpTimeUtcParts(std::int64_t unix_seconds) {
  std::time_t s = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&s, &tm);
  return tm;
}

std::int64_t HttpTimeFloorSeconds(TimeMs t) { return t >= 0 ? t / 1000 : -((-t + 999) / 1000); }

// Unix seconds of 00:00 UTC on the n-th Sunday of `month` (0-11) of `year`.
std::int64_t NthSunday(int year, int month, int n) {
  std::tm first{};
  first.tm_year = year - 1900;
  first.tm_mon = month;
  first.tm_mday = 1;
  std::int64_t day1 = timegm(&first);
  int wday = HttpTimeUtcParts(day1).tm_wday;
  int offset = (7 - wday) % 7 + 7 * (n - 1);
  return day1 + static_cast<std::int64_t>(offset) * 86400;
}

// US daylight saving: from 02:00 PST on the second Sunday of March (10:00 UTC)
// to 02:00 PDT on the first Sunday of November (09:00 UTC).
bool PacificDaylight(std::int64_t unix_seconds) {
  int year = HttpTimeUtcParts(unix_seconds).tm_year + 1900;
  std::int64_t begins = NthSunday(year, 2, 2) + 10 * 3600;
  std::int64_t ends = NthSunday(year, 10, 1) + 9 * 3600;
  return unix_seconds >= begins && unix_seconds < ends;
}

std::string HttpTimeTwoDigits(int v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

}  // namespace

std::string FormatHttpDate(TimeMs t) {
  std::tm tm = HttpTimeUtcParts(HttpTimeFloorSeconds(t));
  std::string day(kHttpTimeDays[tm.tm_wday], 3);
  return day + ", " + HttpTimeTwoDigits(tm.tm_mday) + " " + kHttpTimeMonths[tm.tm_mon] + " " +
         std::to_string(tm.tm_year + 1900) + " " + HttpTimeTwoDigits(tm.tm_hour) + ":" +
         HttpTimeTwoDigits(tm.tm_min) + ":" + HttpTimeTwoDigits(tm.tm_sec) + " GMT";
}

std::string FormatGraphSessionTime(TimeMs t) {
  std::int64_t s = HttpTimeFloorSeconds(t);
  bool daylight = PacificDaylight(s);
  std::tm tm = HttpTimeUtcParts(s - (daylight ? 7 : 8) * 3600);
  return std::string(kHttpTimeDays[tm.tm_wday]) + ", " + HttpTimeTwoDigits(tm.tm_mday) + "-" +
         kHttpTimeMonths[tm.tm_mon] + "-" + HttpTimeTwoDigits(tm.tm_year % 100) + " " +
         HttpTimeTwoDigits(tm.tm_hour) + ":" + HttpTimeTwoDigits(tm.tm_min) + ":" +
         HttpTimeTwoDigits(tm.tm_sec) + (daylight ? " PDT" : " PST");
}

}  // namespace wasim
