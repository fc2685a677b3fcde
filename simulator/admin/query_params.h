// Query-string values shared by the admin listings.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "simulator/http/http_types.h"

namespace wasim {

// "" leaves *out unchanged; otherwise an integer 1..max. False when malformed.
bool ParseLimit(const std::string& text, size_t max, size_t* out);
// A non-negative decimal integer. False when malformed.
bool ParseUint64(const std::string& text, std::uint64_t* out);
// "" when every query parameter of `req` is in `allowed`; otherwise the
// message of a 400 naming the first unknown one and the allowed ones.
std::string CheckQueryParams(const HttpRequest& req, const std::vector<std::string>& allowed);

}  // namespace wasim
