// A scenario loaded into a running server (`wasim serve --scenario`, POST
// /_sim/scenarios): the real app is the actor, the clock is whatever drives
// the server (realtime, or POST /_sim/clock/advance). Loading replaces the
// world and the journals, as a reset does, and starts the scenario at the
// current virtual time (or at its own `start`, if later). Each step and each
// expectation's `by` is a ScenarioWakeDue record, so an advance stops at it;
// after every processed instant the session runs what fell due (outside the
// state lock) and asks the simulator to settle what that caused. Webhook
// expectations read the outbox journal (its last `history` deliveries).
// Thread-safe.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "simulator/admin/admin_api.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/pipeline.h"
#include "simulator/scenario/runner.h"
#include "simulator/scenario/scenario.h"
#include "simulator/webhooks/outbox.h"

namespace wasim::scenario {

class ScenarioSession {
 public:
  // `default_seed`: the seed of a scenario that names none (the server's own).
  ScenarioSession(Simulator& sim, GraphPipeline& graph, AdminApi& admin, webhooks::Outbox& outbox,
                  std::uint64_t default_seed);
  // Registers the wake-up handler and the after-step hook. Wiring time, once.
  void Attach();
  // Loads `s` on `world` (the scenario's world with the server's own settings
  // applied). The problem, and nothing changed, when the world does not apply.
  std::optional<std::string> Load(Scenario s, WorldBuilder world);
  bool loaded();
  // {"name","file","start","now","steps":[{"line","name","state"}],"expectations":[...],"passed"}
  Json Current();
  // The report as of now; nullopt when nothing is loaded.
  std::optional<RunReport> Report();

 private:
  void AfterStep();
  std::vector<ReceivedWebhook> DeliveredWebhooks();
  void DropIfReset();  // REQUIRES: mu_ held

  Simulator& sim_;
  GraphPipeline& graph_;
  AdminApi& admin_;
  webhooks::Outbox& outbox_;
  const std::uint64_t default_seed_;
  std::mutex load_mu_;  // one load at a time (held across the whole load; never by the hook)
  std::mutex mu_;       // the loaded scenario; taken before the Simulator lock, never inside it
  // Set by a reset (POST /_sim/reset) under the Simulator lock: the scenario
  // it wiped is dropped at the next look (the hook cannot take mu_ there).
  std::atomic<bool> reset_seen_{false};
  TimeMs wake_scheduled_ = 0;  // the last triggered-step wake-up put on the timeline
  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<ScenarioRunner> runner_;
};

}  // namespace wasim::scenario
