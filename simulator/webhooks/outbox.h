// The webhook outbox: turns domain events into signed POSTs to every
// subscribed target, on the virtual clock.
//
// Flow: the outbox reads the fact log through a pinned cursor (the log keeps
// every fact it has not read). After each processed instant, Simulator::AdvanceTo
// / RunDue call DeliverDue() outside the state lock, which
//   1. under the lock, a chunk of facts per hold: reads new facts as webhook
//      events grouped per target, WABA and field, copying out what rendering
//      needs (targets, number);
//   2. without the lock: renders each group's values for its target's webhook
//      version into bodies of up to `max_batch` changes, and serialises them;
//   3. under the lock, in bounded holds: journals them; then picks every
//      attempt due by now (in order per (target, customer) when `ordered`);
//   4. without the lock: signs and sends them, each bounded by the sender's
//      REAL-time timeout: one attempt in flight per target URL (in due order),
//      different targets concurrently;
//   5. under the lock: journals every attempt and schedules retries on the
//      virtual clock (a WebhookAttemptDue record so AdvanceTo stops at each retry).
// It repeats until nothing is due, so POST /_sim/clock/advance returns after
// every due delivery was attempted. Thread-safe: one DeliverDue at a time;
// queue and journal are only touched under the Simulator lock.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/log.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"
#include "simulator/webhooks/journal.h"
#include "simulator/webhooks/payloads.h"
#include "simulator/webhooks/retry_policy.h"
#include "simulator/webhooks/sender.h"

namespace wasim::webhooks {

// Meta: "aggregated and sent in a batch with a maximum of 1000 updates".
constexpr size_t kMetaMaxBatch = 1000;

struct OutboxOptions {
  // Changes per POST. Default Meta's documented cap: only events that fall
  // due at the same virtual instant for the same target, WABA and field are
  // batched, so one-at-a-time traffic still gets one update per POST (as in
  // captures) while bursts exercise a receiver's loop over entry/changes.
  size_t max_batch = kMetaMaxBatch;
  // Deliver events of one (target, customer) in order: a failing delivery
  // holds the ones behind it until it succeeds or is given up. Assumption.
  bool ordered = true;
  RetryPolicy retry;
  size_t history = 1000;  // finished deliveries kept in the journal
  size_t max_concurrency =
      16;  // attempts in flight per target (one per customer lane); each target has its own workers
  size_t response_excerpt = 512;  // response bytes kept per attempt in the journal
  // At-least-once realism, off by default and seeded (Meta: duplicates and
  // reordering happen; receivers must dedupe on ids).
  double duplicate_probability = 0.0;  // a delivered POST is sent again
  DurationMs max_extra_delay = 0;      // uniform extra delay before attempt 1
  std::uint64_t seed = 42;
};

struct ListFilter {
  std::string state;  // pending | delivered | given_up
  std::string field;
  std::string app_id;
  std::string wamid;
  size_t limit = 100;  // the most recent matches
  bool with_body = true;
};

class Outbox {
 public:
  Outbox(Simulator& sim, std::shared_ptr<WebhookSender> sender, OutboxOptions options = {});
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Pins a cursor on the fact log and registers the after-step and reset hooks.
  // Call once, at wiring time, before the simulator is used.
  void Attach();
  // Attempts everything due by the clock's current time (see above).
  void DeliverDue();

  // Admin views and actions (call without holding the Simulator lock).
  Json List(const ListFilter& filter);
  std::optional<Json> Get(const std::string& id);
  // Sends a journaled body again (new delivery, attempt 1 now) and returns it.
  Result<Json> Redeliver(const std::string& id);
  Json OptionsJson();
  // Updates options from a JSON object; error text on bad input.
  std::string UpdateOptions(const Json& patch);

  WebhookSender& sender() { return *sender_; }
  // Logs one line per attempt (the console log); null: none (the default).
  // REQUIRES: set at wiring time, before the outbox is used.
  void SetLogger(std::shared_ptr<const Logger> logger) { logger_ = std::move(logger); }

  // The outbox's part of the complete state (persist/): the fact cursor, the
  // journal (pending deliveries with their retries, and the history) and the
  // realism generator. Options are the server's settings, not state.
  struct Image {
    std::uint64_t cursor = 0;
    std::uint64_t next_seq = 1;
    std::vector<Delivery> deliveries;  // in seq order
    std::string rng_state;             // SaveEngineState; "" keeps the current one
  };
  // REQUIRES: called inside Simulator::WithLock (or Simulator::Restore's step).
  Image Export(Ctx& ctx) const;
  void Restore(Ctx& ctx, Image image);

 private:
  struct Planned {
    std::string delivery_id;
    std::string url;
    std::string secret;
    std::shared_ptr<const std::string> body;
    std::string signature;  // computed by Execute
    TimeMs at = 0;
    std::string order_key;  // the customers it is about (ordering_keys), or its id: one lane each
  };
  struct Gathered;

  bool GatherChunk(Ctx& ctx, Gathered& g);
  static std::vector<Delivery> Render(const Gathered& g, size_t max_batch);
  // Journals rendered[from..] up to a bounded amount; returns where it stopped.
  size_t Enqueue(Ctx& ctx, std::uint64_t generation, std::vector<Delivery>& rendered, size_t from);
  std::vector<Planned> CollectDue(Ctx& ctx);
  std::vector<SendResult> Execute(std::vector<Planned>& plan);
  void Record(Ctx& ctx, const std::vector<Planned>& plan, const std::vector<SendResult>& results);
  void MaybeDuplicate(Ctx& ctx, const Delivery& d);
  void RecordAttempt(Ctx& ctx, const Delivery& d, const AttemptRecord& a, const char* outcome);
  void Release(const Delivery& done, TimeMs at);
  void WakeAt(Ctx& ctx, TimeMs at, const std::string& id);
  DurationMs RandomDelay(DurationMs max);

  Simulator& sim_;
  std::shared_ptr<WebhookSender> sender_;
  std::shared_ptr<const Logger> logger_;
  std::mutex deliver_mu_;                   // one DeliverDue at a time
  std::vector<WebhookLogEntry> log_lines_;  // guarded by deliver_mu_: written after the lock
  // Guarded by the Simulator lock:
  OutboxOptions options_;
  std::uint64_t cursor_ = 0;      // last fact read
  std::uint64_t generation_ = 0;  // bumped by every reset
  FactLog::PinId pin_ = 0;
  Journal journal_;
  std::mt19937_64 rng_;
};

}  // namespace wasim::webhooks
