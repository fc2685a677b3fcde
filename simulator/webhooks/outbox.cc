#include "simulator/webhooks/outbox.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "simulator/webhooks/payloads.h"
#include "simulator/webhooks/signature.h"
#include "simulator/webhooks/targets.h"

namespace wasim::webhooks {
namespace {

// Guard against a policy whose delays never move time (DeliverDue resumes on the next step).
constexpr int kMaxRounds = 10000;

struct PendingChange {
  Change change;
  std::string ordering_key;
  std::string wamid;
  TimeMs at = 0;
};

struct Group {
  Target target;
  std::string waba_id;
  std::string field;
  std::vector<PendingChange> changes;
};

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

std::vector<WebhookEvent> Outbox::ReadNewEvents(Ctx& ctx) {
  std::vector<WebhookEvent> events;
  FactPage page = ctx.facts.Scan(cursor_, static_cast<size_t>(-1), [&](const Fact& f) {
    for (auto& e : WebhookEventsOf(f)) events.push_back(std::move(e));
    return true;
  });
  cursor_ = page.next_after;
  ctx.facts.MoveTo(pin_, cursor_);
  return events;
}

void Outbox::Materialize(Ctx& ctx) {
  std::vector<WebhookEvent> inbox = ReadNewEvents(ctx);
  if (inbox.empty()) return;
  // Keys already waiting behind a pending delivery: their events get their own
  // delivery, so batching never makes another customer's events wait.
  std::set<std::string> held;
  if (options_.ordered)
    for (const Delivery* d : journal_.Pending())
      for (const auto& k : d->ordering_keys) held.insert(d->app_id + '\n' + k);
  std::vector<Group> groups;
  std::map<std::string, size_t> index;
  for (const WebhookEvent& e : inbox) {
    const std::string& field = e.field;
    const std::string& waba = e.waba_id;
    const std::string& okey = e.ordering_key;
    PhoneMeta meta = PhoneMetaFor(ctx.state.accounts, e.phone_number_id);
    for (const Target& t : ResolveTargets(ctx.state.accounts, waba, field)) {
      std::string key = t.app_id + '\n' + t.url + '\n' + waba + '\n' + field;
      if (held.count(t.app_id + '\n' + okey)) key += '\n' + okey;
      auto [it, inserted] = index.emplace(key, groups.size());
      if (inserted) groups.push_back(Group{t, waba, field, {}});
      groups[it->second].changes.push_back(
          {Change{field, RenderValue(e, meta, t.api_version)}, okey, e.wamid, e.at});
    }
  }
  const size_t max_batch = std::clamp<size_t>(options_.max_batch, 1, kMetaMaxBatch);
  const TimeMs now = ctx.now();
  for (const Group& g : groups) {
    for (size_t begin = 0; begin < g.changes.size(); begin += max_batch) {
      size_t end = std::min(g.changes.size(), begin + max_batch);
      Delivery d;
      d.app_id = g.target.app_id;
      d.url = g.target.url;
      d.waba_id = g.waba_id;
      d.field = g.field;
      std::vector<Change> changes;
      for (size_t i = begin; i < end; ++i) {
        const PendingChange& c = g.changes[i];
        changes.push_back(c.change);
        if (std::find(d.ordering_keys.begin(), d.ordering_keys.end(), c.ordering_key) ==
            d.ordering_keys.end())
          d.ordering_keys.push_back(c.ordering_key);
        if (!c.wamid.empty()) d.wamids.push_back(c.wamid);
      }
      std::optional<TimeMs> entry_time;
      if (g.field != kMessagesField) entry_time = g.changes[begin].at;
      TimeMs event_at = 0;
      for (size_t i = begin; i < end; ++i) event_at = std::max(event_at, g.changes[i].at);
      d.body = DumpMeta(Envelope(g.waba_id, changes, entry_time));
      d.updates = changes.size();
      // Anchored at the event's instant, not at when this hook happens to run,
      // so a clock jump replays the same attempt times (determinism).
      d.created_at = std::min(event_at ? event_at : now, now);
      d.first_attempt_at = d.next_attempt_at = d.created_at + RandomDelay(options_.max_extra_delay);
      Delivery& added = journal_.Add(std::move(d));
      WakeAt(ctx, added.next_attempt_at, added.id);
    }
  }
}

std::vector<Outbox::Planned> Outbox::CollectDue(Ctx& ctx) {
  std::vector<Planned> plan;
  const TimeMs now = ctx.now();
  std::map<std::string, std::set<std::string>>
      held;  // app id -> ordering keys with an earlier pending delivery
  for (Delivery* d : journal_.Pending()) {
    bool blocked = false;
    if (options_.ordered && d->redelivery_of.empty() && d->duplicate_of.empty()) {
      auto& keys = held[d->app_id];
      for (const auto& k : d->ordering_keys) blocked = blocked || keys.count(k);
      keys.insert(d->ordering_keys.begin(), d->ordering_keys.end());
    }
    if (blocked || d->next_attempt_at > now) continue;
    Planned p;
    p.delivery_id = d->id;
    // The attempt happens at its due instant even when the clock has already
    // moved past it (AdvanceTo jumped): retries are replayed in order.
    p.at = d->next_attempt_at;
    auto target = ResolveTarget(ctx.state.accounts, d->waba_id, d->app_id, d->field);
    p.url = target ? target->url : d->url;
    std::string secret;
    if (target)
      secret = target->secret;
    else if (auto it = ctx.state.accounts.apps.find(d->app_id); it != ctx.state.accounts.apps.end())
      secret = it->second.secret;
    p.signature = SignatureHeaderValue(secret, d->body);
    p.request.method = "POST";
    p.request.url = p.url;
    p.request.body = d->body;
    p.request.headers = {{"Content-Type", "application/json"}, {"X-Hub-Signature-256", p.signature}};
    plan.push_back(std::move(p));
  }
  return plan;
}

std::vector<SendResult> Outbox::Execute(const std::vector<Planned>& plan) {
  std::vector<SendResult> results(plan.size());
  auto run = [&](size_t i) {
    try {
      results[i] = sender_->Send(plan[i].request);
    } catch (const std::exception& e) {
      results[i].error = std::string("sender failed: ") + e.what();
    }
  };
  size_t workers = std::min(plan.size(), std::max<size_t>(1, options_.max_concurrency));
  if (workers <= 1) {
    for (size_t i = 0; i < plan.size(); ++i) run(i);
    return results;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      for (size_t i = next++; i < plan.size(); i = next++) run(i);
    });
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
  if (!options_.ordered || !done.redelivery_of.empty() || !done.duplicate_of.empty()) return;
  for (Delivery* d : journal_.Pending()) {
    if (d->seq <= done.seq || d->app_id != done.app_id || d->next_attempt_at >= at) continue;
    for (const auto& k : d->ordering_keys)
      if (std::find(done.ordering_keys.begin(), done.ordering_keys.end(), k) != done.ordering_keys.end()) {
        d->next_attempt_at = at;
        break;
      }
  }
}

void Outbox::RecordAttempt(Ctx& ctx, const Delivery& d, const AttemptRecord& a, const char* outcome) {
  // At the attempt's own instant (a clock jump replays retries at theirs).
  ctx.facts.Append(
      a.at, WebhookAttempted{d.id, d.app_id, d.field, a.url, a.number, a.response_status, a.error, outcome});
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
      d->next_attempt_at = *a.next_retry_at;
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
    auto plan = sim_.WithLock([&](Ctx& ctx) {
      Materialize(ctx);
      return CollectDue(ctx);
    });
    if (plan.empty()) return;
    auto results = Execute(plan);
    sim_.WithLock([&](Ctx& ctx) { Record(ctx, plan, results); });
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
