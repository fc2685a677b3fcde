// The complete state of one simulator as one JSON document, and back:
// GET/PUT /_sim/state, snapshots (POST /_sim/snapshots) and SQLite
// persistence all use this document, so "stop and start loses nothing".
//
//   {"format":"wasim-state","version":1,
//    "time":{"now_ms":…,"now":"2026-01-01T00:00:00.000Z"},
//    "ids":{"seed":42,"generator":"…"},             // the seeded generator's exact position
//    "world":{"accounts":…,"customers":…,"relations":…,"config":…},
//    "messages":{"outbound":[…],"inbound":[…]},      // journals, in arrival order
//    "media":{"store":…,"blobs":{"<sha256>":"<base64>"}},
//    "message_templates":…, "rules":…, "coexistence":…, "onboarding":…,
//    "registration":…, "uploads":…,
//    "timeline":{"format_version":1,"next_id":…,"pending":[…]},   // every DueRecord kind
//    "facts":{"format_version":1,"last_seq":…,"last_event_seq":…,"retained":[…]},
//    "faults":{"next_id":…,"rules":[…]},
//    "webhooks":{"cursor":…,"next_seq":…,"rng":"…","deliveries":[…]}}
//
// Not in the document: the initial world Reset() returns to, the webhook
// outbox's options and the fact retention (server settings), a loaded
// scenario's progress, and sandboxes (each has its own document).
// Thread-safety: both functions take the Simulator's locks themselves; call
// them without holding any (not from an after-step hook).
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/domain/simulator.h"
#include "simulator/webhooks/outbox.h"

namespace wasim::persist {

inline constexpr const char* kStateFormat = "wasim-state";
// Bump on an incompatible change; a reader refuses newer versions.
inline constexpr int kStateVersion = 1;

// The document, consistent: the state is copied under one hold of the state
// lock and turned into JSON after it is released (fault rules, which have a
// lock of their own, are read right after).
Json ExportState(Simulator& sim, webhooks::Outbox& outbox);

// Replaces everything with the document's state: all or nothing. The whole
// document is read into fresh stores first; on any problem nothing changes and
// the problem is returned, naming the JSON path ("at $.messages.outbound[3].
// statuses[0].status: expected one of accepted, sent, …"). Then it is swapped
// in under the locks: a manual clock stands at the document's time, a
// realtime clock continues from it; what is due goes out as usual.
std::optional<std::string> ImportState(Simulator& sim, webhooks::Outbox& outbox, const Json& doc);

// A few counts of a document (snapshot listings): messages, timeline, ...
Json StateCounts(const Json& doc);

}  // namespace wasim::persist
