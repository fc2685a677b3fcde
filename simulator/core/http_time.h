// Time as Graph writes it in HTTP: the Date header and the wording of
// expired-session errors. Both take virtual instants (never the wall clock).
#pragma once
#include <string>

#include "simulator/core/time.h"

namespace wasim {

// RFC 7231 IMF-fixdate: "Wed, 02 Dec 2026 07:36:45 GMT".
std::string FormatHttpDate(TimeMs t);

// Graph's session time, in Pacific time (PST, or PDT under US daylight
// saving): "Sunday, 27-Dec-15 02:10:15 PST". Wording from captured Graph
// errors (e.g. blynkkk/blynk-server#435, olivierbon/Placid#19, idno/Facebook#38).
std::string FormatGraphSessionTime(TimeMs t);

}  // namespace wasim
