// Recipient numbers as Meta reads the `to` field.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace wasim {

// Country calling code at the start of an E.164 digit string ("1", "44", "91", ...).
std::string CallingCodeOf(std::string_view digits);

// Meta: `to` may contain '+', '-', '(', ')' and spaces. Without a leading '+',
// the business number's calling code is prepended (Meta's documented example:
// an Indian business sending to "(631) 555-1234" reaches +916315551234).
// Assumption: a '+'-less number that already starts with that calling code and
// has at least 11 digits is taken as international (what integrators do in
// practice and Meta delivers). nullopt when it is not a plausible number.
std::optional<std::string> NormalizeRecipient(std::string_view to, std::string_view business_number);

}  // namespace wasim
