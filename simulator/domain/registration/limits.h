// The registration area's numbers: which are Meta's documented rules and
// which are our assumptions (Meta documents no number for them).
#pragma once
#include <cstddef>

#include "simulator/core/time.h"

namespace wasim::registration {

// Meta (business-phone-numbers/registration.md, "Limitations"): 10 register
// requests per number in a 72-hour moving window; the 11th gets 133016 and the
// number cannot be registered for the next 72 hours. Same rule, counted apart,
// for deregister.
constexpr size_t kMaxRegisterRequests = 10;
constexpr DurationMs kRegisterWindow = 72 * kHour;
constexpr DurationMs kRegisterBlock = 72 * kHour;

// Meta (error codes, 133015): a recently deleted number can be registered
// again after 5 minutes.
constexpr DurationMs kRecentlyDeletedWait = 5 * kMinute;

// Meta (phone numbers / Embedded Signup): a number must be registered within
// 14 days of Embedded Signup. Assumption: after that its verification EXPIRES
// and register answers 133006 until the number is verified again.
constexpr DurationMs kRegisterDeadline = 14 * kDay;

// Meta's OpenAPI description of verify_code (v23.0): codes are "time-limited
// (typically 10 minutes) and single-use".
constexpr DurationMs kCodeLifetime = 10 * kMinute;

// Assumptions (Meta's Embedded Signup only says "You have requested your code
// too many times." and "You have guessed too many times." with a wait of
// about 12 hours): a method may be requested again 1 minute after its last
// code (WhatsApp's registration reports separate SMS and voice waits), at most
// 10 codes per number per 24 hours, and 5 wrong codes lock verify_code for 12 hours.
constexpr DurationMs kCodeResendWait = 1 * kMinute;
constexpr size_t kMaxCodeRequests = 10;
constexpr DurationMs kCodeRequestWindow = 24 * kHour;
constexpr int kMaxWrongCodes = 5;
constexpr DurationMs kCodeGuessLock = 12 * kHour;

// Assumptions (Meta names 133008 and 133009 without numbers): a wrong
// two-step PIN may be retried 10 seconds later at the earliest (133009 before
// that); the 5th wrong PIN within 12 hours locks register for 12 hours (133008).
constexpr DurationMs kPinRetryWait = 10 * kSecond;
constexpr size_t kMaxWrongPins = 5;
constexpr DurationMs kWrongPinWindow = 12 * kHour;
constexpr DurationMs kPinGuessLock = 12 * kHour;

}  // namespace wasim::registration
