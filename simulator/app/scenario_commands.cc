#include "simulator/app/scenario_commands.h"

#include <fstream>
#include <iostream>

#include "simulator/app/wiring.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/scenario/loader.h"
#include "simulator/scenario/report.h"

namespace wasim {

std::optional<scenario::RunReport> RunScenario(const scenario::Scenario& s, std::optional<std::uint64_t> seed,
                                               std::string* problem) {
  const std::uint64_t used_seed = seed.value_or(s.seed.value_or(42));
  auto clock = std::make_shared<ManualClock>(s.start.value_or(kDefaultManualStart));
  auto receiver = std::make_shared<scenario::ScenarioReceiver>(clock, s.receiver_outages);
  webhooks::OutboxOptions outbox;
  outbox.max_concurrency = 1;  // one attempt at a time: the receiver sees them in the journal's order
  outbox.seed = used_seed;
  WorldBuilder world = s.default_world ? DefaultWorld() : WorldBuilder();
  world.Then(s.world);
  auto instance = SimulatorBuilder()
                      .Seed(used_seed)
                      .Clock(clock)
                      .World(std::move(world))
                      .WebhookSender(receiver)
                      .Outbox(outbox)
                      .FactRetention(static_cast<std::size_t>(-1) / 2)
                      .Build(problem);
  if (!instance) return std::nullopt;
  receiver->set_start(instance->sim().clock().Now());
  scenario::ScenarioRunner runner(
      s, instance->sim(), instance->pipeline(), instance->admin(),
      [receiver] { return receiver->received(); }, used_seed);
  return runner.Run();
}

namespace {

bool PrintLoadErrors(const scenario::LoadResult& loaded) {
  for (const auto& e : loaded.errors) std::cerr << e.ToString() << "\n";
  return loaded.ok();
}

std::optional<std::uint64_t> ParseSeed(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 19)
    return std::nullopt;
  return std::stoull(s);
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  bool json = false;
  std::string junit;
  std::optional<std::uint64_t> seed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--junit" && i + 1 < args.size()) {
      junit = args[++i];
    } else if (a == "--seed" && i + 1 < args.size()) {
      seed = ParseSeed(args[++i]);
      if (!seed) {
        std::cerr << "wasim run: --seed takes a non-negative integer\n";
        return 2;
      }
    } else if (a == "--help" || a == "-h") {
      std::cout
          << "usage: wasim run FILE... [--json] [--junit FILE] [--seed N]\n"
             "Replays each scenario on a manual clock, prints its timeline and checks its expectations.\n"
             "Exit: 0 all met, 1 an expectation failed, 2 a scenario does not load.\n";
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "wasim run: unknown option '" << a << "' (try wasim run --help)\n";
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::cerr << "wasim run: give at least one scenario file\n";
    return 2;
  }
  std::vector<scenario::RunReport> reports;
  int rc = 0;
  for (const auto& f : files) {
    auto loaded = scenario::LoadScenarioFile(f);
    if (!PrintLoadErrors(loaded)) return 2;
    std::string problem;
    auto report = RunScenario(loaded.scenario, seed, &problem);
    if (!report) {
      std::cerr << f << ": the world does not build: " << problem << "\n";
      return 2;
    }
    std::cout << (json ? scenario::ReportJson(*report) : scenario::ReportText(*report));
    if (!report->passed()) rc = 1;
    reports.push_back(std::move(*report));
  }
  if (!junit.empty()) {
    std::ofstream out(junit);
    out << scenario::ReportJUnit(reports);
    if (!out) {
      std::cerr << "wasim run: cannot write " << junit << "\n";
      return 2;
    }
  }
  return rc;
}

int ValidateCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "usage: wasim validate FILE...\nChecks scenario files; prints file:line:column: problem.\n";
    return args.empty() ? 2 : 0;
  }
  int rc = 0;
  for (const auto& f : args) {
    auto loaded = scenario::LoadScenarioFile(f);
    if (PrintLoadErrors(loaded))
      std::cout << f << ": ok (" << loaded.scenario.steps.size() << " steps, "
                << loaded.scenario.expectations.size() << " expectations)\n";
    else
      rc = 1;
  }
  return rc;
}

}  // namespace wasim
