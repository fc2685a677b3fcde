// The part of a domain object a Lifecycle drives (lifecycle.h): its state and
// at most one pending decision on the timeline.
#pragma once
#include "simulator/domain/timeline/timeline.h"

namespace wasim {

template <class State>
struct LifecycleSlot {
  State state;
  TimelineId pending = 0;  // the LifecycleDue record of the pending decision; 0: none
};

}  // namespace wasim
