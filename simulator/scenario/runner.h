// Replays a scenario headless (`wasim run`): drives the manual clock instant
// by instant, fires the timeline's steps at their times or when a fact
// matches their trigger, runs their actions through the same Graph pipeline
// and admin API a client uses, then checks the expectations and reports a
// readable transcript. Same scenario, same seed: the same report, byte for byte.
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "simulator/admin/admin_api.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/pipeline.h"
#include "simulator/scenario/match.h"
#include "simulator/scenario/receiver.h"
#include "simulator/scenario/scenario.h"

namespace wasim::scenario {

struct TranscriptLine {
  TimeMs at = 0;
  std::uint64_t seq =
      0;             // orders lines of one instant (facts by their number, steps before what they caused)
  std::string kind;  // step | api_call | status | inbound | webhook | <fact type>
  std::string text;
};

struct ExpectationResult {
  std::string name;
  SourcePos pos;
  bool passed = false;
  // A loaded scenario's expectation whose `by` the clock has not reached yet
  // (it can still change); never set by `wasim run`, which runs past them all.
  bool pending = false;
  std::string detail;  // what was found (the evidence), pass or fail
};

struct RunReport {
  std::string scenario;
  std::string file;
  std::uint64_t seed = 0;
  TimeMs start = 0;
  TimeMs end = 0;
  std::vector<TranscriptLine> transcript;
  std::vector<ExpectationResult> expectations;
  bool passed() const;
};

// "+1d2h": `at` relative to the scenario's start.
std::string Offset(TimeMs at, TimeMs start);

// The token scripted Graph calls use unless the world has none of the default world's.
constexpr const char* kScenarioCallbackUrl = "http://wasim-run.invalid/webhook";

// The webhooks the app received (answered 2xx counts as delivered).
using DeliveriesSource = std::function<std::vector<ReceivedWebhook>()>;

class ScenarioRunner {
 public:
  ScenarioRunner(const Scenario& scenario, Simulator& sim, GraphPipeline& graph, AdminApi& admin,
                 DeliveriesSource deliveries, std::uint64_t seed);

  // Headless (`wasim run`): the simulator runs on a manual clock with the
  // run's receiver as its webhook sender; apps without a callback URL get it.
  RunReport Run();

  // Driven by a running server (ScenarioSession): Begin at the load, then
  // after every processed instant RunDueSteps (outside the Simulator lock).
  // A session's runner leaves settling to the session (it runs inside an advance).
  void Begin(bool route_apps_to_receiver, bool settle_after_calls = true);
  // Runs every step due by now (and triggers that matched); true when any ran.
  bool RunDueSteps();
  // When the next timed or triggered step is due, if any.
  std::optional<TimeMs> NextStepDue() const;
  // The report as of now (pending: expectations whose `by` is still ahead).
  RunReport Report(bool with_transcript = true);
  ~ScenarioRunner();
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;
  TimeMs start() const { return start_; }
  size_t steps_fired() const;
  bool executed(size_t step) const { return step < executed_flags_.size() && executed_flags_[step]; }

 private:
  void ExecuteStep(size_t index);
  HttpResponse Call(const Action& a);
  void CheckTriggers();
  // Visits the facts after `after`, a page per lock hold; returns the last seq read.
  std::uint64_t ForEachFact(std::uint64_t after, const std::function<void(const Fact&)>& visit);
  TimeMs End() const;
  void BuildTranscript(RunReport& report);
  ExpectationResult Check(const Expectation& e);
  ExpectationResult CheckWebhook(const Expectation& e, const Json& where);
  ExpectationResult CheckFacts(const Expectation& e, const Json& where, bool calls);
  ExpectationResult CheckMessage(const Expectation& e, const Json& where);
  bool InWindow(const Expectation& e, TimeMs at) const;

  const Scenario& scenario_;
  Simulator& sim_;
  GraphPipeline& graph_;
  AdminApi& admin_;
  DeliveriesSource deliveries_;
  std::uint64_t seed_;
  TimeMs start_ = 0;
  Variables vars_;
  std::vector<bool> fired_;
  std::set<std::pair<TimeMs, size_t>> due_;  // steps not yet run: (due time, index into scenario.steps)
  size_t executed_ = 0;
  std::vector<bool> executed_flags_;
  bool settle_after_calls_ = true;
  std::vector<size_t> armed_;  // steps with a trigger that has not fired
  std::uint64_t trigger_cursor_ = 0;
  std::optional<FactLog::PinId> pin_;  // keeps the facts since the start
  std::vector<TranscriptLine> step_lines_;
};

}  // namespace wasim::scenario
