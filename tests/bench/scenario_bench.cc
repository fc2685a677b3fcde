// Replaying a scenario (issue target: 30 virtual days with 100,000 scheduled
// events in under 1 s). The scenario is generated: 25,000 template sends
// spread over 30 days to 1,000 customers (25 repeated steps), each followed by sent, delivered
// and read (with their webhooks), so the clock crosses ~100,000 due records.
#include <benchmark/benchmark.h>

#include <string>

#include "simulator/app/scenario_commands.h"
#include "simulator/scenario/loader.h"

namespace wasim {
namespace {

std::string GeneratedScenario(int sends) {
  std::string y =
      "version: 1\nname: replay-bench\nrun_for: 30d\nworld:\n  businesses: [{id: \"506914307656634\", "
      "messaging_limit: -1}]\ntimeline:\n";
  // Rounds of one send to each of the 1,000 customers (a repeated step each).
  const int customers = 1000;
  const int rounds = sends / customers;
  const DurationMs step = 30 * kDay / sends;
  for (int r = 0; r < rounds; ++r) {
    y += "  - at: " + FormatDuration(static_cast<DurationMs>(r) * customers * step) +
         "\n    repeat: {times: " + std::to_string(customers) + ", every: " + FormatDuration(step) +
         "}\n    graph: {path: /v23.0/106540352242922/messages, body: "
         "{messaging_product: whatsapp, to: \"16505551${i}\", type: template, template: {name: hello_world, "
         "language: {code: en_US}}}}\n";
  }
  y += "expect:\n  - fact: message_accepted\n    count: " + std::to_string(sends) + "\n";
  return y;
}

void BM_ReplayThirtyDays(benchmark::State& state) {
  const int sends = static_cast<int>(state.range(0));
  auto loaded = scenario::LoadScenarioText(GeneratedScenario(sends), "generated.yaml");
  if (!loaded.ok()) {
    state.SkipWithError(loaded.errors[0].ToString().c_str());
    return;
  }
  size_t lines = 0;
  bool passed = false;
  for (auto _ : state) {
    std::string problem;
    auto report = RunScenario(loaded.scenario, std::nullopt, &problem);
    if (!report) {
      state.SkipWithError(problem.c_str());
      return;
    }
    lines = report->transcript.size();
    passed = report->passed();
  }
  // Facts shown in the transcript: the calls, every status and every webhook attempt.
  state.counters["transcript_lines"] = static_cast<double>(lines);
  state.counters["expectations_met"] = passed ? 1 : 0;
}
BENCHMARK(BM_ReplayThirtyDays)->Arg(25000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace wasim
