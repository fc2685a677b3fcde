// What runs when a timeline record falls due: one handler per record kind,
// registered by each area at wiring time. A handler runs under the Simulator
// lock with ctx.now() equal to the record's due time.
#pragma once
#include <array>
#include <functional>
#include <stdexcept>
#include <string>
#include <variant>

#include "simulator/domain/timeline/records.h"

namespace wasim {

struct Ctx;

class TimelineHandlers {
 public:
  template <class R>
  void On(std::function<void(Ctx&, const R&)> handler) {
    constexpr size_t index = IndexOf<R>();
    slots_[index] = [h = std::move(handler)](Ctx& ctx, const DueRecord& r) { h(ctx, std::get<R>(r)); };
  }
  bool Has(const DueRecord& r) const { return static_cast<bool>(slots_[r.index()]); }
  // Runs the handler of r's kind; a kind without a handler is a wiring bug.
  void Run(Ctx& ctx, const DueRecord& r) const {
    const auto& slot = slots_[r.index()];
    if (!slot) throw std::logic_error(std::string("no timeline handler for ") + KindName(r));
    slot(ctx, r);
  }

 private:
  template <class R, size_t I = 0>
  static constexpr size_t IndexOf() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, DueRecord>, R>)
      return I;
    else
      return IndexOf<R, I + 1>();
  }
  std::array<std::function<void(Ctx&, const DueRecord&)>, std::variant_size_v<DueRecord>> slots_;
};

}  // namespace wasim
