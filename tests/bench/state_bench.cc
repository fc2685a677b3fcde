// The complete state (persist/complete_state.h) of a world with 10,000
// messages: export, serialise, parse and import, as GET/PUT /_sim/state and
// snapshots do. The world is built through the Graph pipeline on an instance
// with a webhook sender that answers 200 at once: free-form sends outside the
// window (accepted, failing later with 131047), half of them still pending on
// the timeline, the other half failed, with their webhooks delivered.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "simulator/app/builder.h"
#include "simulator/app/wiring.h"
#include "simulator/domain/accounts/bulk.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/persist/instance_state.h"

namespace wasim {
namespace {

class StateBenchSender : public webhooks::WebhookSender {
 public:
  webhooks::SendResult Send(const webhooks::OutboundRequest&) override {
    webhooks::SendResult r;
    r.status = 200;
    return r;
  }
};

std::unique_ptr<Instance> StateBenchWorld(size_t messages) {
  auto clock = std::make_shared<ManualClock>(kDefaultManualStart);
  auto world =
      DefaultWorld().EditApp(DefaultIds::kAppId, [](App& a) { a.callback_url = "http://sink.test/"; });
  auto instance = SimulatorBuilder()
                      .Seed(7)
                      .Clock(clock)
                      .WebhookSender(std::make_shared<StateBenchSender>())
                      .World(std::move(world))
                      .Build();
  BulkCreated created;
  std::string error;
  instance->sim().WithLock([&](Ctx& ctx) { return CreateBulk(ctx, {100, 1000, ""}, &created, &error); });
  std::vector<std::string> paths;
  for (const auto& [id, display] : created.phone_numbers) paths.push_back("/v23.0/" + id + "/messages");
  for (size_t i = 0; i < messages; ++i) {
    HttpRequest r;
    r.method = "POST";
    r.path = paths[i % paths.size()];
    r.headers.emplace("authorization", std::string("Bearer ") + DefaultIds::kAccessToken);
    r.headers.emplace("content-type", "application/json");
    r.body = R"({"messaging_product":"whatsapp","to":")" + created.customers[(i / paths.size()) % 1000] +
             R"(","type":"text","text":{"body":"Your order has shipped."}})";
    clock->Advance(1);
    (void)instance->pipeline().Handle(r);
    if (i == messages / 2) instance->sim().AdvanceBy(kMinute);  // the first half failed (131047)
  }
  instance->sim().SettleNow();
  return instance;
}

void BM_StateExport10kMessages(benchmark::State& state) {
  auto instance = StateBenchWorld(10000);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = persist::ExportCompleteState(*instance).dump();
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["doc_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_StateExport10kMessages)->Unit(benchmark::kMillisecond);

void BM_StateImport10kMessages(benchmark::State& state) {
  auto source = StateBenchWorld(10000);
  const std::string text = persist::ExportCompleteState(*source).dump();
  auto target = SimulatorBuilder().Seed(7).Clock(std::make_shared<ManualClock>(kDefaultManualStart)).Build();
  for (auto _ : state) {
    auto problem = persist::ImportCompleteState(*target, Json::parse(text));
    if (problem) {
      state.SkipWithError(problem->c_str());
      break;
    }
  }
  state.counters["messages"] =
      static_cast<double>(target->sim().WithLock([](Ctx& c) { return c.state.messages.size(); }));
}
BENCHMARK(BM_StateImport10kMessages)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wasim
