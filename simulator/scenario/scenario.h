// A scenario: a world, a timeline of what happens on Meta's side, the
// customers' side and the app's side on the virtual clock, and what must (or
// must not) have happened. Loaded from YAML (loader.h), replayed by the runner
// (runner.h). Plain data: no YAML, no HTTP.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/world/world_builder.h"

namespace wasim::scenario {

constexpr int kFormatVersion = 1;

// Where something was written (for messages that point at the file).
struct SourcePos {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

// What the simulated webhook receiver of `wasim run` answers (virtual time).
struct ReceiverOutage {
  DurationMs from = 0;  // since the scenario start
  DurationMs until = 0;
  int status = 503;  // 0: no answer (connection refused)
};

// One action of a step. Exactly one of the kinds is set.
struct Action {
  enum class Kind { kGraph, kInbound, kCustomer, kAdmin, kAdvance };
  Kind kind = Kind::kGraph;
  // kGraph: the app's Graph call (path relative to the host, e.g. /v23.0/{id}/messages).
  // kAdmin: a Meta-side change through the admin API (/_sim/...).
  std::string method = "POST";
  std::string path;
  Json body;  // null: no body. kInbound: POST /_sim/inbound's body; kCustomer: PUT /_sim/customers/{wa_id}'s
              // body
  std::string wa_id;       // kCustomer
  std::string token;       // kGraph: the access token (default: the default world's)
  DurationMs advance = 0;  // kAdvance
  std::string save;        // a variable that keeps the answer's id (wamid, media or template id);
                           // "name=dotted.path": the answer's value at that path
};

// When a step fires: at a time, or when a fact matches.
struct Trigger {
  std::string fact_type;        // api_call, message_accepted, status_changed, webhook_attempted, ...
  Json where = Json::object();  // dotted path -> value, over the fact's JSON
};

struct Step {
  SourcePos pos;
  std::string name;
  // Either a time (since the scenario start), or a trigger (+ `delay` after it).
  std::optional<DurationMs> at;
  std::optional<Trigger> on;
  DurationMs delay = 0;
  std::vector<Action> actions;
};

// How many matches an expectation wants.
struct Count {
  long min = 1;
  long max = -1;  // -1: no upper bound
};

struct Expectation {
  enum class Kind { kWebhook, kFact, kMessage, kCalls };
  SourcePos pos;
  std::string name;
  Kind kind = Kind::kWebhook;
  std::string field = "messages";  // kWebhook
  std::string fact_type;           // kFact
  Json where = Json::object();     // dotted path -> expected value
  Count count;
  std::optional<DurationMs> from;  // window start (since the scenario start)
  std::optional<DurationMs> by;    // window end
};

struct Scenario {
  std::string file;
  int version = kFormatVersion;
  std::string name;
  std::string description;
  std::optional<std::uint64_t> seed;
  std::optional<TimeMs> start;  // absolute; default: the manual clock's start
  WorldBuilder world;           // on top of the default world unless `base: empty`
  bool default_world = true;
  std::vector<ReceiverOutage> receiver_outages;
  std::vector<Step> steps;
  std::vector<Expectation> expectations;
  DurationMs run_for = 0;  // the run lasts at least this long after the start
};

}  // namespace wasim::scenario
