// How long a 16 MB media upload or download keeps other requests off the
// state lock. A prober thread takes the lock as a request would, over and
// over, while the main thread runs the request through the Graph pipeline;
// the figure is the prober's longest wait (the longest hold it ran into).
// Before the blob store the bytes were copied and hashed under the lock.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "simulator/core/hmac.h"
#include "simulator/core/json.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/http/pipeline.h"

namespace wasim {
namespace {

using MediaClock = std::chrono::steady_clock;
constexpr size_t kMediaBenchBytes = 16 * 1024 * 1024;  // Meta's audio/video limit

std::unique_ptr<Simulator> MediaBenchSimulator() {
  Simulator::Options o;
  o.seed = 13;
  o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
  o.world = DefaultWorld();
  return std::make_unique<Simulator>(std::move(o));
}

HttpRequest MediaBenchRequest(const std::string& method, const std::string& path) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.headers.emplace("authorization", std::string("Bearer ") + DefaultIds::kAccessToken);
  r.headers.emplace("host", "wasim.test");
  return r;
}

// Distinct bytes per call (`salt`), so no upload is a duplicate of another.
HttpRequest UploadRequest16MB(int salt) {
  HttpRequest r = MediaBenchRequest("POST", "/v23.0/" + std::string(DefaultIds::kPhoneNumberId) + "/media");
  r.headers.emplace("content-type", "multipart/form-data; boundary=b");
  std::string bytes(kMediaBenchBytes, 'v');
  std::string tag = std::to_string(salt);
  std::copy(tag.begin(), tag.end(), bytes.begin());
  r.parts.push_back({"messaging_product", "", "", "whatsapp"});
  r.parts.push_back({"file", "clip.mp4", "video/mp4", std::move(bytes)});
  return r;
}

// Runs `work` while a prober takes the lock; returns the prober's waits (ms).
template <class F>
std::vector<double> ProbeLockDuring(Simulator& sim, F&& work) {
  std::vector<double> waits;
  std::atomic<bool> done{false};
  std::atomic<int> probes{0};
  std::thread prober([&] {
    while (!done.load()) {
      auto t0 = MediaClock::now();
      sim.WithLock([](Ctx& ctx) { benchmark::DoNotOptimize(ctx.state.media.by_id.size()); });
      waits.push_back(std::chrono::duration<double, std::milli>(MediaClock::now() - t0).count());
      probes.fetch_add(1);
    }
  });
  while (probes.load() < 100) std::this_thread::yield();  // probing before the request starts
  work();
  done.store(true);
  prober.join();
  return waits;
}

// Per request, the prober's longest wait; reported as the median over the
// requests (robust to the prober being descheduled on a busy 2-core machine)
// and the worst.
void ReportWaits(benchmark::State& state, std::vector<double> worst_per_request) {
  std::sort(worst_per_request.begin(), worst_per_request.end());
  if (worst_per_request.empty()) return;
  state.counters["median_worst_wait_ms"] = worst_per_request[worst_per_request.size() / 2];
  state.counters["worst_wait_ms"] = worst_per_request.back();
}

double Longest(const std::vector<double>& waits) {
  return waits.empty() ? 0.0 : *std::max_element(waits.begin(), waits.end());
}

// The floor: the same probing while the main thread hashes and copies 16 MB
// without taking the lock. What remains is the prober being descheduled.
void BM_MediaLockWaitFloor(benchmark::State& state) {
  auto sim = MediaBenchSimulator();
  std::vector<double> waits;
  std::string bytes(kMediaBenchBytes, 'v');
  for (auto _ : state) {
    auto w = ProbeLockDuring(*sim, [&] {
      std::string copy = bytes;
      benchmark::DoNotOptimize(Sha256Hex(copy));
    });
    waits.push_back(Longest(w));
  }
  ReportWaits(state, std::move(waits));
}
BENCHMARK(BM_MediaLockWaitFloor)->Iterations(15)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MediaUpload16MBLockWait(benchmark::State& state) {
  auto sim = MediaBenchSimulator();
  GraphPipeline pipeline(*sim);
  std::vector<double> waits;
  int salt = 0;
  for (auto _ : state) {
    state.PauseTiming();
    HttpRequest up = UploadRequest16MB(++salt);
    state.ResumeTiming();
    auto w = ProbeLockDuring(*sim, [&] {
      HttpResponse r = pipeline.Handle(up);
      if (r.status != 200) state.SkipWithError("upload refused");
    });
    waits.push_back(Longest(w));
  }
  ReportWaits(state, std::move(waits));
}
BENCHMARK(BM_MediaUpload16MBLockWait)->Iterations(15)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MediaDownload16MBLockWait(benchmark::State& state) {
  auto sim = MediaBenchSimulator();
  GraphPipeline pipeline(*sim);
  HttpResponse up = pipeline.Handle(UploadRequest16MB(0));
  std::string id = Json::parse(up.body).value("id", std::string());
  HttpResponse get = pipeline.Handle(MediaBenchRequest("GET", "/v23.0/" + id));
  std::string url = Json::parse(get.body).value("url", std::string());
  HttpRequest dl = MediaBenchRequest("GET", "/whatsapp_business/attachments/");
  dl.query = ParseQueryString(url.substr(url.find('?') + 1));
  std::vector<double> waits;
  for (auto _ : state) {
    auto w = ProbeLockDuring(*sim, [&] {
      HttpResponse r = pipeline.Handle(dl);
      if (r.status != 200 || r.body.size() != kMediaBenchBytes) state.SkipWithError("download failed");
      benchmark::DoNotOptimize(r.body.data());
    });
    waits.push_back(Longest(w));
  }
  ReportWaits(state, std::move(waits));
}
BENCHMARK(BM_MediaDownload16MBLockWait)->Iterations(15)->Unit(benchmark::kMillisecond)->UseRealTime();

// Time spent inside WithLock by one 16 MB upload, the handler's steps called
// directly (no prober, so no scheduling noise). Builds against the code
// before the blob store too (no blob_store.h): there the handler copied the
// part and media::Upload copied and hashed it, all under the lock.
void BM_MediaUpload16MBTimeInsideLock(benchmark::State& state) {
  auto sim = MediaBenchSimulator();
  std::vector<double> held;  // ms per upload
  int salt = 0;
  for (auto _ : state) {
    state.PauseTiming();
    HttpRequest req = UploadRequest16MB(++salt);
    const MultipartPart& file = req.parts.back();
    state.ResumeTiming();
    double ms = 0;
    auto timed = [&](auto&& f) {
      return sim->WithLock([&](Ctx& ctx) {
        auto t0 = MediaClock::now();
        auto r = f(ctx);
        ms += std::chrono::duration<double, std::milli>(MediaClock::now() - t0).count();
        return r;
      });
    };
    media::UploadRequest up;
    up.messaging_product = "whatsapp";
    up.has_file = true;
    up.file_content_type = file.content_type;
#if __has_include("simulator/domain/media/blob_store.h")
    up.bytes = file.content;
    (void)timed([&](Ctx& ctx) { return media::CheckUpload(ctx, DefaultIds::kPhoneNumberId, up); });
    PreparedBlob blob = sim->blobs().PrepareFrom(up.bytes);
    auto id = timed([&](Ctx& ctx) { return media::Upload(ctx, DefaultIds::kPhoneNumberId, up, blob); });
#else
    auto id = timed([&](Ctx& ctx) {
      up.bytes = file.content;
      return media::Upload(ctx, DefaultIds::kPhoneNumberId, up);
    });
#endif
    if (!id) state.SkipWithError("upload refused");
    held.push_back(ms);
  }
  std::sort(held.begin(), held.end());
  state.counters["median_inside_lock_ms"] = held[held.size() / 2];
  state.counters["max_inside_lock_ms"] = held.back();
}
BENCHMARK(BM_MediaUpload16MBTimeInsideLock)->Iterations(15)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace wasim
