// Lifecycle: one Meta-side state machine (template review today; number
// registration, display-name review, onboarding and Coexistence next).
//
// A Machine names its states and lists the transitions Meta allows. An object
// embeds a LifecycleSlot (its state and at most one pending decision). Every
// transition records a LifecycleChanged fact and then runs the area's
// on_transition (which records the area's own fact, e.g. the one a webhook is
// rendered from). A pending decision is a LifecycleDue record on the timeline:
// cancellable, replaced by a newer decision, dropped by any transition.
//
//   enum class Review { kPending, kApproved, kRejected };
//   const Lifecycle<Review> review({"template_review",
//       {{Review::kPending, "PENDING"}, {Review::kApproved, "APPROVED"}, {Review::kRejected, "REJECTED"}},
//       {{Review::kPending, Review::kApproved}, {Review::kPending, Review::kRejected}},
//       find_slot, on_transition});
//   review.DecideLater(ctx, t.review, t.id, Review::kApproved, 1 * kMinute);
//   review.Register(sim.lifecycles());   // wiring time
//
// A Lifecycle is immutable once built (it may be a shared constant); the state
// lives in the slots. Used under the Simulator lock like all domain code.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/domain/lifecycle/registry.h"
#include "simulator/domain/lifecycle/slot.h"
#include "simulator/domain/simulator.h"

namespace wasim {

template <class State>
struct Machine {
  std::string name;
  std::vector<std::pair<State, std::string_view>> states;  // every state, with its name in facts
  std::vector<std::pair<State, State>> transitions;        // (from, to) Meta allows
  // The slot of an object (nullptr: it is gone), for decisions that fall due.
  std::function<LifecycleSlot<State>*(Ctx&, const std::string& object_id)> find;
  // What the area does after each transition (its own fact, side effects).
  std::function<void(Ctx&, const std::string& object_id, State from, State to)> on_transition;
  // Optional: what a decision scheduled with DecideWhenDue decides, asked
  // when it falls due (nullopt: no move). Lets the area's settings change
  // between scheduling and deciding without touching the timeline.
  std::function<std::optional<State>(Ctx&, const std::string& object_id)> decide;
};

// The `to` of a LifecycleDue whose state the machine decides when it falls due.
inline constexpr const char* kDecidedWhenDue = "*";

template <class State>
class Lifecycle {
 public:
  explicit Lifecycle(Machine<State> machine) : m_(std::move(machine)) {}

  const std::string& machine() const { return m_.name; }
  std::string_view NameOf(State s) const {
    for (const auto& [state, name] : m_.states)
      if (state == s) return name;
    return "?";
  }
  std::optional<State> Parse(std::string_view name) const {
    for (const auto& [state, n] : m_.states)
      if (n == name) return state;
    return std::nullopt;
  }
  bool Allows(State from, State to) const {
    for (const auto& [f, t] : m_.transitions)
      if (f == from && t == to) return true;
    return false;
  }

  // Moves the object now, cancelling its pending decision. Refuses (and
  // changes nothing) when the machine does not allow from -> to.
  Status MoveTo(Ctx& ctx, LifecycleSlot<State>& slot, const std::string& object_id, State to,
                const std::string& cause) const {
    if (!Allows(slot.state, to))
      return InvalidParameterError(m_.name + " of " + object_id + " cannot go from " +
                                   std::string(NameOf(slot.state)) + " to " + std::string(NameOf(to)) + ".");
    Apply(ctx, slot, object_id, to, cause);
    return {};
  }

  // At now + delay the object moves to `to` (if the machine still allows it
  // then). Replaces any pending decision.
  void DecideLater(Ctx& ctx, LifecycleSlot<State>& slot, const std::string& object_id, State to,
                   DurationMs delay) const {
    CancelPending(ctx, slot);
    slot.pending = ctx.Schedule(ctx.now() + delay, LifecycleDue{m_.name, object_id, std::string(NameOf(to))});
  }

  // At now + delay the machine's `decide` picks the state (the record's `to`
  // is kDecidedWhenDue). Replaces any pending decision.
  void DecideWhenDue(Ctx& ctx, LifecycleSlot<State>& slot, const std::string& object_id,
                     DurationMs delay) const {
    CancelPending(ctx, slot);
    slot.pending = ctx.Schedule(ctx.now() + delay, LifecycleDue{m_.name, object_id, kDecidedWhenDue});
  }

  void CancelPending(Ctx& ctx, LifecycleSlot<State>& slot) const {
    if (slot.pending) ctx.timeline.Cancel(slot.pending);
    slot.pending = 0;
  }

  // Wiring time: decisions of this machine that fall due run here. The
  // Lifecycle must outlive the registry.
  void Register(LifecycleRegistry& registry) const {
    registry.Add(m_.name, [this](Ctx& ctx, const LifecycleDue& due) { RunDecision(ctx, due); });
  }

 private:
  void Apply(Ctx& ctx, LifecycleSlot<State>& slot, const std::string& object_id, State to,
             const std::string& cause) const {
    CancelPending(ctx, slot);
    State from = slot.state;
    slot.state = to;
    ctx.Record(
        LifecycleChanged{m_.name, object_id, std::string(NameOf(from)), std::string(NameOf(to)), cause});
    if (m_.on_transition) m_.on_transition(ctx, object_id, from, to);
  }

  void RunDecision(Ctx& ctx, const LifecycleDue& due) const {
    LifecycleSlot<State>* slot = m_.find ? m_.find(ctx, due.object_id) : nullptr;
    if (!slot) return;  // the object is gone
    slot->pending = 0;
    std::optional<State> to = due.to == kDecidedWhenDue
                                  ? (m_.decide ? m_.decide(ctx, due.object_id) : std::nullopt)
                                  : Parse(due.to);
    if (!to) return;  // nothing decided (or the record names no state of ours)
    if (Allows(slot->state, *to)) Apply(ctx, *slot, due.object_id, *to, "decision");
  }

  const Machine<State> m_;
};

}  // namespace wasim
