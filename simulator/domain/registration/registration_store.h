// What the registration area remembers about each business number beyond the
// number's own fields (PhoneNumber: registered, status, platform_type,
// code_verification_status, pin, undelivered_code_methods): the verification
// codes sent, wrong guesses and lockouts, and the register/deregister request
// windows. Plain data inside SimState, under the Simulator lock; the rules
// that read and write it are in service.cc.
#pragma once
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/time.h"
#include "simulator/domain/lifecycle/slot.h"
#include "simulator/domain/world/phone_enums.h"

namespace wasim::registration {

// Whether the number is registered with Cloud API (the number_registration machine).
enum class RegistrationState { kUnregistered, kRegistered };
// Whether the number has a two-step verification PIN (two_step_verification machine).
enum class TwoStepState { kDisabled, kEnabled };

// One verification code Meta sent (or tried to send) for POST /{id}/request_code.
struct SentCode {
  std::string method;  // SMS | VOICE
  std::string language;
  std::string code;  // 6 digits
  TimeMs sent_at = 0;
  TimeMs expires_at = 0;
  bool delivered = true;  // false: the number's carrier filter lost it
  bool used = false;      // accepted by verify_code
};

// Requests in a moving window, and the block the window's overflow started.
struct WindowedLimit {
  std::deque<TimeMs> requests;          // accepted requests, oldest first
  std::optional<TimeMs> blocked_until;  // the 11th request blocked the endpoint until then
};

struct NumberRegistration {
  std::vector<SentCode> codes;                           // oldest first; the last one is the only valid code
  std::deque<TimeMs> code_requests;                      // every request_code accepted (all methods)
  std::map<std::string, TimeMs> last_request_by_method;  // SMS/VOICE -> when last accepted
  int wrong_code_guesses = 0;                            // since the last code was sent or accepted
  std::optional<TimeMs> code_guess_locked_until;         // "You have guessed too many times."
  std::optional<TimeMs> verified_at;                     // the last accepted verify_code
  std::optional<TimeMs> registered_until;                // the last instant the number was seen registered
  std::vector<TimeMs> wrong_pin_guesses;   // register with a mismatching PIN, since the last lock
  std::optional<TimeMs> pin_locked_until;  // 133008 until then
  WindowedLimit register_limit;
  WindowedLimit deregister_limit;
  std::string data_localization_region;  // register's local-storage country ("" none)
  // When the number's previous WhatsApp account was deleted (133015 for 5 minutes).
  std::optional<TimeMs> previous_account_deleted_at;
  // The lifecycle slots (lifecycle.h). The number's fields are the published
  // state other areas read and the admin may set, so a move first adopts them
  // (service.cc); the slots hold no pending decision.
  LifecycleSlot<CodeVerificationStatus> verification{CodeVerificationStatus::kVerified};
  LifecycleSlot<RegistrationState> registration{RegistrationState::kRegistered};
  LifecycleSlot<TwoStepState> two_step{TwoStepState::kDisabled};
};

class RegistrationStore {
 public:
  // The number's record, created empty on first use.
  NumberRegistration& Of(const std::string& phone_number_id) { return by_phone_[phone_number_id]; }
  // nullptr when nothing was ever recorded for the number.
  const NumberRegistration* Find(const std::string& phone_number_id) const {
    auto it = by_phone_.find(phone_number_id);
    return it == by_phone_.end() ? nullptr : &it->second;
  }

  // Every number's record (state export).
  const std::map<std::string, NumberRegistration>& all() const { return by_phone_; }

 private:
  std::map<std::string, NumberRegistration> by_phone_;
};

}  // namespace wasim::registration
