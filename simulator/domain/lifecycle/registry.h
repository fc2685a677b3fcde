// LifecycleRegistry: runs LifecycleDue records; each Lifecycle registers how
// to find its objects by machine name (lifecycle.h). Wiring time only.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "simulator/domain/timeline/records.h"

namespace wasim {

struct Ctx;

class LifecycleRegistry {
 public:
  using Runner = std::function<void(Ctx&, const LifecycleDue&)>;
  void Add(const std::string& machine, Runner run) { runners_[machine] = std::move(run); }
  // A record of a machine nobody registered does nothing (e.g. restored state of a removed machine).
  void Run(Ctx& ctx, const LifecycleDue& due) const {
    auto it = runners_.find(due.machine);
    if (it != runners_.end()) it->second(ctx, due);
  }

 private:
  std::map<std::string, Runner> runners_;
};

}  // namespace wasim
