// The scenario admin API: POST /_sim/scenarios (a YAML body, or
// {"name":"offline-past-30-days"} from the scenario library),
// GET /_sim/scenarios/current, GET /_sim/scenarios/current/verdict
// (200 every expectation passed, 409 otherwise; ?format=junit for XML).
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "simulator/admin/admin_router.h"
#include "simulator/scenario/session.h"

namespace wasim::scenario {

// Loads a scenario into the session with the server's own settings applied
// (the wiring knows them); the problem when its world does not apply.
using LoadIntoServer = std::function<std::optional<std::string>(Scenario)>;

// `library_dir`: where {"name": N} finds N.yaml.
void RegisterScenarioRoutes(AdminRouter& router, ScenarioSession& session, LoadIntoServer load,
                            std::string library_dir);

// The file of a library scenario by name (letters, digits, '-', '_'), or "" when the name is not one.
std::string LibraryFile(const std::string& library_dir, const std::string& name);

}  // namespace wasim::scenario
