#include "simulator/domain/messages/recipient.h"

#include <array>
#include <cctype>

namespace wasim {

std::string CallingCodeOf(std::string_view d) {
  // ITU-T E.164 codes: 1 and 7 are one digit; the listed two-digit codes;
  // everything else three digits.
  static constexpr std::array<std::string_view, 44> kTwoDigit = {
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
      "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
      "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"};
  if (d.empty()) return "";
  if (d[0] == '1' || d[0] == '7') return std::string(d.substr(0, 1));
  if (d.size() >= 2)
    for (auto code : kTwoDigit)
      if (d.substr(0, 2) == code) return std::string(code);
  return std::string(d.substr(0, 3));
}

std::optional<std::string> NormalizeRecipient(std::string_view to, std::string_view business_number) {
  bool plus = false;
  std::string digits;
  for (size_t i = 0; i < to.size(); ++i) {
    char c = to[i];
    if (c == '+' && digits.empty() && !plus)
      plus = true;
    else if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c == '-' || c == '(' || c == ')' || c == ' ')
      continue;
    else
      return std::nullopt;
  }
  if (!plus) {
    std::string cc = CallingCodeOf(business_number);
    bool looks_international = digits.size() >= 11 && digits.compare(0, cc.size(), cc) == 0;
    if (!looks_international) digits = cc + digits;
  }
  if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
  return digits;
}

}  // namespace wasim
