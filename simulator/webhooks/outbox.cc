#include "simulator/webhooks/outbox.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <set>
#include <thread>
#include <unordered_set>

#include "simulator/webhooks/payloads.h"
#include "simulator/webhooks/signature.h"
#include "simulator/webhooks/targets.h"

namespace wasim::webhooks {
namespace {

// Guard against a policy whose delays never move time (DeliverDue resumes on the next step).
constexpr int kMaxRounds = 10000;
// Facts read per lock hold (~1 ms of work), so a 50,000-status instant never
// holds the lock for the whole read.
constexpr size_t kGatherChunk = 256;
// Facts one delivery round reads at most (a round renders them all before sending).
constexpr std::uint64_t kFactsPerRound = 8192;
// Ordering keys indexed per lock hold when new deliveries join the journal.
constexpr size_t kEnqueueKeysPerHold = 4096;

}  // namespace

Outbox::Outbox(Simulator& sim, std::shared_ptr<WebhookSender> sender, OutboxOptions options)
    : sim_(sim),
      sender_(std::move(sender)),
      options_(options),
      journal_(options.history),
      rng_(options.seed) {}

void Outbox::Attach() {
  // The outbox reads every fact from now on; the log keeps what it has not read.
  sim_.WithLock([this](Ctx& ctx) {
    cursor_ = ctx.facts.last_seq();
    pin_ = ctx.facts.Pin(cursor_);
  });
  // The attempt itself runs in the after-step hook, outside the lock.
  sim_.OnDue<WebhookAttemptDue>([](Ctx&, const WebhookAttemptDue&) {});
  sim_.AddAfterStepHook([this] { DeliverDue(); });
  sim_.AddResetHook([this](Ctx& ctx) {
    ++generation_;
    cursor_ = ctx.facts.last_seq();  // the log was cleared
    ctx.facts.MoveTo(pin_, cursor_);
    journal_.Clear();
    rng_.seed(options_.seed);
  });
}

DurationMs Outbox::RandomDelay(DurationMs max) {
  if (max <= 0) return 0;
  return std::uniform_int_distribution<DurationMs>(0, max)(rng_);
}

void Outbox::WakeAt(Ctx& ctx, TimeMs at, const std::string& id) {
  // A wake-up record: it makes AdvanceTo stop at `at`, after which the
  // after-step hook (DeliverDue) attempts what became due.
  if (at > ctx.now()) ctx.Schedule(at, WebhookAttemptDue{id});
}

// Deques: they grow under the lock without moving what they hold (a vector's
// reallocation of 50,000 events was the longest hold).
struct Outbox::Gathered {
  struct EventForTargets {
    WebhookEvent event;
    PhoneMeta meta;
  };
  struct Group {
    Target target;
    std::string waba_id;
    std::string field;
    std::deque<size_t> changes;  // indexes into events, one per change
  };
  std::uint64_t generation = 0;
  TimeMs now = 0;
  std::deque<EventForTargets> events;
  std::deque<Group> groups;
  std::map<std::string, size_t> group_index;  // (target, WABA, field[, key]) -> groups
  std::uint64_t until = 0;                    // the last fact this round reads
};

// Under the lock, a chunk of facts per hold: new facts become events grouped
// per (target, WABA, field), with what rendering needs copied out of the
// state. Returns false once every fact up to g.until is read: a round reads
// what was there when it began, so a steady stream of new facts cannot keep
// it gathering forever (the next round takes those).
bool Outbox::GatherChunk(Ctx& ctx, Gathered& g) {
  if (g.generation != generation_) g = Gathered{};  // a reset: what was read is gone
  g.generation = generation_;
  g.now = ctx.now();
  const size_t first = g.events.size();
  FactPage page = ctx.facts.Scan(cursor_, kGatherChunk, [&](const Fact& f) {
    for (auto& e : WebhookEventsOf(f)) g.events.push_back({std::move(e), {}});
    return true;
  });
  const bool more = page.next_after != cursor_ && page.next_after < g.until;
  cursor_ = page.next_after;
  ctx.facts.MoveTo(pin_, cursor_);
  for (size_t i = first; i < g.events.size(); ++i) {
    const WebhookEvent& e = g.events[i].event;
    g.events[i].meta = PhoneMetaFor(ctx.state.accounts, e.phone_number_id);
    for (const Target& t : ResolveTargets(ctx.state.accounts, e.waba_id, e.field)) {
      std::string key = t.app_id + '\n' + t.url + '\n' + e.waba_id + '\n' + e.field;
      // A key already waiting behind a pending delivery: its events get their
      // own delivery, so batching never makes another customer's events wait.
      if (options_.ordered && journal_.HasPendingKey(t.app_id, e.ordering_key)) key += '\n' + e.ordering_key;
      auto [it, inserted] = g.group_index.emplace(key, g.groups.size());
      if (inserted) g.groups.push_back(Gathered::Group{t, e.waba_id, e.field, {}});
      g.groups[it->second].changes.push_back(i);
    }
  }
  return more;
}

// Without the lock: every group becomes deliveries of at most max_batch
// changes, rendered for its target's webhook version and serialised.
std::vector<Delivery> Outbox::Render(const Gathered& g, size_t max_batch) {
  std::vector<Delivery> out;
  for (const Gathered::Group& group : g.groups) {
    for (size_t begin = 0; begin < group.changes.size(); begin += max_batch) {
      size_t end = std::min(group.changes.size(), begin + max_batch);
      Delivery d;
      d.app_id = group.target.app_id;
      d.url = group.target.url;
      d.waba_id = group.waba_id;
      d.field = group.field;
      std::vector<Change> changes;
      changes.reserve(end - begin);
      std::unordered_set<std::string> keys_seen;  // a batch lists each customer once
      TimeMs event_at = 0;
      for (size_t i = begin; i < end; ++i) {
        const auto& [e, meta] = g.events[group.changes[i]];
        changes.push_back(Change{group.field, RenderValue(e, meta, group.target.api_version)});
        if (keys_seen.insert(e.ordering_key).second) d.ordering_keys.push_back(e.ordering_key);
        if (!e.wamid.empty()) d.wamids.push_back(e.wamid);
        event_at = std::max(event_at, e.at);
      }
      std::optional<TimeMs> entry_time;
      if (EntryHasTime(group.field)) entry_time = g.events[group.changes[begin]].event.at;
      d.body = std::make_shared<const std::string>(DumpMeta(Envelope(group.waba_id, changes, entry_time)));
      d.updates = changes.size();
      // Anchored at the event's instant, not at when this hook happens to run,
      // so a clock jump replays the same attempt times (determinism).
      d.created_at = std::min(event_at ? event_at : g.now, g.now);
      out.push_back(std::move(d));
    }
  }
  return out;
}

// Under the lock: the rendered deliveries join the journal (in the order they
// were gathered, so ids and jitter draws are deterministic).
size_t Outbox::Enqueue(Ctx& ctx, std::uint64_t generation, std::vector<Delivery>& rendered, size_t from) {
  if (generation != generation_) return rendered.size();  // a reset cleared the log they came from
  // A bounded amount of indexing per lock hold (each ordering key is an index entry).
  size_t keys = 0;
  size_t i = from;
  for (; i < rendered.size() && keys < kEnqueueKeysPerHold; ++i) {
    Delivery& d = rendered[i];
    keys += d.ordering_keys.size();
    d.first_attempt_at = d.next_attempt_at = d.created_at + RandomDelay(options_.max_extra_delay);
    Delivery& added = journal_.Add(std::move(d));
    WakeAt(ctx, added.next_attempt_at, added.id);
  }
  return i;
}

std::vector<Outbox::Planned> Outbox::CollectDue(Ctx& ctx) {
  std::vector<Planned> plan;
  for (Delivery* d : journal_.DueBy(ctx.now())) {
    // In order per (app, customer): held while an earlier delivery is pending.
    if (options_.ordered && d->in_order() && journal_.HeldBehindEarlier(*d)) continue;
    Planned p;
    p.delivery_id = d->id;
    // The attempt happens at its due instant even when the clock has already
    // moved past it (AdvanceTo jumped): retries are replayed in order.
    p.at = d->next_attempt_at;
    auto target = ResolveTarget(ctx.state.accounts, d->waba_id, d->app_id, d->field);
    p.url = target ? target->url : d->url;
    if (target)
      p.secret = target->secret;
    else if (auto it = ctx.state.accounts.apps.find(d->app_id); it != ctx.state.accounts.apps.end())
      p.secret = it->second.secret;
    p.body = d->body;
    for (const std::string& k : d->ordering_keys) p.order_key += k + "\n";
    if (p.order_key.empty()) p.order_key = d->id;
    plan.push_back(std::move(p));
  }
  return plan;
}

std::vector<SendResult> Outbox::Execute(std::vector<Planned>& plan) {
  std::vector<SendResult> results(plan.size());
  auto run = [&](size_t i) {
    // Signed here, outside the lock; the journal records the header sent.
    Planned& p = plan[i];
    p.signature = SignatureHeaderValue(p.secret, *p.body);
    OutboundRequest request;
    request.method = "POST";
    request.url = p.url;
    request.body = *p.body;
    request.headers = {{"Content-Type", "application/json"}, {"X-Hub-Signature-256", p.signature}};
    try {
      results[i] = sender_->Send(request);
    } catch (const std::exception& e) {
      results[i].error = std::string("sender failed: ") + e.what();
    }
  };
  // Lanes: one per (target URL, customers a delivery is about). A lane's
  // attempts go one at a time in the order they were due; each target runs up
  // to max_concurrency of its lanes at once, on workers of its own, so a
  // hanging receiver holds up only its own attempts, never another target's.
  // (Per-customer order across instants is CollectDue's: a delivery waits
  // behind its customer's earlier one.) Record() journals the results in plan
  // order (the order they were due), whatever order they completed in.
  std::map<std::string, std::vector<std::vector<size_t>>> lanes_of_url;
  std::map<std::pair<std::string, std::string>, size_t> lane_index;
  for (size_t i = 0; i < plan.size(); ++i) {
    auto& lanes = lanes_of_url[plan[i].url];
    auto [it, inserted] = lane_index.emplace(std::make_pair(plan[i].url, plan[i].order_key), lanes.size());
    if (inserted) lanes.emplace_back();
    lanes[it->second].push_back(i);
  }
  const size_t per_target = std::max<size_t>(1, options_.max_concurrency);
  struct TargetWork {
    const std::vector<std::vector<size_t>>* lanes;
    std::atomic<size_t> next{0};
  };
  std::vector<std::unique_ptr<TargetWork>> targets;
  size_t workers = 0;
  for (const auto& [url, lanes] : lanes_of_url) {
    targets.push_back(std::make_unique<TargetWork>());
    targets.back()->lanes = &lanes;
    workers += std::min(lanes.size(), per_target);
  }
  auto work_on = [&](TargetWork& t) {
    for (size_t lane = t.next++; lane < t.lanes->size(); lane = t.next++)
      for (size_t i : (*t.lanes)[lane]) run(i);
  };
  if (workers <= 1) {
    for (auto& t : targets) work_on(*t);
    return results;
  }
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (auto& t : targets)
    for (size_t w = 0; w < std::min(t->lanes->size(), per_target); ++w)
      threads.emplace_back([&work_on, &t] { work_on(*t); });
  for (auto& t : threads) t.join();
  return results;
}

void Outbox::MaybeDuplicate(Ctx& ctx, const Delivery& d) {
  if (options_.duplicate_probability <= 0 || !d.duplicate_of.empty()) return;
  if (std::uniform_real_distribution<double>(0, 1)(rng_) >= options_.duplicate_probability) return;
  Delivery dup;
  dup.app_id = d.app_id;
  dup.url = d.url;
  dup.waba_id = d.waba_id;
  dup.field = d.field;
  dup.ordering_keys = d.ordering_keys;
  dup.wamids = d.wamids;
  dup.updates = d.updates;
  dup.body = d.body;
  dup.duplicate_of = d.id;
  dup.created_at = ctx.now();
  // Assumption: a duplicate follows within a second plus the configured jitter.
  dup.first_attempt_at = dup.next_attempt_at = ctx.now() + kSecond + RandomDelay(options_.max_extra_delay);
  Delivery& added = journal_.Add(std::move(dup));
  WakeAt(ctx, added.next_attempt_at, added.id);
}

void Outbox::Release(const Delivery& done, TimeMs at) {
  // Deliveries held behind `done` become due when it finished, not earlier.
  if (!options_.ordered || !done.in_order()) return;
  for (Delivery* d : journal_.BehindOnSameKeys(done))
    if (d->next_attempt_at < at) journal_.Reschedule(*d, at);
}

void Outbox::RecordAttempt(Ctx& ctx, const Delivery& d, const AttemptRecord& a, const char* outcome) {
  // At the attempt's own instant (a clock jump replays retries at theirs).
  ctx.facts.Append(
      a.at, WebhookAttempted{d.id, d.app_id, d.field, a.url, a.number, a.response_status, a.error, outcome});
  if (logger_) {
    WebhookLogEntry e;
    e.virtual_time = a.at;
    e.delivery_id = d.id;
    e.field = d.field;
    e.url = a.url;
    e.attempt = a.number;
    e.response_status = a.response_status;
    e.error = a.error;
    e.outcome = outcome;
    e.next_attempt_at = a.next_retry_at;
    e.latency_ms = static_cast<int>(a.latency_ms);
    log_lines_.push_back(std::move(e));
  }
}

void Outbox::Record(Ctx& ctx, const std::vector<Planned>& plan, const std::vector<SendResult>& results) {
  for (size_t i = 0; i < plan.size(); ++i) {
    Delivery* d = journal_.Find(plan[i].delivery_id);
    if (!d || d->state != DeliveryState::kPending) continue;  // e.g. reset meanwhile
    const SendResult& r = results[i];
    AttemptRecord a;
    a.number = static_cast<int>(d->attempts.size()) + 1;
    a.at = plan[i].at;
    a.url = plan[i].url;
    a.signature = plan[i].signature;
    a.response_status = r.status;
    a.error = r.error;
    a.response_body = r.body.substr(0, options_.response_excerpt);
    a.latency_ms = r.latency_ms;
    d->url = plan[i].url;
    if (r.ok()) {
      d->attempts.push_back(a);
      RecordAttempt(ctx, *d, a, "delivered");
      MaybeDuplicate(ctx, *d);
      Release(*d, a.at);
      journal_.Finish(d->id, DeliveryState::kDelivered);
      continue;
    }
    a.next_retry_at = options_.retry.NextAttemptAt(d->first_attempt_at, a.at, a.number);
    d->attempts.push_back(a);
    RecordAttempt(ctx, *d, a, a.next_retry_at ? "retrying" : "given_up");
    if (a.next_retry_at) {
      journal_.Reschedule(*d, *a.next_retry_at);
      WakeAt(ctx, d->next_attempt_at, d->id);
    } else {
      Release(*d, a.at);
      journal_.Finish(d->id, DeliveryState::kGivenUp);
    }
  }
}

void Outbox::DeliverDue() {
  std::lock_guard guard(deliver_mu_);
  for (int round = 0; round < kMaxRounds; ++round) {
    // The lock is held only to read facts, journal and pick; rendering,
    // serialising, signing and sending happen without it.
    Gathered gathered;
    bool capped = false;  // facts are left for the next round
    sim_.WithLock([&](Ctx& ctx) {
      gathered.generation = generation_;
      // A bounded round: its deliveries go out before the next facts are
      // rendered, so a backlog flows instead of arriving in one late burst.
      gathered.until = std::min(ctx.facts.last_seq(), cursor_ + kFactsPerRound);
      capped = gathered.until < ctx.facts.last_seq();
    });
    while (sim_.WithLock([&](Ctx& ctx) { return GatherChunk(ctx, gathered); })) sim_.HandOffToWaiters();
    const size_t max_batch =
        sim_.WithLock([&](Ctx&) { return std::clamp<size_t>(options_.max_batch, 1, kMetaMaxBatch); });
    std::vector<Delivery> rendered = Render(gathered, max_batch);
    for (size_t done = 0; done < rendered.size(); sim_.HandOffToWaiters())
      done = sim_.WithLock([&](Ctx& ctx) { return Enqueue(ctx, gathered.generation, rendered, done); });
    std::uint64_t plan_generation = 0;
    auto plan = sim_.WithLock([&](Ctx& ctx) {
      plan_generation = generation_;
      return CollectDue(ctx);
    });
    if (plan.empty()) {
      if (capped) continue;
      return;
    }
    auto results = Execute(plan);
    // A reset or an import (PUT /_sim/state, a snapshot restore) while the
    // attempts were out replaced the journal: their results belong to the old one.
    sim_.WithLock([&](Ctx& ctx) {
      if (plan_generation == generation_) Record(ctx, plan, results);
    });
    // The console log, written without the Simulator lock.
    for (WebhookLogEntry& e : log_lines_) logger_->Log(std::move(e));
    log_lines_.clear();
  }
}

Json Outbox::List(const ListFilter& f) {
  return sim_.WithLock([&](Ctx&) {
    std::vector<const Delivery*> matches;
    for (const Delivery* d : journal_.All()) {
      if (!f.state.empty() && f.state != DeliveryStateName(d->state)) continue;
      if (!f.field.empty() && f.field != d->field) continue;
      if (!f.app_id.empty() && f.app_id != d->app_id) continue;
      if (!f.wamid.empty() && std::find(d->wamids.begin(), d->wamids.end(), f.wamid) == d->wamids.end())
        continue;
      matches.push_back(d);
    }
    size_t from = matches.size() > f.limit ? matches.size() - f.limit : 0;
    Json data = Json::array();
    for (size_t i = from; i < matches.size(); ++i) data.push_back(DeliveryJson(*matches[i], f.with_body));
    Json j = Json::object();
    j["data"] = data;
    j["total_matching"] = matches.size();
    j["pending"] = journal_.pending_count();
    return j;
  });
}

std::optional<Json> Outbox::Get(const std::string& id) {
  return sim_.WithLock([&](Ctx&) -> std::optional<Json> {
    const Delivery* d = journal_.Find(id);
    if (!d) return std::nullopt;
    return DeliveryJson(*d, true);
  });
}

Result<Json> Outbox::Redeliver(const std::string& id) {
  auto new_id = sim_.WithLock([&](Ctx& ctx) -> std::optional<std::string> {
    const Delivery* d = journal_.Find(id);
    if (!d) return std::nullopt;
    Delivery copy;
    copy.app_id = d->app_id;
    copy.url = d->url;
    copy.waba_id = d->waba_id;
    copy.field = d->field;
    copy.ordering_keys = d->ordering_keys;
    copy.wamids = d->wamids;
    copy.updates = d->updates;
    copy.body = d->body;
    copy.redelivery_of = d->id;
    copy.created_at = copy.first_attempt_at = copy.next_attempt_at = ctx.now();
    return journal_.Add(std::move(copy)).id;
  });
  if (!new_id) return InvalidParameterError("Unknown webhook delivery id '" + id + "'.");
  // Through the simulator (advance lock held): a receiver that calls the API
  // while handling the POST settles into this pass instead of waiting on it.
  sim_.RunDue();
  auto j = Get(*new_id);
  if (!j) return InvalidParameterError("Delivery " + *new_id + " left the journal (history limit).");
  return *j;
}

Json Outbox::OptionsJson() {
  return sim_.WithLock([&](Ctx&) {
    Json j = Json::object();
    j["max_batch"] = options_.max_batch;
    j["ordered"] = options_.ordered;
    j["horizon"] = FormatDuration(options_.retry.horizon);
    Json sched = Json::array();
    for (DurationMs d : options_.retry.Schedule()) sched.push_back(FormatDuration(d));
    j["attempt_offsets"] = sched;
    j["history"] = options_.history;
    j["max_concurrency"] = options_.max_concurrency;
    j["duplicate_probability"] = options_.duplicate_probability;
    j["max_extra_delay"] = FormatDuration(options_.max_extra_delay);
    j["seed"] = options_.seed;
    return j;
  });
}

std::string Outbox::UpdateOptions(const Json& patch) {
  if (!patch.is_object()) return "body must be a JSON object";
  OutboxOptions o = sim_.WithLock([&](Ctx&) { return options_; });
  for (const auto& [k, v] : patch.items()) {
    if (k == "max_batch") {
      if (!v.is_number_integer() || v.get<long long>() < 1 ||
          v.get<long long>() > static_cast<long long>(kMetaMaxBatch))
        return "max_batch must be an integer 1..1000 (Meta's maximum)";
      o.max_batch = v.get<size_t>();
    } else if (k == "ordered") {
      if (!v.is_boolean()) return "ordered must be true or false";
      o.ordered = v.get<bool>();
    } else if (k == "horizon" || k == "max_extra_delay") {
      auto d = v.is_string() ? ParseDuration(v.get<std::string>()) : std::nullopt;
      if (!d || *d < 0 || *d > 30 * kDay)
        return k + " must be a duration such as \"36h\" or \"7d\" (at most 30d)";
      (k == "horizon" ? o.retry.horizon : o.max_extra_delay) = *d;
    } else if (k == "history") {
      if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 1000000)
        return "history must be an integer 0..1000000";
      o.history = v.get<size_t>();
    } else if (k == "duplicate_probability") {
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
        return "duplicate_probability must be 0..1";
      o.duplicate_probability = v.get<double>();
    } else if (k == "seed") {
      if (!v.is_number_unsigned()) return "seed must be an unsigned integer";
      o.seed = v.get<std::uint64_t>();
    } else {
      return "unknown option '" + k +
             "' (max_batch, ordered, horizon, history, duplicate_probability, max_extra_delay, seed)";
    }
  }
  sim_.WithLock([&](Ctx&) {
    bool reseed = o.seed != options_.seed;
    options_ = o;
    journal_.set_history(o.history);
    if (reseed) rng_.seed(o.seed);
  });
  return "";
}

}  // namespace wasim::webhooks

namespace wasim::webhooks {

Outbox::Image Outbox::Export(Ctx&) const {
  Image image;
  image.cursor = cursor_;
  image.next_seq = journal_.next_seq();
  for (const Delivery* d : journal_.All()) image.deliveries.push_back(*d);
  image.rng_state = SaveEngineState(rng_);
  return image;
}

void Outbox::Restore(Ctx& ctx, Image image) {
  ++generation_;  // what a DeliverDue in progress read belongs to the old state
  cursor_ = std::min(image.cursor, ctx.facts.last_seq());
  ctx.facts.MoveTo(pin_, cursor_);
  journal_.Restore(std::move(image.deliveries), image.next_seq);
  if (!image.rng_state.empty()) (void)LoadEngineState(rng_, image.rng_state);
}

}  // namespace wasim::webhooks
