// Shared test helpers: an in-process simulator on a loopback port with a
// manual clock, a handler-level harness (no socket), and Graph assertions.
#pragma once
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <optional>
#include <string>

#include "simulator/app/wiring.h"
#include "simulator/core/json.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/http/pipeline.h"

namespace wasim::testing {

using D = DefaultIds;

// A real server on 127.0.0.1:<port 0> with a manual clock and the default world.
class LoopbackServer {
 public:
  explicit LoopbackServer(ServeConfig config = {});
  // The same with another world (e.g. DefaultWorld() plus edits).
  LoopbackServer(ServeConfig config, WorldBuilder world);
  ~LoopbackServer();
  int port() const { return port_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  httplib::Client& client() { return *client_; }
  Simulator& sim() { return instance_->sim(); }

  // POST JSON with the default token to /v23.0/{path}.
  httplib::Result PostGraph(const std::string& path, const std::string& json_body,
                            const std::string& token = D::kAccessToken);
  httplib::Result GetGraph(const std::string& path_and_query, const std::string& token = D::kAccessToken);
  httplib::Result Advance(const std::string& by);  // POST /_sim/clock/advance {"by":...}

 private:
  LoopbackServer(ServeConfig config, std::optional<WorldBuilder> world);
  std::unique_ptr<Instance> instance_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = -1;
};

// Pipeline without a socket (handler tests).
class PipelineHarness {
 public:
  explicit PipelineHarness(WorldBuilder world = DefaultWorld());
  HttpResponse Post(const std::string& path, const std::string& body,
                    const std::string& token = D::kAccessToken,
                    const std::string& content_type = "application/json");
  HttpResponse Get(const std::string& path, const std::string& token = D::kAccessToken);
  HttpResponse Send(HttpRequest req);
  // Uploads `bytes` with the Resumable Upload API (both steps) and returns
  // the file handle ("" when an upload step is refused).
  std::string UploadHandle(const std::string& file_type = "image/jpeg",
                           const std::string& bytes = "JPEGDATA");
  Simulator& sim() { return *sim_; }
  ManualClock& clock() { return *clock_; }

 private:
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<GraphPipeline> pipeline_;
};

Json ParseOrDie(const std::string& body);

// Asserts an HTTP response is Meta's error envelope with `code` (and status when given).
::testing::AssertionResult IsGraphError(int http_status, const std::string& body, int code);

#define EXPECT_GRAPH_ERROR(resp, code) \
  EXPECT_TRUE(::wasim::testing::IsGraphError((resp).status, (resp).body, static_cast<int>(code)))

}  // namespace wasim::testing
