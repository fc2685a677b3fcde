// --state: the cost of one commit of the complete state (the codec's export,
// its JSON text, the SQLite transaction) with 1k and 10k messages, and of a
// GroupCommitter round trip. Each commit writes the whole document, so these
// figures decide whether that stays affordable (README "Keeping state").
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "simulator/app/builder.h"
#include "simulator/app/instance_state_source.h"
#include "simulator/domain/accounts/bulk.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/persist/group_commit.h"
#include "simulator/persist/sqlite_store.h"

namespace wasim {
namespace {

std::string PersistBenchBody(const std::string& to) {
  return R"({"messaging_product":"whatsapp","to":")" + to +
         R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
}

// An instance (manual clock, no listener) holding `messages` accepted sends,
// spread over 100 numbers and 1,000 customers so no rule refuses them.
struct PersistBenchWorld {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kDefaultManualStart);
  std::unique_ptr<Instance> instance;
  std::string dir;

  explicit PersistBenchWorld(int messages) {
    instance = SimulatorBuilder().Seed(7).Clock(clock).World(DefaultWorld()).Build();
    BulkCreated created;
    std::string error;
    instance->sim().WithLock([&](Ctx& ctx) { return CreateBulk(ctx, {100, 1000, ""}, &created, &error); });
    for (int i = 0; i < messages; ++i) {
      HttpRequest r;
      r.method = "POST";
      r.path = "/v23.0/" + created.phone_numbers[i % 100].first + "/messages";
      r.headers.emplace("authorization", std::string("Bearer ") + DefaultIds::kAccessToken);
      r.headers.emplace("content-type", "application/json");
      r.body = PersistBenchBody(created.customers[(i / 100) % created.customers.size()]);
      instance->pipeline().Handle(r);
      clock->Advance(1);
    }
    char tmpl[] = "/tmp/wasim-persist-bench-XXXXXX";
    dir = ::mkdtemp(tmpl);
  }
  ~PersistBenchWorld() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

void BM_PersistExport(benchmark::State& state) {
  PersistBenchWorld w(static_cast<int>(state.range(0)));
  persist::InstanceStateSource source(*w.instance);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string doc = source.Export().dump();
    bytes = doc.size();
    benchmark::DoNotOptimize(doc);
  }
  state.counters["doc_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PersistExport)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// A full commit as the writer makes it (export + text + transaction); each
// iteration changes the state (one more send) so nothing is skipped.
void BM_PersistCommit(benchmark::State& state) {
  PersistBenchWorld w(static_cast<int>(state.range(0)));
  persist::InstanceStateSource source(*w.instance);
  persist::SqliteStore::Options options;
  options.durability = state.range(1) ? persist::Durability::kFull : persist::Durability::kNormal;
  std::string error;
  auto store = persist::SqliteStore::Open(w.dir + "/state.db", options, &error);
  if (!store) {
    state.SkipWithError(error.c_str());
    return;
  }
  persist::GroupCommitter committer(source, *store);
  for (auto _ : state) {
    w.clock->Advance(1000);  // the export differs: the clock is in it
    if (auto p = committer.CommitNow()) state.SkipWithError(p->c_str());
  }
  state.counters["doc_bytes"] = static_cast<double>(committer.stats().last_document_bytes);
}
BENCHMARK(BM_PersistCommit)
    ->ArgNames({"messages", "sync_full"})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->Unit(benchmark::kMillisecond);

// The SQLite transaction alone (a document of the size the export has).
void BM_PersistSaveOnly(benchmark::State& state) {
  PersistBenchWorld w(static_cast<int>(state.range(0)));
  persist::InstanceStateSource source(*w.instance);
  std::string doc = source.Export().dump();
  persist::SqliteStore::Options options;
  options.durability = state.range(1) ? persist::Durability::kFull : persist::Durability::kNormal;
  std::string error;
  auto store = persist::SqliteStore::Open(w.dir + "/state.db", options, &error);
  if (!store) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::int64_t t = 0;
  for (auto _ : state) {
    if (auto p = store->Save(doc, ++t, 0)) state.SkipWithError(p->c_str());
  }
  state.counters["doc_bytes"] = static_cast<double>(doc.size());
}
BENCHMARK(BM_PersistSaveOnly)
    ->ArgNames({"messages", "sync_full"})
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wasim
