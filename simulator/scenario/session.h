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
  ScenarioSession(Simulator& sim, GraphPipeline& graph, AdminApi& admin, webhooks::Outbox& outbox);
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

  Simulator& sim_;
  GraphPipeline& graph_;
  AdminApi& admin_;
  webhooks::Outbox& outbox_;
  std::mutex mu_;  // the loaded scenario; taken before the Simulator lock, never inside it
  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<ScenarioRunner> runner_;
};

}  // namespace wasim::scenario
