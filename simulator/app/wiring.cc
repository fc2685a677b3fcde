#include "simulator/app/wiring.h"

#include <chrono>

#include "simulator/admin/webhooks_admin.h"
#include "simulator/app/http_webhook_sender.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/verification.h"

namespace wasim {
namespace {

std::shared_ptr<Clock> MakeClock(const ServeConfig& c) {
  auto wall = SystemWallTime();
  std::optional<TimeMs> start = c.clock_start.empty() ? std::nullopt : ParseIso8601(c.clock_start);
  if (c.clock == "manual") return std::make_shared<ManualClock>(start.value_or(kDefaultManualStart));
  return std::make_shared<RealtimeClock>(wall, start.value_or(wall()), c.clock_speed);
}

// --webhook-url / --app-secret / --verify-token configure the default app as
// given (no handshake needed); part of the world so /_sim/reset keeps them.
void ApplyWebhookFlags(const ServeConfig& c, SimState& s) {
  auto it = s.accounts.apps.find(DefaultIds::kAppId);
  if (it == s.accounts.apps.end()) return;
  if (!c.webhook_url.empty()) it->second.callback_url = c.webhook_url;
  if (!c.app_secret.empty()) it->second.secret = c.app_secret;
  if (!c.verify_token.empty()) it->second.verify_token = c.verify_token;
}

}  // namespace

Instance::Instance(const ServeConfig& config) : config_(config), clock_(MakeClock(config)) {
  Simulator::Options opts;
  opts.seed = config.seed;
  opts.clock = clock_;
  opts.build_world = [config](SimState& s) {
    BuildDefaultWorld(s);
    ApplyWebhookFlags(config, s);
  };
  sim_ = std::make_unique<Simulator>(std::move(opts));
  webhooks::HttpSenderOptions sender_opts;
  sender_opts.timeout = config.webhook_timeout_ms;
  webhooks::OutboxOptions outbox_opts;
  outbox_opts.retry.horizon = config.webhook_horizon_ms;
  outbox_opts.seed = config.seed;
  outbox_ = std::make_unique<webhooks::Outbox>(
      *sim_, std::make_shared<webhooks::HttpWebhookSender>(sender_opts), outbox_opts);
  sim_->WithLock([&](Ctx& ctx) { ctx.facts.set_retention(static_cast<size_t>(config.fact_retention)); });
  outbox_->Attach();
  pipeline_ = std::make_unique<GraphPipeline>(*sim_);
  pipeline_->SetWebhookSender(&outbox_->sender());
  admin_ = std::make_unique<AdminApi>(*sim_);
  RegisterWebhookAdminRoutes(admin_->router(), *outbox_);
  ServerOptions so;
  so.bind = config.bind;
  so.port = config.port;
  so.threads = config.threads;
  server_ = std::make_unique<HttpServer>(*pipeline_, so);
  server_->SetFrontHandler([this](const HttpRequest& r) { return admin_->Handle(r); });
  // Manual clock: no ticker; what a request makes due now is processed before
  // its response returns (exact, repeatable time).
  if (clock_->IsManual()) server_->SetAfterRequest([this] { sim_->SettleNow(); });
}

Instance::~Instance() { Stop(); }

std::string Instance::CheckWebhookAtStartup() {
  if (config_.webhook_url.empty()) return "";
  // Own generator: the check must not shift the seeded id sequence.
  IdGenerator ids(config_.seed ^ 0x5eedULL);
  auto s = webhooks::VerifyCallback(outbox_->sender(), config_.webhook_url, config_.verify_token,
                                    ids.NumericId(10));
  if (s) return "Webhook verification OK: " + config_.webhook_url + " answered hub.challenge";
  return "Webhook verification FAILED for " + config_.webhook_url + ": " + s.error().message +
         " (wasim delivers to it anyway)";
}

void Instance::StartTicker() {
  // Realtime mode: sleep until the next record falls due by the clock (or new
  // earlier work arrives), then process what is due. Manual mode has no ticker.
  if (clock_->IsManual()) return;
  ticker_ = std::thread([this] {
    while (!stopping_.load()) {
      sim_->RunDue();
      // The cap only bounds how stale a wait gets after an admin clock jump.
      sim_->WaitForDue(std::chrono::milliseconds(1000));
    }
  });
}

int Instance::Start() {
  int port = server_->Bind();
  if (port < 0) return port;
  server_->Start();
  StartTicker();
  return port;
}

void Instance::RunForeground() {
  StartTicker();
  server_->Run();
}

void Instance::Stop() {
  stopping_.store(true);
  sim_->StopWaiting();
  sim_->facts().NotifyAll();  // long-polls return now, so the server's workers can end
  if (server_) server_->Stop();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace wasim
