// Seeded id generation (wamids, media ids, fbtrace ids, numeric object ids),
// so a run with the same --seed produces the same ids. Thread-safe.
#pragma once
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace wasim {

class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed) : rng_(seed) {}
  void Reseed(std::uint64_t seed);
  // The generator's exact position (the engine's text form), so a restored
  // simulator continues the same id sequence (persistence).
  std::string SaveState();
  // False, and nothing changes, when `state` is not a SaveState() text.
  bool LoadState(const std::string& state);

  // Meta's wamid: "wamid." + base64 of a Thrift-compact struct holding the
  // user's number and a hex id; byte 0x11 marks business-sent, 0x12 user-sent.
  std::string Wamid(std::string_view user_number, bool business_sent);
  // Numeric Graph object id with `digits` digits (no leading zero).
  std::string NumericId(int digits = 16);
  // fbtrace_id: 23 characters of base64url alphabet, like "Az8or2yhqkZfEZ-_4Qn_Bam".
  std::string FbtraceId();
  // Lowercase hex string of n chars.
  std::string Hex(int n, bool upper = false);

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;
};

// A 64-bit Mersenne Twister's exact position as text, and back (false, and
// `engine` unchanged, when `text` is not such a text). Persistence of seeded generators.
std::string SaveEngineState(const std::mt19937_64& engine);
bool LoadEngineState(std::mt19937_64& engine, const std::string& text);

// Decodes a wamid back to (user number, business_sent); false if not ours/Meta's shape.
bool DecodeWamid(std::string_view wamid, std::string* user_number, bool* business_sent);

std::string Base64Encode(std::string_view bytes);
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace wasim
