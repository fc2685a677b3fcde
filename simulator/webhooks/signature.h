// X-Hub-Signature-256 as Meta sends it: "sha256=" + lowercase hex
// HMAC-SHA256 of the exact body bytes, keyed with the app secret.
#pragma once
#include <string>
#include <string_view>

namespace wasim {

std::string SignatureHeaderValue(std::string_view app_secret, std::string_view body);
// What a receiver does (Meta's Node SDK: strip "sha256=", compare the HMAC).
bool VerifySignatureHeader(std::string_view app_secret, std::string_view body, std::string_view header);

}  // namespace wasim
