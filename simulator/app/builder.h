// SimulatorBuilder: everything one simulator is made of, chosen in one place:
// the seed, the Clock, the WebhookSender, the world, the webhook outbox's
// options and, optionally, an HTTP listener. Instance (wiring.h) is built from
// it. `wasim serve` gets its builder from flags (FromConfig); tests and the
// contract-test library build theirs directly, e.g.
//   auto sim = SimulatorBuilder().Seed(7).World(DefaultWorld().EditPhone(...)).Build();
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/app/config.h"
#include "simulator/core/clock.h"
#include "simulator/core/log.h"
#include "simulator/domain/world/world_builder.h"
#include "simulator/http/server.h"
#include "simulator/webhooks/outbox.h"
#include "simulator/webhooks/sender.h"

namespace wasim {

class Instance;

class SimulatorBuilder {
 public:
  // Seed 42, a manual clock at kDefaultManualStart, the default world, webhooks
  // over real HTTP, no listener (in-process only).
  SimulatorBuilder();
  // What `wasim serve` runs with these flags (listener included).
  static SimulatorBuilder FromConfig(const ServeConfig& config);

  SimulatorBuilder& Seed(std::uint64_t seed);
  SimulatorBuilder& Clock(std::shared_ptr<wasim::Clock> clock);
  SimulatorBuilder& WebhookSender(std::shared_ptr<webhooks::WebhookSender> sender);
  SimulatorBuilder& World(WorldBuilder world);
  SimulatorBuilder& Outbox(webhooks::OutboxOptions options);
  SimulatorBuilder& FactRetention(std::size_t facts);
  // The default app's webhook settings from flags; they also apply to a
  // scenario loaded later (when its world has the default app).
  SimulatorBuilder& DefaultAppSettings(std::string webhook_url, std::string app_secret,
                                       std::string verify_token);
  // The fields the default app is subscribed to along with DefaultAppSettings'
  // webhook URL (empty, the default: every field; Meta's apps subscribe per field).
  SimulatorBuilder& DefaultAppFields(std::vector<std::string> fields);
  // Requires this token on the listener's /_sim/ routes (GET /_sim/health
  // excepted): "Authorization: Bearer TOKEN" or "X-Wasim-Admin-Token: TOKEN".
  // Empty (the default): the admin API is open, as in-process access always is.
  SimulatorBuilder& AdminToken(std::string token);
  // Where POST /_sim/scenarios {"name"} finds library scenarios.
  SimulatorBuilder& ScenarioDir(std::string dir);
  // Serve HTTP (Graph API and /_sim admin API); port 0 picks a free port.
  SimulatorBuilder& Listen(ServerOptions options);
  // An edit applied to the initial world and to every scenario's world loaded
  // later (a sandbox gives its tokens their unique names with it).
  SimulatorBuilder& EveryWorld(std::function<void(WorldBuilder&)> edit);
  // At most this many live sandboxes (POST /_sim/sandboxes) on the listener.
  SimulatorBuilder& MaxSandboxes(std::size_t n);
  // The console log (requests on the listener, webhook attempts); null, the
  // default, logs nothing (the in-process library is silent).
  SimulatorBuilder& Log(std::shared_ptr<const Logger> logger);

  // The instance, or nullptr and `*problem` when the world does not apply
  // (with `problem` null, a bad world throws std::invalid_argument).
  std::unique_ptr<Instance> Build(std::string* problem = nullptr) const;

  // Read by Instance.
  std::uint64_t seed() const { return seed_; }
  const std::shared_ptr<wasim::Clock>& clock() const { return clock_; }
  const std::shared_ptr<webhooks::WebhookSender>& webhook_sender() const { return sender_; }
  const WorldBuilder& world() const { return world_; }
  const webhooks::OutboxOptions& outbox() const { return outbox_; }
  std::size_t fact_retention() const { return fact_retention_; }
  const std::optional<ServerOptions>& listener() const { return listener_; }
  // Applies the default app's settings from flags to `world`, if it has that app.
  void ApplyDefaultAppSettings(WorldBuilder& world) const;
  // ApplyDefaultAppSettings, then the EveryWorld edit: what a loaded world gets.
  void FinishWorld(WorldBuilder& world) const;
  std::size_t max_sandboxes() const { return max_sandboxes_; }
  const std::string& admin_token() const { return admin_token_; }
  const std::function<void(WorldBuilder&)>& every_world_edit() const { return every_world_; }
  const std::string& scenario_dir() const { return scenario_dir_; }
  const std::shared_ptr<const Logger>& logger() const { return logger_; }

 private:
  std::uint64_t seed_ = 42;
  std::shared_ptr<wasim::Clock> clock_;
  std::shared_ptr<webhooks::WebhookSender> sender_;
  WorldBuilder world_;
  webhooks::OutboxOptions outbox_;
  std::size_t fact_retention_ = 100000;
  std::optional<ServerOptions> listener_;
  std::string webhook_url_, app_secret_, verify_token_;
  std::vector<std::string> webhook_fields_;
  std::string admin_token_;
  std::string scenario_dir_ = "scenarios";
  std::function<void(WorldBuilder&)> every_world_;
  // Assumption (ours): 256 bounds what forgotten DELETEs can hold (each
  // sandbox keeps a world and a fact log; a realtime one a thread) while far
  // exceeding the parallel jobs one CI runner shares a server with.
  std::size_t max_sandboxes_ = 256;
  std::shared_ptr<const Logger> logger_;
};

// The world edits the serve flags make (default app's webhook settings,
// --unknown-recipients), as one WorldBuilder: applied over a state restored
// by --state, where the flags of this start win over the stored settings.
WorldBuilder StartupFlagEdits(const ServeConfig& config);

}  // namespace wasim
