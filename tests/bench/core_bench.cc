// Micro-benchmarks of core building blocks: JSON in/out, ids, scheduler.
#include <benchmark/benchmark.h>

#include "simulator/core/ids.h"
#include "simulator/core/json.h"
#include "simulator/domain/timeline/timeline.h"

namespace wasim {
namespace {

// A `messages` webhook with one status (pricing, conversation) and one
// inbound text with non-ASCII and '/', the shape the emitter serialises.
Json WebhookPayload() {
  return Json::parse(
      R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
    "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
    "messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUQ1RjA4NEM0RjM2MDY4QjdCMwA=",
      "timestamp":"1767225600","type":"text","text":{"body":"Olá! Préço: 10€ / item — see https://example.com/a/b 👍"}}],
    "statuses":[{"id":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1QjQ3NjNCMzBFNkNDNjFBRjIA","status":"delivered",
      "timestamp":"1767225603","recipient_id":"16505551234",
      "conversation":{"id":"c7b2f0d2a1e44e0f8a6b3c9d1e2f3a4b","origin":{"type":"service"}},
      "pricing":{"billable":false,"pricing_model":"PMP","category":"service","type":"free_customer_service"}}]},
    "field":"messages"}]}]})");
}

void BM_DumpMetaWebhook(benchmark::State& state) {
  Json payload = WebhookPayload();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = DumpMeta(payload);
    bytes += out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_DumpMetaWebhook);

void BM_ParseJsonBodySend(benchmark::State& state) {
  const std::string body =
      R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",)"
      R"("text":{"preview_url":false,"body":"Your order #12345 has shipped and will arrive on Friday."}})";
  for (auto _ : state) {
    auto j = ParseJsonBody(body);
    if (!j) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(j);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ParseJsonBodySend);

void BM_WamidGeneration(benchmark::State& state) {
  IdGenerator ids(42);
  for (auto _ : state) benchmark::DoNotOptimize(ids.Wamid("16505551234", true));
}
BENCHMARK(BM_WamidGeneration);

// Steady state with `range(0)` pending records: one add and one pop per iteration.
void BM_TimelineAddPop(benchmark::State& state) {
  Timeline timeline;
  TimeMs t = 0;
  for (int64_t i = 0; i < state.range(0); ++i) timeline.Add(++t, StatusDue{"wamid.x"});
  TimeMs now = 0;
  for (auto _ : state) {
    timeline.Add(++t, StatusDue{"wamid.x"});
    auto entry = timeline.PopDue(++now);
    if (!entry) state.SkipWithError("nothing due");
    benchmark::DoNotOptimize(entry);
  }
}
BENCHMARK(BM_TimelineAddPop)->Arg(1000)->Arg(100000);

}  // namespace
}  // namespace wasim
