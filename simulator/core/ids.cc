#include "simulator/core/ids.h"

#include <sstream>

namespace wasim {
namespace {
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}  // namespace

void IdGenerator::Reseed(std::uint64_t seed) {
  std::lock_guard lock(mu_);
  rng_.seed(seed);
}

std::string SaveEngineState(const std::mt19937_64& engine) {
  std::ostringstream out;
  out << engine;
  return out.str();
}

bool LoadEngineState(std::mt19937_64& engine, const std::string& text) {
  std::istringstream in(text);
  std::mt19937_64 loaded;
  in >> loaded;
  if (in.fail()) return false;
  in >> std::ws;
  if (!in.eof()) return false;
  engine = loaded;
  return true;
}

std::string IdGenerator::SaveState() {
  std::lock_guard lock(mu_);
  return SaveEngineState(rng_);
}

bool IdGenerator::LoadState(const std::string& state) {
  std::lock_guard lock(mu_);
  return LoadEngineState(rng_, state);
}

std::string IdGenerator::Hex(int n, bool upper) {
  std::lock_guard lock(mu_);
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  for (int i = 0; i < n; ++i) s += digits[rng_() % 16];
  return s;
}

std::string IdGenerator::Wamid(std::string_view user_number, bool business_sent) {
  // Outbound ids carry 18 hex chars, inbound 20, as in Meta's examples.
  std::string hex = Hex(business_sent ? 18 : 20, true);
  std::string b;
  b += '\x1C';
  b += '\x18';
  b += static_cast<char>(user_number.size());
  b += user_number;
  b += '\x15';
  b += '\x02';
  b += '\x00';
  b += business_sent ? '\x11' : '\x12';
  b += '\x18';
  b += static_cast<char>(hex.size());
  b += hex;
  b += '\x00';
  return "wamid." + Base64Encode(b);
}

std::string IdGenerator::NumericId(int digits) {
  std::lock_guard lock(mu_);
  std::string s(1, static_cast<char>('1' + rng_() % 9));
  for (int i = 1; i < digits; ++i) s += static_cast<char>('0' + rng_() % 10);
  return s;
}

std::string IdGenerator::FbtraceId() {
  std::lock_guard lock(mu_);
  std::string s;
  for (int i = 0; i < 23; ++i) s += kB64Url[rng_() % 64];
  return s;
}

std::string Base64Encode(std::string_view in) {
  std::string out;
  size_t i = 0;
  while (i + 2 < in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
    i += 3;
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  out->clear();
  uint32_t buf = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    int v = val(c);
    if (v < 0) return false;
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return true;
}

bool DecodeWamid(std::string_view wamid, std::string* user_number, bool* business_sent) {
  constexpr std::string_view kPrefix = "wamid.";
  if (wamid.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string b;
  if (!Base64Decode(wamid.substr(kPrefix.size()), &b)) return false;
  if (b.size() < 8 || b[0] != '\x1C' || b[1] != '\x18') return false;
  size_t len = static_cast<uint8_t>(b[2]);
  if (3 + len + 4 > b.size()) return false;
  *user_number = b.substr(3, len);
  char flag = b[3 + len + 3];
  if (flag != '\x11' && flag != '\x12') return false;
  *business_sent = flag == '\x11';
  return true;
}

}  // namespace wasim
