#include "simulator/app/builder.h"

#include "simulator/app/http_webhook_sender.h"
#include "simulator/app/wiring.h"
#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

std::shared_ptr<Clock> ClockFromConfig(const ServeConfig& c) {
  auto wall = SystemWallTime();
  std::optional<TimeMs> start = c.clock_start.empty() ? std::nullopt : ParseIso8601(c.clock_start);
  if (c.clock == "manual") return std::make_shared<ManualClock>(start.value_or(kDefaultManualStart));
  return std::make_shared<RealtimeClock>(wall, start.value_or(wall()), c.clock_speed);
}

// --webhook-url / --app-secret / --verify-token configure the default app as
// given (no handshake needed); part of the world so /_sim/reset keeps them.
WorldBuilder WorldFromConfig(const ServeConfig& c) {
  WorldBuilder world = DefaultWorld();
  if (c.webhook_url.empty() && c.app_secret.empty() && c.verify_token.empty()) return world;
  world.EditApp(DefaultIds::kAppId, [c](App& app) {
    if (!c.webhook_url.empty()) app.callback_url = c.webhook_url;
    if (!c.app_secret.empty()) app.secret = c.app_secret;
    if (!c.verify_token.empty()) app.verify_token = c.verify_token;
  });
  return world;
}

}  // namespace

SimulatorBuilder::SimulatorBuilder()
    : clock_(std::make_shared<ManualClock>(kDefaultManualStart)),
      sender_(std::make_shared<webhooks::HttpWebhookSender>()),
      world_(DefaultWorld()) {}

SimulatorBuilder SimulatorBuilder::FromConfig(const ServeConfig& config) {
  webhooks::HttpSenderOptions sender;
  sender.timeout = config.webhook_timeout_ms;
  webhooks::OutboxOptions outbox;
  outbox.retry.horizon = config.webhook_horizon_ms;
  outbox.seed = config.seed;
  ServerOptions server;
  server.bind = config.bind;
  server.port = config.port;
  server.threads = config.threads;
  SimulatorBuilder b;
  b.Seed(config.seed)
      .Clock(ClockFromConfig(config))
      .WebhookSender(std::make_shared<webhooks::HttpWebhookSender>(sender))
      .World(WorldFromConfig(config))
      .Outbox(outbox)
      .FactRetention(static_cast<std::size_t>(config.fact_retention))
      .Listen(server);
  return b;
}

SimulatorBuilder& SimulatorBuilder::Seed(std::uint64_t seed) {
  seed_ = seed;
  return *this;
}
SimulatorBuilder& SimulatorBuilder::Clock(std::shared_ptr<wasim::Clock> clock) {
  clock_ = std::move(clock);
  return *this;
}
SimulatorBuilder& SimulatorBuilder::WebhookSender(std::shared_ptr<webhooks::WebhookSender> sender) {
  sender_ = std::move(sender);
  return *this;
}
SimulatorBuilder& SimulatorBuilder::World(WorldBuilder world) {
  world_ = std::move(world);
  return *this;
}
SimulatorBuilder& SimulatorBuilder::Outbox(webhooks::OutboxOptions options) {
  outbox_ = std::move(options);
  return *this;
}
SimulatorBuilder& SimulatorBuilder::FactRetention(std::size_t facts) {
  fact_retention_ = facts;
  return *this;
}
SimulatorBuilder& SimulatorBuilder::Listen(ServerOptions options) {
  listener_ = std::move(options);
  return *this;
}

std::unique_ptr<Instance> SimulatorBuilder::Build(std::string* problem) const {
  if (problem) {
    if (auto p = world_.Check()) {
      *problem = "invalid world: " + *p;
      return nullptr;
    }
  }
  return std::make_unique<Instance>(*this);
}

}  // namespace wasim
