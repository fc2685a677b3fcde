#include "simulator/webhooks/signature.h"

#include "simulator/core/hmac.h"

namespace wasim {

std::string SignatureHeaderValue(std::string_view app_secret, std::string_view body) {
  return "sha256=" + HmacSha256Hex(app_secret, body);
}

bool VerifySignatureHeader(std::string_view app_secret, std::string_view body, std::string_view header) {
  constexpr std::string_view kPrefix = "sha256=";
  if (header.substr(0, kPrefix.size()) != kPrefix) return false;
  return ConstantTimeEquals(header.substr(kPrefix.size()), HmacSha256Hex(app_secret, body));
}

}  // namespace wasim
