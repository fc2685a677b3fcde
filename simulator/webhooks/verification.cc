#include "simulator/webhooks/verification.h"

#include <cctype>

#include "simulator/core/text.h"

namespace wasim::webhooks {
namespace {

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string HandshakeUrl(const std::string& callback_url, const std::string& verify_token,
                         const std::string& challenge) {
  std::string base = callback_url.substr(0, callback_url.find('#'));
  char sep = base.find('?') == std::string::npos ? '?' : '&';
  return base + sep + "hub.mode=subscribe&hub.challenge=" + PercentEncode(challenge) +
         "&hub.verify_token=" + PercentEncode(verify_token);
}

Status VerifyCallback(WebhookSender& sender, const std::string& callback_url, const std::string& verify_token,
                      const std::string& challenge) {
  if (auto u = ParseCallbackUrl(callback_url); !u) return u.error();
  OutboundRequest req;
  req.method = "GET";
  req.url = HandshakeUrl(callback_url, verify_token, challenge);
  SendResult r = sender.Send(req);
  if (!r.error.empty()) return CallbackVerificationFailedError("Couldn't connect to server: " + r.error);
  if (r.status != 200)
    return CallbackVerificationFailedError("HTTP Status Code = " + std::to_string(r.status));
  // Assumption: surrounding whitespace (a trailing newline) is tolerated.
  if (Trimmed(r.body) != challenge)
    return CallbackVerificationFailedError(
        "The URL couldn't be validated. Response does not match challenge, expected value=\"" + challenge +
        "\", received=\"" + Trimmed(r.body).substr(0, 100) + "\"");
  return {};
}

}  // namespace wasim::webhooks
