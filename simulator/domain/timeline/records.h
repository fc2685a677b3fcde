// Timeline records: the typed, serialisable work the simulated Meta side will
// do at a virtual instant. Each carries only ids and small parameters (never
// pointers or closures), so pending work can be listed (GET /_sim/timeline),
// cancelled, and written to and read back from JSON (persistence).
//
// Adding a kind: add a struct here, its name and codec in records_json.cc, and
// register its handler at wiring time (TimelineHandlers::On). A test checks
// that every kind round-trips through JSON.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "simulator/core/errors.h"
#include "simulator/domain/messages/message_status.h"

namespace wasim {

// Version of the JSON of timeline records and facts (README "Timeline and
// facts"). Bump on any incompatible change; readers refuse newer versions.
constexpr int kRecordFormatVersion = 1;

// A message status step: `sent` (then a delivery attempt when then_deliver),
// `delivered` (a delivery attempt: the recipient may be offline or gone) or
// `read` (applies when the recipient reads automatically).
struct StatusDue {
  std::string wamid;
  MessageStatus status = MessageStatus::kSent;
  bool then_deliver = true;  // only for `sent`
};

// A message fails with `error` (post-acceptance rules: 131026, 131047, 131042...).
struct FailDue {
  std::string wamid;
  GraphError error;
};

// A media object's lifetime ends: its id stops resolving.
struct MediaExpiryDue {
  std::string media_id;
};

// The messaging-limit upgrade check for a business portfolio.
struct LimitUpgradeDue {
  std::string business_id;
};

// A webhook delivery attempt is due (the outbox attempts it after the instant).
struct WebhookAttemptDue {
  std::string delivery_id;
};

// A lifecycle's pending decision (lifecycle/lifecycle.h): at its due time the
// object of `machine` moves to state `to` (a state name of that machine).
struct LifecycleDue {
  std::string machine;
  std::string object_id;
  std::string to;
};

// A loaded scenario's wake-up: a step (or an expectation's `by`) falls due;
// the scenario session acts after the instant, outside the state lock.
struct ScenarioWakeDue {
  std::string what;  // "step 3", "expect 1"
};

// Coexistence sync (POST /{id}/smb_app_data): the next webhook of a number's
// contacts or history sync is due; `step` counts the pieces already sent.
struct BusinessAppSyncDue {
  std::string phone_number_id;
  std::string sync_type;  // smb_app_state_sync | history
  int step = 0;
};

using DueRecord = std::variant<StatusDue, FailDue, MediaExpiryDue, LimitUpgradeDue, WebhookAttemptDue,
                               LifecycleDue, ScenarioWakeDue, BusinessAppSyncDue>;

// "status_due", "fail_due", ... (the `kind` in JSON and in filters).
const char* KindName(const DueRecord& r);
// Every kind name, in declaration order.
const std::vector<std::string>& AllKindNames();
// The ids a record is about (wamid, template id, ...), for the `object` filter.
std::string ObjectIdOf(const DueRecord& r);

}  // namespace wasim
