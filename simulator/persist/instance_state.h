// The complete state of a wired Instance (simulator/app/wiring.h): its
// Simulator and webhook outbox, as the document of complete_state.h. What
// `wasim serve --state FILE` saves and loads. Implemented in the app layer
// (simulator/app/instance_state.cc), where Instance lives.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"

namespace wasim {
class Instance;
}  // namespace wasim

namespace wasim::persist {

// persist::ExportState over the instance's simulator and outbox.
Json ExportCompleteState(Instance& instance);
// persist::ImportState: nullopt when imported; otherwise the problem (with
// its JSON path), and nothing changed.
std::optional<std::string> ImportCompleteState(Instance& instance, const Json& doc);

}  // namespace wasim::persist
