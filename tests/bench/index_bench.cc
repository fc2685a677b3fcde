// Micro-benchmarks of lookups that run under the Simulator lock and must not
// grow with the size of the world: a template send with 10,000 templates in
// the world (the template is looked up by WABA, name and language), and
// mark-as-read with 100,000 inbound messages stored.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "simulator/domain/accounts/bulk.h"
#include "simulator/domain/messages/request.h"
#include "simulator/domain/messages/service.h"
#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

constexpr int kIndexBenchTemplates = 10000;
constexpr int kIndexBenchInbound = 100000;
constexpr int kIndexBenchThreads = 1000;  // customers writing to the number

// A default world plus `templates` approved UTILITY templates
// (bench_0 .. bench_N, en_US) in the default WABA, on a manual clock; the
// business's messaging limit is lifted so business-initiated sends are
// never refused by it.
std::unique_ptr<Simulator> IndexBenchSimulator(const std::shared_ptr<ManualClock>& clock, int templates) {
  WorldBuilder world = DefaultWorld();
  world.EditBusiness(DefaultIds::kBusinessId, [](Business& b) { b.messaging_limit = -1; });
  for (int i = 0; i < templates; ++i) {
    MessageTemplate t;
    t.id = std::to_string(5000000 + i);
    t.waba_id = DefaultIds::kWabaId;
    t.name = "bench_" + std::to_string(i);
    t.language = "en_US";
    t.category = "UTILITY";
    t.status.state = TemplateStatus::kApproved;
    t.components = Json::parse(R"([{"type":"BODY","text":"Your order {{1}} has shipped."}])");
    world.Add(t);
  }
  Simulator::Options o;
  o.seed = 7;
  o.clock = clock;
  o.world = std::move(world);
  return std::make_unique<Simulator>(std::move(o));
}

std::string IndexBenchTemplateBody(const std::string& to, int template_index) {
  return R"({"messaging_product":"whatsapp","to":")" + to +
         R"(","type":"template","template":{"name":"bench_)" + std::to_string(template_index) +
         R"(","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"#12345"}]}]}})";
}

// messages::Send of a template (what POST /messages does under the lock),
// spread over 100 numbers and 1,000 customers so Meta's throughput and pair
// rate never refuse; the clock moves 1 ms per send.
void BM_TemplateSendWith10kTemplates(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>(kDefaultManualStart);
  auto sim = IndexBenchSimulator(clock, kIndexBenchTemplates);
  BulkCreated created;
  std::string error;
  sim->WithLock([&](Ctx& ctx) { return CreateBulk(ctx, {100, 1000, ""}, &created, &error); });
  std::vector<Json> bodies;
  for (size_t c = 0; c < created.customers.size(); ++c)
    bodies.push_back(Json::parse(
        IndexBenchTemplateBody(created.customers[c], static_cast<int>(c * 7919 % kIndexBenchTemplates))));
  size_t i = 0;
  for (auto _ : state) {
    const std::string& phone = created.phone_numbers[i % created.phone_numbers.size()].first;
    const Json& body = bodies[(i / created.phone_numbers.size()) % bodies.size()];
    ++i;
    clock->Advance(1);
    bool ok = sim->WithLock([&](Ctx& ctx) { return messages::Send(ctx, phone, body).ok(); });
    if (!ok) {
      state.SkipWithError("template send refused");
      break;
    }
  }
  state.counters["templates"] = kIndexBenchTemplates;
}
BENCHMARK(BM_TemplateSendWith10kTemplates);

// The store lookup alone: (waba, name, language) among 10,000 templates.
void BM_TemplateFindWith10kTemplates(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>(kDefaultManualStart);
  auto sim = IndexBenchSimulator(clock, kIndexBenchTemplates);
  std::vector<std::string> names;
  for (int i = 0; i < 64; ++i) names.push_back("bench_" + std::to_string(i * 151 % kIndexBenchTemplates));
  const std::string waba = DefaultIds::kWabaId, lang = "en_US";
  size_t i = 0;
  sim->WithLock([&](Ctx& ctx) {
    for (auto _ : state) {
      const MessageTemplate* t = ctx.state.templates.Find(waba, names[i++ % names.size()], lang);
      if (!t) {
        state.SkipWithError("template not found");
        break;
      }
      benchmark::DoNotOptimize(t);
    }
  });
}
BENCHMARK(BM_TemplateFindWith10kTemplates);

// messages::MarkRead of the newest message of a thread, 100,000 inbound
// messages stored (1,000 customers x 100 messages each to the default number).
void BM_MarkReadWith100kInbound(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>(kDefaultManualStart);
  auto sim = IndexBenchSimulator(clock, 0);
  std::vector<std::string> newest(kIndexBenchThreads);
  sim->WithLock([&](Ctx& ctx) {
    for (int i = 0; i < kIndexBenchInbound; ++i) {
      const int thread = i % kIndexBenchThreads;
      InboundMessage in;
      in.wamid = "wamid.BENCH" + std::to_string(i);
      in.phone_number_id = DefaultIds::kPhoneNumberId;
      in.from = std::to_string(16505550000LL + thread);
      in.type = "text";
      in.content = Json{{"body", "hello"}};
      in.at = ctx.now() + i;
      ctx.state.inbound.Add(in);
      newest[thread] = in.wamid;
    }
  });
  std::vector<messages::MarkReadRequest> requests;
  for (const auto& wamid : newest) requests.push_back(messages::MarkReadRequest{wamid, false, std::nullopt});
  size_t i = 0;
  for (auto _ : state) {
    const Result<messages::MarkReadRequest> r = requests[i++ % requests.size()];
    bool ok =
        sim->WithLock([&](Ctx& ctx) { return messages::MarkRead(ctx, DefaultIds::kPhoneNumberId, r).ok(); });
    if (!ok) {
      state.SkipWithError("mark-as-read refused");
      break;
    }
  }
  state.counters["inbound"] = kIndexBenchInbound;
}
BENCHMARK(BM_MarkReadWith100kInbound);

}  // namespace
}  // namespace wasim
