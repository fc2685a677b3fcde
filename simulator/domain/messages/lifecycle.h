// Status lifecycle of an accepted outbound message on the virtual clock:
// sent -> delivered (user reachable) -> read (user reads), or failed with a
// catalog error. Statuses of one message never go backwards.
#pragma once
#include <optional>

#include "simulator/core/errors.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

// Schedules the lifecycle of a just-accepted message. `failure`, when set, is
// an error decided after acceptance: the message gets `failed` with it after
// the configured delay instead of being delivered.
void StartLifecycle(Ctx& ctx, const std::string& wamid, std::optional<GraphError> failure);

// Records a status and publishes its event, unless it would go backwards
// (or the message already failed). Returns whether it was applied.
bool ApplyStatus(Ctx& ctx, const std::string& wamid, MessageStatus status,
                 std::optional<GraphError> error = std::nullopt);

}  // namespace wasim::messages
