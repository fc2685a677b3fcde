#include "simulator/app/wiring.h"

#include <chrono>

#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

std::shared_ptr<Clock> MakeClock(const ServeConfig& c) {
  auto wall = SystemWallTime();
  std::optional<TimeMs> start = c.clock_start.empty() ? std::nullopt : ParseIso8601(c.clock_start);
  if (c.clock == "manual") return std::make_shared<ManualClock>(start.value_or(kDefaultManualStart));
  return std::make_shared<RealtimeClock>(wall, start.value_or(wall()));
}

}  // namespace

Instance::Instance(const ServeConfig& config) : config_(config), clock_(MakeClock(config)) {
  Simulator::Options opts;
  opts.seed = config.seed;
  opts.clock = clock_;
  opts.build_world = BuildDefaultWorld;
  sim_ = std::make_unique<Simulator>(std::move(opts));
  pipeline_ = std::make_unique<GraphPipeline>(*sim_);
  admin_ = std::make_unique<AdminApi>(*sim_);
  ServerOptions so;
  so.bind = config.bind;
  so.port = config.port;
  so.threads = config.threads;
  server_ = std::make_unique<HttpServer>(*pipeline_, so);
  server_->SetFrontHandler([this](const HttpRequest& r) { return admin_->Handle(r); });
}

Instance::~Instance() { Stop(); }

void Instance::StartTicker() {
  // Realtime mode: process what falls due as wall time passes. Manual mode
  // needs no ticker; events due "now" are processed after each request.
  ticker_ = std::thread([this] {
    while (!stopping_.load()) {
      sim_->RunDue();
      std::this_thread::sleep_for(std::chrono::milliseconds(clock_->IsManual() ? 20 : 5));
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
  if (server_) server_->Stop();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace wasim
