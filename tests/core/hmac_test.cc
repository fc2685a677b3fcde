#include "simulator/core/hmac.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace wasim {
namespace {

// RFC 4231 test case 2 (HMAC-SHA-256), the value Meta's X-Hub-Signature-256 carries.
constexpr const char* kRfc4231Case2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

TEST(HmacTest, MatchesTheRfc4231VectorAndRekeysBetweenCalls) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"), kRfc4231Case2);
  // The per-thread context is re-keyed: another key, then the first again.
  EXPECT_NE(HmacSha256Hex("other", "what do ya want for nothing?"), kRfc4231Case2);
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"), kRfc4231Case2);
  // An empty key is a key (not "keep the previous one").
  EXPECT_EQ(HmacSha256Hex(std::string_view(), ""),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacTest, EveryThreadSignsTheSame) {
  std::string results[4];
  std::thread threads[4];
  for (int i = 0; i < 4; ++i)
    threads[i] = std::thread([&results, i] {
      for (int n = 0; n < 100; ++n) results[i] = HmacSha256Hex("Jefe", "what do ya want for nothing?");
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, kRfc4231Case2);
}

TEST(HmacTest, Sha256OfTheEmptyString) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace wasim
