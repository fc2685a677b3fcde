// Instance: one complete simulator wired together (domain Simulator, webhook
// outbox, Graph pipeline, admin API and, when the builder asks for one, an
// HTTP server), built from a SimulatorBuilder (builder.h).
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <thread>

#include "simulator/admin/admin_api.h"
#include "simulator/app/builder.h"
#include "simulator/app/config.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/pipeline.h"
#include "simulator/http/server.h"
#include "simulator/scenario/session.h"
#include "simulator/webhooks/outbox.h"

namespace wasim {

class SandboxRegistry;

class Instance {
 public:
  // Throws std::invalid_argument when the builder's world does not apply
  // (SimulatorBuilder::Build reports it as a value instead).
  explicit Instance(const SimulatorBuilder& builder);
  // What `wasim serve` runs with these flags.
  explicit Instance(const ServeConfig& config) : Instance(SimulatorBuilder::FromConfig(config)) {}
  ~Instance();
  // Binds and serves in the background and starts a realtime clock's ticker;
  // returns the port, -1 when it cannot bind, 0 when built without a listener.
  int Start();
  // Serves on the calling thread (after Bind) until Stop().
  int Bind();
  // Why Start()/Bind() returned -1 (port in use, permission denied, bad address, TLS files).
  const std::string& bind_error() const;
  void RunForeground();
  void Stop();

  Simulator& sim() { return *sim_; }
  int port() const { return server_ ? server_->port() : -1; }
  // In-process access (tests drive requests without a socket).
  GraphPipeline& pipeline() { return *pipeline_; }
  AdminApi& admin() { return *admin_; }
  webhooks::Outbox& outbox() { return *outbox_; }
  scenario::ScenarioSession& scenarios() { return *scenarios_; }
  // The sandboxes of the listener (POST /_sim/sandboxes); null without one.
  SandboxRegistry* sandboxes() { return sandboxes_.get(); }
  // The listener (null when built without one): --state hooks its durability wait.
  HttpServer* server() { return server_.get(); }
  bool manual_clock() const { return clock_->IsManual(); }
  // A realtime clock's ticker (Start() runs it; a sandbox has no Start()).
  void StartTicker();
  // Loads a scenario as POST /_sim/scenarios does (the server's webhook
  // settings applied to its world); the problem when its world does not apply.
  std::optional<std::string> LoadScenario(scenario::Scenario s);
  // With --webhook-url: runs Meta's verification handshake against it and
  // describes the outcome (printed at start-up; delivery does not depend on it).
  std::string CheckWebhookAtStartup(const ServeConfig& config);

 private:
  // 401 for a /_sim/ request without the builder's admin token (none set: nullopt).
  std::optional<HttpResponse> CheckAdminToken(const HttpRequest& r) const;
  // Tells the simulator the URL it is reached at (media URLs in webhooks).
  void PublishBaseUrl(int port);

  std::uint64_t seed_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<webhooks::Outbox> outbox_;  // after sim_: destroyed before it
  std::unique_ptr<GraphPipeline> pipeline_;
  std::unique_ptr<AdminApi> admin_;
  std::unique_ptr<scenario::ScenarioSession> scenarios_;
  SimulatorBuilder builder_;                    // the settings a loaded scenario keeps
  std::unique_ptr<SandboxRegistry> sandboxes_;  // before server_: outlives its requests
  std::unique_ptr<HttpServer> server_;
  std::thread ticker_;
  std::atomic<bool> stopping_{false};
};

}  // namespace wasim
