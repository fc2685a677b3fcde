// Micro-benchmarks of the send path: validation alone, the pre-lock decode, and
// the whole Graph pipeline (auth, routing, rules, journal, lifecycle
// scheduling) without a socket.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "simulator/admin/bulk_admin.h"
#include "simulator/domain/messages/request.h"
#include "simulator/domain/messages/validation.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/http/pipeline.h"

namespace wasim {
namespace {

std::string TextBody(const std::string& to) {
  return R"({"messaging_product":"whatsapp","recipient_type":"individual","to":")" + to +
         R"(","type":"text","text":{"body":"Your order #12345 has shipped and will arrive on Friday."}})";
}

void BM_ValidateSendBodyText(benchmark::State& state) {
  Json body = Json::parse(TextBody("16505551234"));
  for (auto _ : state) {
    auto s = messages::ValidateSendBody(body);
    if (!s) state.SkipWithError("validation failed");
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_ValidateSendBodyText);

// What a send costs before the Simulator lock: parsing the body and decoding
// it into the typed request (the pipeline's pre-lock phase for this route).
void BM_ParseAndDecodeSendText(benchmark::State& state) {
  const std::string text = TextBody("16505551234");
  for (auto _ : state) {
    auto r = messages::DecodeSendRequest(Json::parse(text));
    if (!r) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParseAndDecodeSendText);

// A PipelineHarness-like simulator (manual clock, default world) with enough
// numbers and customers that Meta's throughput (80/s per number) and pair
// rate (burst 45 per user) never refuse a send: the clock moves 1 ms per send,
// spread over 100 numbers and 1,000 customers.
struct PipelineFixture {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kDefaultManualStart);
  std::unique_ptr<Simulator> sim;
  std::unique_ptr<GraphPipeline> pipeline;
  std::vector<std::string> paths;
  std::vector<std::string> bodies;

  PipelineFixture() {
    Simulator::Options o;
    o.seed = 7;
    o.clock = clock;
    o.world = DefaultWorld();
    sim = std::make_unique<Simulator>(std::move(o));
    pipeline = std::make_unique<GraphPipeline>(*sim);
    BulkCreated created;
    std::string error;
    sim->WithLock([&](Ctx& ctx) { return CreateBulk(ctx, {100, 1000, ""}, &created, &error); });
    for (const auto& [id, display] : created.phone_numbers) paths.push_back("/v23.0/" + id + "/messages");
    for (const auto& wa_id : created.customers) bodies.push_back(TextBody(wa_id));
  }

  HttpRequest Request(size_t i) const {
    HttpRequest r;
    r.method = "POST";
    r.path = paths[i % paths.size()];
    r.headers.emplace("authorization", std::string("Bearer ") + DefaultIds::kAccessToken);
    r.headers.emplace("content-type", "application/json");
    r.body = bodies[(i / paths.size()) % bodies.size()];
    return r;
  }
};

void BM_PipelineSendText(benchmark::State& state) {
  PipelineFixture f;
  size_t i = 0;
  for (auto _ : state) {
    // Building the request (string copies, like the server's conversion) is timed too.
    HttpRequest req = f.Request(i++);
    f.clock->Advance(1);
    HttpResponse resp = f.pipeline->Handle(req);
    if (resp.status != 200) {
      state.SkipWithError(("send refused: " + resp.body).c_str());
      break;
    }
  }
  state.counters["journal"] =
      static_cast<double>(f.sim->WithLock([](Ctx& c) { return c.state.messages.size(); }));
}
BENCHMARK(BM_PipelineSendText);

}  // namespace
}  // namespace wasim
