// Replays a scenario headless (`wasim run`): drives the manual clock instant
// by instant, fires the timeline's steps at their times or when a fact
// matches their trigger, runs their actions through the same Graph pipeline
// and admin API a client uses, then checks the expectations and reports a
// readable transcript. Same scenario, same seed: the same report, byte for byte.
#pragma once
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

class ScenarioRunner {
 public:
  // The simulator must run on a manual clock, with `receiver` as its webhook sender.
  ScenarioRunner(const Scenario& scenario, Simulator& sim, GraphPipeline& graph, AdminApi& admin,
                 ScenarioReceiver& receiver, std::uint64_t seed);
  RunReport Run();

 private:
  void Prepare();
  void ExecuteStep(size_t index);
  HttpResponse Call(const Action& a);
  void CheckTriggers();
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
  ScenarioReceiver& receiver_;
  std::uint64_t seed_;
  TimeMs start_ = 0;
  Variables vars_;
  std::vector<bool> fired_;
  std::set<std::pair<TimeMs, size_t>> due_;  // steps not yet run: (due time, index into scenario.steps)
  std::vector<size_t> armed_;                // steps with a trigger that has not fired
  std::uint64_t trigger_cursor_ = 0;
  std::vector<TranscriptLine> step_lines_;
};

}  // namespace wasim::scenario
