// HMAC-SHA256 (OpenSSL) as Meta uses for X-Hub-Signature-256.
#pragma once
#include <string>
#include <string_view>

namespace wasim {

// Lowercase hex of HMAC-SHA256(key, data).
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Lowercase hex of SHA-256(data) (media sha256 fields).
std::string Sha256Hex(std::string_view data);
// Constant-time comparison.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace wasim
