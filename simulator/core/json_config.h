// Included by simulator/core/json.h just before nlohmann (never force-included:
// a consumer of the wasim libraries compiles nlohmann with its own settings).
// nlohmann::json guards misuse (e.g. const operator[] on a missing key) with
// assert(), which Release builds compile out, leaving undefined behaviour.
// We make it an exception instead, so the pipeline answers 131000 rather than
// crash. (Inside nlohmann's noexcept functions a violated invariant still ends
// the process, as an assert would.)
#pragma once
#include <stdexcept>
#include <string>

[[noreturn]] inline void WasimJsonAssertionFailed(const char* condition) {
  throw std::logic_error(std::string("nlohmann::json assertion failed: ") + condition);
}

#define JSON_ASSERT(x)                      \
  do {                                      \
    if (!(x)) WasimJsonAssertionFailed(#x); \
  } while (0)
