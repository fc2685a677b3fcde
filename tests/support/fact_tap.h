// FactTap: what a test used to subscribe to, read from the fact log instead.
// Construct it before the act; Of<T>() returns the facts of type T recorded
// since (with their virtual time), ManagementValues(field) the management
// webhook values Meta would send for them (rendered by simulator/webhooks/).
#pragma once
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/domain/simulator.h"
#include "simulator/webhooks/payloads.h"

namespace wasim::testing {

// A management webhook change as a consumer sees it: its WABA, field, the value
// Meta sends (rendered by simulator/webhooks/) and the virtual time of the fact.
struct ManagementChange {
  std::string waba_id;
  std::string field;
  Json value;
  TimeMs at = 0;
};

template <class T>
struct Timed {
  T fact;
  TimeMs at = 0;
  const T* operator->() const { return &fact; }
};

class FactTap {
 public:
  explicit FactTap(Simulator& sim) : sim_(sim) {
    after_ = sim_.WithLock([](Ctx& ctx) { return ctx.facts.last_seq(); });
  }

  // Every fact recorded since the tap was made.
  std::vector<Fact> All() {
    return sim_.WithLock([&](Ctx& ctx) { return ctx.facts.Read(after_, static_cast<size_t>(-1)).facts; });
  }

  template <class T>
  std::vector<T> Of() {
    std::vector<T> out;
    for (const Fact& f : All())
      if (auto* t = std::get_if<T>(&f.body)) out.push_back(*t);
    return out;
  }

  template <class T>
  std::vector<Timed<T>> TimedOf() {
    std::vector<Timed<T>> out;
    for (const Fact& f : All())
      if (auto* t = std::get_if<T>(&f.body)) out.push_back({*t, f.at});
    return out;
  }

  // Management webhook changes caused since (field and value), in order;
  // `field` empty: every management field.
  std::vector<webhooks::WebhookEvent> Management(const std::string& field = "") {
    std::vector<webhooks::WebhookEvent> out;
    for (const Fact& f : All())
      for (auto& e : webhooks::WebhookEventsOf(f))
        if (e.field != webhooks::kMessagesField && (field.empty() || e.field == field))
          out.push_back(std::move(e));
    return out;
  }
  std::vector<ManagementChange> ManagementChanges(const std::string& field = "") {
    std::vector<ManagementChange> out;
    for (const auto& e : Management(field))
      out.push_back({e.waba_id, e.field, webhooks::RenderValue(e, {}, ""), e.at});
    return out;
  }
  std::vector<Json> ManagementValues(const std::string& field = "") {
    std::vector<Json> out;
    for (const auto& e : Management(field)) out.push_back(webhooks::RenderValue(e, {}, ""));
    return out;
  }

 private:
  Simulator& sim_;
  std::uint64_t after_ = 0;
};

// Records `fact` now, as domain code would (tests that feed the outbox directly).
inline void RecordFact(Simulator& sim, FactBody fact) {
  sim.WithLock([&](Ctx& ctx) { ctx.Record(std::move(fact)); });
}

}  // namespace wasim::testing
