// Worlds in tests: set up through WorldBuilder steps (never by writing store
// internals), applied to a running simulator; a step that does not apply
// fails the test with the builder's message.
#pragma once
#include <gtest/gtest.h>

#include "simulator/domain/simulator.h"
#include "simulator/domain/world/default_world.h"

namespace wasim::testing {

inline void EditWorld(Simulator& sim, const WorldBuilder& steps) {
  auto problem = sim.ApplyWorld(steps);
  ASSERT_FALSE(problem.has_value()) << *problem;
}

}  // namespace wasim::testing
