#include "tests/support/test_support.h"

#include <filesystem>

namespace wasim::testing {

LoopbackServer::LoopbackServer(ServeConfig config) : LoopbackServer(config, std::nullopt) {}

LoopbackServer::LoopbackServer(ServeConfig config, WorldBuilder world)
    : LoopbackServer(config, std::optional<WorldBuilder>(std::move(world))) {}

LoopbackServer::LoopbackServer(ServeConfig config, std::optional<WorldBuilder> world) {
  config.port = 0;
  config.bind = "127.0.0.1";
  config.clock = "manual";
  config.threads = 16;
  SimulatorBuilder builder = SimulatorBuilder::FromConfig(config);
  builder.Log(nullptr);  // no console log in tests (observe_loopback_test captures one)
  // Without a world of its own: the default one with the config's webhook flags.
  if (world) builder.World(std::move(*world));
  instance_ = builder.Build();
  port_ = instance_->Start();
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_read_timeout(30, 0);
}

LoopbackServer::~LoopbackServer() { instance_->Stop(); }

httplib::Result LoopbackServer::PostGraph(const std::string& path, const std::string& json_body,
                                          const std::string& token) {
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return client_->Post(("/v23.0/" + path).c_str(), h, json_body, "application/json");
}

httplib::Result LoopbackServer::GetGraph(const std::string& pq, const std::string& token) {
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return client_->Get(("/v23.0/" + pq).c_str(), h);
}

httplib::Result LoopbackServer::Advance(const std::string& by) {
  return client_->Post("/_sim/clock/advance", "{\"by\":\"" + by + "\"}", "application/json");
}

PipelineHarness::PipelineHarness(WorldBuilder world)
    : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
  Simulator::Options o;
  o.seed = 7;
  o.clock = clock_;
  o.world = std::move(world);
  sim_ = std::make_unique<Simulator>(std::move(o));
  pipeline_ = std::make_unique<GraphPipeline>(*sim_);
}

HttpResponse PipelineHarness::Send(HttpRequest req) { return pipeline_->Handle(req); }

std::string PipelineHarness::UploadHandle(const std::string& file_type, const std::string& bytes) {
  HttpRequest start;
  start.method = "POST";
  start.path = std::string("/v23.0/") + D::kAppId + "/uploads";
  start.query = {
      {"file_name", "picture"}, {"file_length", std::to_string(bytes.size())}, {"file_type", file_type}};
  start.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  HttpResponse session = Send(start);
  if (session.status != 200) return "";
  HttpRequest chunk;
  chunk.method = "POST";
  chunk.path = "/v23.0/" + ParseOrDie(session.body)["id"].get<std::string>();
  chunk.headers.emplace("authorization", std::string("OAuth ") + D::kAccessToken);
  chunk.headers.emplace("file_offset", "0");
  chunk.body = bytes;
  HttpResponse done = Send(chunk);
  if (done.status != 200) return "";
  return ParseOrDie(done.body).value("h", std::string());
}

HttpResponse PipelineHarness::Post(const std::string& path, const std::string& body, const std::string& token,
                                   const std::string& content_type) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v23.0/" + path;
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  r.headers.emplace("content-type", content_type);
  r.body = body;
  return Send(r);
}

HttpResponse PipelineHarness::Get(const std::string& path, const std::string& token) {
  HttpRequest r;
  r.method = "GET";
  std::string p = "/v23.0/" + path;
  if (auto q = p.find('?'); q != std::string::npos) {
    r.query = ParseQueryString(p.substr(q + 1));
    p = p.substr(0, q);
  }
  r.path = p;
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  return Send(r);
}

Json ParseOrDie(const std::string& body) {
  auto j = Json::parse(body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << body;
  return j;
}

::testing::AssertionResult IsGraphError(int http_status, const std::string& body, int code) {
  auto j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error"))
    return ::testing::AssertionFailure() << "not a Graph error (HTTP " << http_status << "): " << body;
  const Json& e = j["error"];
  // Errors Graph sends as code 100 with the specific number in error_subcode.
  bool as_subcode = e.value("code", 0) == 100 && e.value("error_subcode", 0) == code;
  if (!as_subcode && (!e.contains("code") || e["code"] != code))
    return ::testing::AssertionFailure() << "expected code " << code << ", got: " << body;
  if (!e.contains("message") || !e.contains("type") || !e.contains("fbtrace_id"))
    return ::testing::AssertionFailure() << "envelope misses message/type/fbtrace_id: " << body;
  if (http_status < 400)
    return ::testing::AssertionFailure() << "HTTP " << http_status << " for error " << body;
  return ::testing::AssertionSuccess();
}

}  // namespace wasim::testing
