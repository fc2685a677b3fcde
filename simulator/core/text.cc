#include "simulator/core/text.h"

#include <cctype>

namespace wasim {

std::string AsciiUpper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace wasim
