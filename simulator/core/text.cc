#include "simulator/core/text.h"

#include <cctype>
#include <cstdlib>

namespace wasim {

std::string AsciiUpper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int GraphMajorVersion(const std::string& version) {
  if (version.size() < 2 || (version[0] != 'v' && version[0] != 'V')) return 0;
  return std::atoi(version.c_str() + 1);
}

}  // namespace wasim
