// Coexistence runtime state (Meta: embedded-signup/onboarding-business-app-users):
// per Coexistence number, whether it is still connected to Cloud API (a
// lifecycle with the inactivity deadline as its pending decision), which sync
// requests were made and the history pieces still to send. The app's
// contacts and chats are world data (PhoneNumber::business_app).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/time.h"
#include "simulator/domain/facts/facts.h"
#include "simulator/domain/lifecycle/slot.h"

namespace wasim::coexistence {

enum class Link { kConnected, kDisconnected };

struct NumberState {
  LifecycleSlot<Link> link{Link::kConnected, 0};
  std::optional<TimeMs> contacts_requested_at;  // smb_app_state_sync (once)
  std::optional<TimeMs> history_requested_at;   // history (once)
  std::optional<TimeMs> last_opened_at;         // the business app's last heartbeat
  std::optional<TimeMs> disconnect_due_at;      // when inactivity disconnects it
  // Why the next (or last) disconnection happens: Meta's disconnection_info.
  std::string disconnect_reason = "PRIMARY_INACTIVITY";
  std::string disconnect_initiated_by = "SYSTEM";
  std::vector<BusinessAppHistorySynced> history_pending;  // pieces in sending order
  int companions_unlinked = 0;                            // at onboarding
  // Onboarding fails with "Error while pairing Cloud API" until the business
  // app is reinstalled (onboarding module; cleared by the `reinstalled` action).
  bool pairing_error = false;
};

struct Settings {
  // Meta (account_update PARTNER_REMOVED disconnection_info): PRIMARY_INACTIVITY
  // after about 14 days without the business app opened; guides say 13.
  DurationMs inactivity_threshold = 14 * kDay;
  // Assumption: sync webhooks start this long after the request, this far apart
  // (Meta: "several minutes" in all).
  DurationMs sync_interval = 1 * kSecond;
  // Assumption: at most this many messages per history chunk.
  int messages_per_chunk = 50;
};

struct CoexistenceStore {
  std::map<std::string, NumberState> numbers;  // by phone number id
  Settings settings;

  NumberState& Of(const std::string& phone_number_id) { return numbers[phone_number_id]; }
  const NumberState* Find(const std::string& phone_number_id) const {
    auto it = numbers.find(phone_number_id);
    return it == numbers.end() ? nullptr : &it->second;
  }
};

}  // namespace wasim::coexistence
