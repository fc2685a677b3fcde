// Routes of this Graph API area are registered here.
#include "simulator/http/graph_router.h"

namespace wasim {

void RegisterSubscriptionRoutes(GraphRouter& r) {}

}  // namespace wasim
