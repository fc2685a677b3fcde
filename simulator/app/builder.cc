#include "simulator/app/builder.h"

#include "simulator/app/http_webhook_sender.h"
#include "simulator/app/wiring.h"
#include "simulator/domain/subscriptions/service.h"
#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

// `wasim serve`'s console log: stderr (stdout keeps the ready line and the
// banner), stamped with the wall clock.
std::shared_ptr<const Logger> ConsoleLogger(const ServeConfig& c) {
  return std::make_shared<Logger>(std::make_shared<StreamLogSink>(stderr),
                                  ParseLogLevel(c.log_level).value_or(LogLevel::kInfo),
                                  ParseLogFormat(c.log_format).value_or(LogFormat::kHuman), SystemWallTime());
}

std::shared_ptr<Clock> ClockFromConfig(const ServeConfig& c) {
  auto wall = SystemWallTime();
  // ParseServeConfig rejected an unparsable --clock-start.
  std::optional<TimeMs> start = c.clock_start.empty() ? std::nullopt : ParseIso8601(c.clock_start);
  if (c.clock == "manual") return std::make_shared<ManualClock>(start.value_or(kDefaultManualStart));
  return std::make_shared<RealtimeClock>(wall, start.value_or(wall()), c.clock_speed);
}

}  // namespace

// --webhook-url / --app-secret / --verify-token configure the default app as
// given (no handshake needed); part of the world so /_sim/reset keeps them.
namespace {
// --webhook-url / --app-secret / --verify-token / --webhook-fields on the default app.
void ApplyAppFlags(App& app, const std::string& url, const std::string& secret, const std::string& token,
                   const std::vector<std::string>& fields) {
  if (!url.empty()) {
    app.callback_url = url;
    // Every field unless --webhook-fields narrows it: template,
    // account and quality webhooks arrive too, not only messages.
    app.subscribed_fields = fields;
    if (fields.empty())
      app.subscribed_fields.assign(subscriptions::KnownFields().begin(), subscriptions::KnownFields().end());
  }
  if (!secret.empty()) app.secret = secret;
  if (!token.empty()) app.verify_token = token;
}
}  // namespace

void SimulatorBuilder::ApplyDefaultAppSettings(WorldBuilder& world) const {
  if (webhook_url_.empty() && app_secret_.empty() && verify_token_.empty()) return;
  SimState probe;
  if (world.ApplyTo(probe) || !probe.accounts.apps.count(DefaultIds::kAppId)) return;
  world.EditApp(DefaultIds::kAppId,
                [url = webhook_url_, secret = app_secret_, token = verify_token_,
                 fields = webhook_fields_](App& app) { ApplyAppFlags(app, url, secret, token, fields); });
}

WorldBuilder StartupFlagEdits(const ServeConfig& config) {
  WorldBuilder edits;
  if (!config.webhook_url.empty() || !config.app_secret.empty() || !config.verify_token.empty())
    edits.EditApp(DefaultIds::kAppId, [url = config.webhook_url, secret = config.app_secret,
                                       token = config.verify_token, fields = config.webhook_fields](
                                          App& app) { ApplyAppFlags(app, url, secret, token, fields); });
  if (!config.unknown_recipients.empty())
    edits.EditConfig([on = config.unknown_recipients == "on_whatsapp"](SimConfig& c) {
      c.unknown_recipients_on_whatsapp = on;
    });
  return edits;
}

void SimulatorBuilder::FinishWorld(WorldBuilder& world) const {
  ApplyDefaultAppSettings(world);
  if (every_world_) every_world_(world);
}

SimulatorBuilder& SimulatorBuilder::EveryWorld(std::function<void(WorldBuilder&)> edit) {
  every_world_ = std::move(edit);
  return *this;
}

SimulatorBuilder& SimulatorBuilder::Log(std::shared_ptr<const Logger> logger) {
  logger_ = std::move(logger);
  return *this;
}

SimulatorBuilder& SimulatorBuilder::MaxSandboxes(std::size_t n) {
  max_sandboxes_ = n;
  return *this;
}

SimulatorBuilder& SimulatorBuilder::DefaultAppSettings(std::string webhook_url, std::string app_secret,
                                                       std::string verify_token) {
  webhook_url_ = std::move(webhook_url);
  app_secret_ = std::move(app_secret);
  verify_token_ = std::move(verify_token);
  return *this;
}

SimulatorBuilder& SimulatorBuilder::DefaultAppFields(std::vector<std::string> fields) {
  webhook_fields_ = std::move(fields);
  return *this;
}

SimulatorBuilder& SimulatorBuilder::AdminToken(std::string token) {
  admin_token_ = std::move(token);
  return *this;
}

SimulatorBuilder& SimulatorBuilder::ScenarioDir(std::string dir) {
  scenario_dir_ = std::move(dir);
  return *this;
}

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
  server.public_url = config.public_url;
  server.cors_origin = config.cors_origin;
  server.tls_cert = config.tls_cert;
  server.tls_key = config.tls_key;
  SimulatorBuilder b;
  b.Seed(config.seed)
      .Clock(ClockFromConfig(config))
      .WebhookSender(std::make_shared<webhooks::HttpWebhookSender>(sender))
      .Outbox(outbox)
      .FactRetention(static_cast<std::size_t>(config.fact_retention))
      .DefaultAppSettings(config.webhook_url, config.app_secret, config.verify_token)
      .DefaultAppFields(config.webhook_fields)
      .AdminToken(config.admin_token)
      .ScenarioDir(config.scenario_dir)
      .MaxSandboxes(static_cast<std::size_t>(config.max_sandboxes))
      .Log(ConsoleLogger(config))
      .Listen(server);
  WorldBuilder world = DefaultWorld();
  b.ApplyDefaultAppSettings(world);
  // --unknown-recipients: part of the start-up world (POST /_sim/reset keeps
  // it); a loaded scenario's world says its own (`unknown_recipients`).
  if (config.unknown_recipients == "not_on_whatsapp")
    world.EditConfig([](SimConfig& c) { c.unknown_recipients_on_whatsapp = false; });
  b.World(std::move(world));
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
    WorldBuilder world = world_;
    if (every_world_) every_world_(world);
    if (auto p = world.Check()) {
      *problem = "invalid world: " + *p;
      return nullptr;
    }
  }
  return std::make_unique<Instance>(*this);
}

}  // namespace wasim
