#include "simulator/core/hmac.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace wasim {
namespace {
std::string ToHex(const unsigned char* d, unsigned n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (unsigned i = 0; i < n; ++i) {
    s += digits[d[i] >> 4];
    s += digits[d[i] & 15];
  }
  return s;
}

// OpenSSL 3's one-shot HMAC() looks the algorithms up by name on every call,
// about half the cost of signing a webhook body. Each thread keeps one HMAC
// context with SHA-256 set and re-keys it per call: a per-thread cache, never
// shared, so it needs no lock and no caller sees it.
class Sha256Mac {
 public:
  Sha256Mac() : mac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)), ctx_(mac_ ? EVP_MAC_CTX_new(mac_) : nullptr) {
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (ctx_ && EVP_MAC_CTX_set_params(ctx_, params) != 1) {
      EVP_MAC_CTX_free(ctx_);
      ctx_ = nullptr;
    }
  }
  ~Sha256Mac() {
    EVP_MAC_CTX_free(ctx_);
    EVP_MAC_free(mac_);
  }
  Sha256Mac(const Sha256Mac&) = delete;
  Sha256Mac& operator=(const Sha256Mac&) = delete;

  // False when OpenSSL refused (the caller falls back to the one-shot call).
  bool Sign(std::string_view key, std::string_view data, unsigned char* out, size_t* len) {
    // A null key pointer would make OpenSSL keep the previous call's key.
    static const unsigned char kNoBytes[1] = {0};
    const unsigned char* key_bytes =
        key.data() ? reinterpret_cast<const unsigned char*>(key.data()) : kNoBytes;
    return ctx_ && EVP_MAC_init(ctx_, key_bytes, key.size(), nullptr) == 1 &&
           EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
           EVP_MAC_final(ctx_, out, len, EVP_MAX_MD_SIZE) == 1;
  }

 private:
  EVP_MAC* mac_;
  EVP_MAC_CTX* ctx_;
};

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  thread_local Sha256Mac mac;
  size_t len = 0;
  if (mac.Sign(key, data, out, &len)) return ToHex(out, static_cast<unsigned>(len));
  unsigned one_shot_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &one_shot_len);
  return ToHex(out, one_shot_len);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_sha256(), nullptr);
  return ToHex(out, len);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace wasim
