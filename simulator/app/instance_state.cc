#include "simulator/persist/instance_state.h"

#include "simulator/app/wiring.h"
#include "simulator/persist/complete_state.h"

namespace wasim::persist {

Json ExportCompleteState(Instance& instance) { return ExportState(instance.sim(), instance.outbox()); }

std::optional<std::string> ImportCompleteState(Instance& instance, const Json& doc) {
  return ImportState(instance.sim(), instance.outbox(), doc);
}

}  // namespace wasim::persist
