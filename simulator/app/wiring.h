// Wiring: builds a complete simulator (clock, domain, Graph pipeline, admin
// API, HTTP server) from a ServeConfig. The one place, with main.cc, that
// chooses the real clock; the contract-test library reuses it.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <thread>

#include "simulator/admin/admin_api.h"
#include "simulator/app/config.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/pipeline.h"
#include "simulator/http/server.h"
#include "simulator/webhooks/outbox.h"

namespace wasim {

class Instance {
 public:
  explicit Instance(const ServeConfig& config);
  ~Instance();
  // Binds and serves in the background; returns the port or -1.
  int Start();
  // Serves on the calling thread (after Bind) until Stop().
  int Bind() { return server_->Bind(); }
  void RunForeground();
  void Stop();

  Simulator& sim() { return *sim_; }
  int port() const { return server_->port(); }
  // In-process access (tests drive requests without a socket).
  GraphPipeline& pipeline() { return *pipeline_; }
  AdminApi& admin() { return *admin_; }
  webhooks::Outbox& outbox() { return *outbox_; }
  // With --webhook-url: runs Meta's verification handshake against it and
  // describes the outcome (printed at start-up; delivery does not depend on it).
  std::string CheckWebhookAtStartup();

 private:
  void StartTicker();

  ServeConfig config_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<webhooks::Outbox> outbox_;  // after sim_: destroyed before it
  std::unique_ptr<GraphPipeline> pipeline_;
  std::unique_ptr<AdminApi> admin_;
  std::unique_ptr<HttpServer> server_;
  std::thread ticker_;
  std::atomic<bool> stopping_{false};
};

}  // namespace wasim
