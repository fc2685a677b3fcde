#include "simulator/app/wiring.h"

#include <openssl/crypto.h>

#include <chrono>

#include "simulator/admin/state_admin.h"
#include "simulator/admin/webhooks_admin.h"
#include "simulator/app/sandboxes.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/scenario/session_admin.h"
#include "simulator/webhooks/verification.h"

namespace wasim {

Instance::Instance(const SimulatorBuilder& b) : seed_(b.seed()), clock_(b.clock()), builder_(b) {
  Simulator::Options opts;
  opts.seed = b.seed();
  opts.clock = clock_;
  opts.world = b.world();
  if (b.every_world_edit()) b.every_world_edit()(opts.world);
  sim_ = std::make_unique<Simulator>(std::move(opts));
  outbox_ = std::make_unique<webhooks::Outbox>(*sim_, b.webhook_sender(), b.outbox());
  sim_->WithLock([&](Ctx& ctx) { ctx.facts.set_retention(b.fact_retention()); });
  outbox_->Attach();
  if (b.logger()) outbox_->SetLogger(b.logger());
  pipeline_ = std::make_unique<GraphPipeline>(*sim_);
  pipeline_->SetWebhookSender(&outbox_->sender());
  admin_ = std::make_unique<AdminApi>(*sim_);
  RegisterWebhookAdminRoutes(admin_->router(), *outbox_);
  RegisterStateAdminRoutes(admin_->router(), *sim_, *outbox_);
  scenarios_ = std::make_unique<scenario::ScenarioSession>(*sim_, *pipeline_, *admin_, *outbox_, b.seed());
  scenarios_->Attach();
  scenario::RegisterScenarioRoutes(
      admin_->router(), *scenarios_, [this](scenario::Scenario s) { return LoadScenario(std::move(s)); },
      b.scenario_dir());
  if (!b.listener()) return;
  server_ = std::make_unique<HttpServer>(*pipeline_, *b.listener());
  // Sandboxes first: /_sim/sandboxes/... and Graph calls bearing a sandbox's
  // token; everything else is the main simulator's, as without sandboxes.
  sandboxes_ = std::make_unique<SandboxRegistry>(builder_);
  server_->SetFrontHandler([this](const HttpRequest& r) -> std::optional<HttpResponse> {
    if (auto denied = CheckAdminToken(r)) return denied;
    if (auto routed = sandboxes_->Handle(r)) return routed;
    return admin_->Handle(r);
  });
  if (auto logger = b.logger()) {
    // One console line per answered request: the virtual time it arrived at,
    // the real time it took (fault latency included).
    server_->SetRequestObserver([this, logger]() -> HttpServer::RequestDone {
      TimeMs virtual_start = sim_->clock().Now();
      auto started = std::chrono::steady_clock::now();
      return [logger, virtual_start, started](const HttpRequest& req, const HttpResponse& resp) {
        RequestLogEntry e;
        e.virtual_time = virtual_start;
        e.method = req.method;
        e.path = req.path;
        e.status = resp.status;
        e.error_code = resp.error_code;
        e.admin = req.path == "/_sim" || req.path.rfind("/_sim/", 0) == 0;
        e.latency_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        logger->Log(std::move(e));
      };
    });
  }
  // Manual clock: no ticker; what a request makes due now is processed before
  // its response returns (exact, repeatable time).
  if (clock_->IsManual()) server_->SetAfterRequest([this] { sim_->SettleNow(); });
}

Instance::~Instance() { Stop(); }

std::optional<HttpResponse> Instance::CheckAdminToken(const HttpRequest& r) const {
  const std::string& token = builder_.admin_token();
  if (token.empty() || (r.path != "/_sim" && r.path.rfind("/_sim/", 0) != 0)) return std::nullopt;
  // Liveness stays open: `wasim probe` and container health checks carry no secret.
  if (r.method == "GET" && r.path == "/_sim/health") return std::nullopt;
  std::string auth = r.Header("authorization");
  std::string given = r.Header("x-wasim-admin-token");
  if (given.empty() && auth.size() > 7 &&
      (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0))
    given = auth.substr(7);
  // Constant time over the token's bytes (only its length can leak).
  if (given.size() == token.size() && CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0)
    return std::nullopt;
  return AdminError(401, given.empty() ? "the admin API needs a token (--admin-token): send "
                                         "'Authorization: Bearer TOKEN' or 'X-Wasim-Admin-Token: TOKEN'"
                                       : "wrong admin token");
}

std::optional<std::string> Instance::LoadScenario(scenario::Scenario s) {
  WorldBuilder world = s.default_world ? DefaultWorld() : WorldBuilder();
  world.Then(s.world);
  builder_.FinishWorld(world);
  return scenarios_->Load(std::move(s), std::move(world));
}

std::string Instance::CheckWebhookAtStartup(const ServeConfig& config) {
  if (config.webhook_url.empty()) return "";
  // Own generator: the check must not shift the seeded id sequence.
  IdGenerator ids(seed_ ^ 0x5eedULL);
  auto s =
      webhooks::VerifyCallback(outbox_->sender(), config.webhook_url, config.verify_token, ids.NumericId(10));
  if (s) return "Webhook verification OK: " + config.webhook_url + " answered hub.challenge";
  return "Webhook verification FAILED for " + config.webhook_url + ": " + s.error().message +
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
  if (!server_) {
    StartTicker();
    return 0;
  }
  int port = Bind();
  if (port < 0) return port;
  server_->Start();
  StartTicker();
  return port;
}

const std::string& Instance::bind_error() const {
  static const std::string kNone;
  return server_ ? server_->bind_error() : kNone;
}

int Instance::Bind() {
  int port = server_ ? server_->Bind() : -1;
  if (port >= 0) PublishBaseUrl(port);
  return port;
}

void Instance::PublishBaseUrl(int port) {
  const ServerOptions& o = *builder_.listener();
  bool wildcard = o.bind == "0.0.0.0" || o.bind == "::" || o.bind.empty();
  std::string host = wildcard                                ? "localhost"
                     : o.bind.find(':') != std::string::npos ? "[" + o.bind + "]"
                                                             : o.bind;
  std::string url = o.public_url.empty() ? "http://" + host + ":" + std::to_string(port) : o.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (sandboxes_) sandboxes_->SetPublicBaseUrl(url);
  sim_->SetPublicBaseUrl(std::move(url));
}

void Instance::RunForeground() {
  StartTicker();
  if (server_) server_->Run();
}

void Instance::Stop() {
  stopping_.store(true);
  sim_->StopWaiting();
  sim_->facts().NotifyAll();  // long-polls return now, so the server's workers can end
  if (server_) server_->Stop();
  if (sandboxes_) sandboxes_->StopAll();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace wasim
