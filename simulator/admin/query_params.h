// Query-string values shared by the admin listings.
#pragma once
#include <cstdint>
#include <string>

namespace wasim {

// "" leaves *out unchanged; otherwise an integer 1..max. False when malformed.
bool ParseLimit(const std::string& text, size_t max, size_t* out);
// A non-negative decimal integer. False when malformed.
bool ParseUint64(const std::string& text, std::uint64_t* out);

}  // namespace wasim
