// Onboarding state: Embedded Signup codes waiting to be exchanged for a
// token, and WABAs whose share with a partner app is still to be announced.
#pragma once
#include <map>
#include <string>

#include "simulator/core/time.h"

namespace wasim::onboarding {

// Meta (embedded-signup/implementation): the exchangeable code lives 30 s.
constexpr DurationMs kDefaultCodeTtl = 30 * kSecond;

struct SignupCode {
  std::string app_id;
  std::string business_id;
  std::string waba_id;
  TimeMs issued_at = 0;
  bool used = false;
};

struct OnboardingStore {
  std::map<std::string, SignupCode> codes;  // by code
  // WABA id -> the app it was shared with, until that app subscribes
  // (PARTNER_ADDED is announced then: see service.h).
  std::map<std::string, std::string> unannounced_shares;
  DurationMs code_ttl = kDefaultCodeTtl;
};

}  // namespace wasim::onboarding
