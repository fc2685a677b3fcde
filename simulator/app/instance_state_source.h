// The StateSource of a running server (--state, persist/serve_state.h): the
// import of an Instance (persist/instance_state.h), the clock and the journal
// size. Sandboxes are not part of it (they are per-run by design).
#pragma once
#include "simulator/app/wiring.h"
#include "simulator/persist/group_commit.h"
#include "simulator/persist/instance_state.h"

namespace wasim::persist {

class InstanceStateSource final : public StateSource {
 public:
  explicit InstanceStateSource(Instance& instance) : instance_(instance) {}
  Json Export() override { return ExportCompleteState(instance_); }
  std::optional<std::string> Import(const Json& doc) override { return ImportCompleteState(instance_, doc); }
  std::int64_t VirtualTimeMs() override { return instance_.sim().clock().Now(); }
  std::int64_t MessageCount() override {
    return instance_.sim().WithLock(
        [](Ctx& ctx) { return static_cast<std::int64_t>(ctx.state.messages.size()); });
  }

 private:
  Instance& instance_;
};

}  // namespace wasim::persist
