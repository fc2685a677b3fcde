// Small ASCII text helpers shared by the modules (one definition each).
#pragma once
#include <string>

namespace wasim {

// "marketing" -> "MARKETING" (ASCII only; other bytes unchanged).
std::string AsciiUpper(std::string s);

}  // namespace wasim
