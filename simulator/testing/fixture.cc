// Waiting helpers and the SimulatorTest fixture (include/wasim/testing/fixture.h).
#include "wasim/testing/fixture.h"

#include <sstream>

namespace wasim::testing {

std::string DescribeDeliveries(const std::vector<ReceivedWebhook>& deliveries) {
  if (deliveries.empty()) return "  (the receiver got no webhook)\n";
  std::ostringstream os;
  os << "  the receiver got " << deliveries.size() << " webhook(s):\n";
  for (const auto& d : deliveries) {
    os << "  ";
    PrintTo(d, &os);
    os << "\n";
  }
  return os.str();
}

std::string DescribeMessages(const std::vector<SentMessage>& messages) {
  if (messages.empty()) return "  (no message was sent)\n";
  std::ostringstream os;
  os << "  " << messages.size() << " message(s) sent:\n";
  for (const auto& m : messages) {
    os << "  ";
    PrintTo(m, &os);
    os << "\n";
  }
  return os.str();
}

::testing::AssertionResult AdvanceUntil(EmbeddedSimulator& sim, const std::function<bool()>& done,
                                        std::chrono::milliseconds horizon,
                                        const std::function<std::string()>& describe) {
  WaitResult r = sim.AdvanceUntil(done, horizon, describe);
  if (r.met) return ::testing::AssertionSuccess() << "met after " << r.steps << " advance(s)";
  return ::testing::AssertionFailure() << r.report;
}

::testing::AssertionResult AdvanceUntilReceived(EmbeddedSimulator& sim, const WebhookReceiver& receiver,
                                                const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                std::chrono::milliseconds horizon) {
  auto done = [&] {
    for (const auto& d : receiver.Deliveries())
      if (m.Matches(d)) return true;
    return false;
  };
  auto describe = [&] {
    std::ostringstream os;
    os << "  awaited a webhook that ";
    m.DescribeTo(&os);
    os << "\n" << DescribeDeliveries(receiver.Deliveries());
    return os.str();
  };
  return AdvanceUntil(sim, done, horizon, describe);
}

::testing::AssertionResult AdvanceUntilSent(EmbeddedSimulator& sim,
                                            const ::testing::Matcher<const SentMessage&>& m,
                                            std::chrono::milliseconds horizon) {
  auto done = [&] {
    for (const auto& s : sim.Messages())
      if (m.Matches(s)) return true;
    return false;
  };
  auto describe = [&] {
    std::ostringstream os;
    os << "  awaited a message that ";
    m.DescribeTo(&os);
    os << "\n" << DescribeMessages(sim.Messages());
    return os.str();
  };
  return AdvanceUntil(sim, done, horizon, describe);
}

void SimulatorTest::SetUp() {
  EmbeddedSimulator::Options options = SimulatorOptions();
  // The receiver verifies with the secret the simulator signs with.
  if (options.app_secret.empty()) options.app_secret = EmbeddedSimulator::DefaultAppSecret();
  receiver_ = std::make_unique<WebhookReceiver>(options.app_secret, kVerifyToken);
  options.webhook_url = receiver_->url();
  options.verify_token = kVerifyToken;
  std::string error;
  sim_ = EmbeddedSimulator::Start(options, &error);
  ASSERT_TRUE(sim_) << "the simulator did not start:\n" << error;
}

void SimulatorTest::TearDown() {
  // The receiver first: a handler still answering a timed-out delivery may call
  // sim(); deliveries only start inside calls from the test thread, so none
  // begins once TearDown runs.
  receiver_.reset();
  sim_.reset();
}

::testing::AssertionResult SimulatorTest::AdvanceUntil(const std::function<bool()>& done,
                                                       std::chrono::milliseconds horizon,
                                                       const std::function<std::string()>& describe) {
  return ::wasim::testing::AdvanceUntil(*sim_, done, horizon, describe);
}

::testing::AssertionResult SimulatorTest::AdvanceUntilReceived(
    const ::testing::Matcher<const ReceivedWebhook&>& m, std::chrono::milliseconds horizon) {
  return ::wasim::testing::AdvanceUntilReceived(*sim_, *receiver_, m, horizon);
}

::testing::AssertionResult SimulatorTest::AdvanceUntilSent(const ::testing::Matcher<const SentMessage&>& m,
                                                           std::chrono::milliseconds horizon) {
  return ::wasim::testing::AdvanceUntilSent(*sim_, m, horizon);
}

}  // namespace wasim::testing
