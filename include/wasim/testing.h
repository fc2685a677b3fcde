// Everything of wasim::testing: the in-process simulator, the webhook
// receiver, the matchers, the waiting helpers and the SimulatorTest fixture.
// Link wasim::testing (it brings wasim::simulator, GoogleTest and GoogleMock).
#pragma once
#include "wasim/sandbox.h"
#include "wasim/simulator.h"
#include "wasim/testing/fixture.h"
#include "wasim/testing/matchers.h"
#include "wasim/testing/webhook_receiver.h"
