// Small ASCII text helpers shared by the modules (one definition each).
#pragma once
#include <string>

namespace wasim {

// "marketing" -> "MARKETING" (ASCII only; other bytes unchanged).
std::string AsciiUpper(std::string s);

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string PercentEncode(const std::string& s);

// "v24.0" -> 24 (0 when it is not a Graph version).
int GraphMajorVersion(const std::string& version);

}  // namespace wasim
