// Waiting helpers and the SimulatorTest fixture (include/wasim/testing/fixture.h).
#include "wasim/testing/fixture.h"

#include <cstdio>
#include <cstdlib>
#include <random>
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

namespace {

template <typename Sim>
::testing::AssertionResult FixtureAdvanceUntil(Sim& sim, const std::function<bool()>& done,
                                               std::chrono::milliseconds horizon,
                                               const std::function<std::string()>& describe) {
  WaitResult r = sim.AdvanceUntil(done, horizon, describe);
  if (r.met) return ::testing::AssertionSuccess() << "met after " << r.steps << " advance(s)";
  return ::testing::AssertionFailure() << r.report;
}

template <typename Sim>
::testing::AssertionResult FixtureAdvanceUntilReceived(Sim& sim, const WebhookReceiver& receiver,
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
  return FixtureAdvanceUntil(sim, done, horizon, describe);
}

template <typename Sim>
::testing::AssertionResult FixtureAdvanceUntilSent(Sim& sim, const ::testing::Matcher<const SentMessage&>& m,
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
  return FixtureAdvanceUntil(sim, done, horizon, describe);
}

}  // namespace

::testing::AssertionResult AdvanceUntil(EmbeddedSimulator& sim, const std::function<bool()>& done,
                                        std::chrono::milliseconds horizon,
                                        const std::function<std::string()>& describe) {
  return FixtureAdvanceUntil(sim, done, horizon, describe);
}
::testing::AssertionResult AdvanceUntil(SandboxClient& sim, const std::function<bool()>& done,
                                        std::chrono::milliseconds horizon,
                                        const std::function<std::string()>& describe) {
  return FixtureAdvanceUntil(sim, done, horizon, describe);
}
::testing::AssertionResult AdvanceUntilReceived(EmbeddedSimulator& sim, const WebhookReceiver& receiver,
                                                const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                std::chrono::milliseconds horizon) {
  return FixtureAdvanceUntilReceived(sim, receiver, m, horizon);
}
::testing::AssertionResult AdvanceUntilReceived(SandboxClient& sim, const WebhookReceiver& receiver,
                                                const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                std::chrono::milliseconds horizon) {
  return FixtureAdvanceUntilReceived(sim, receiver, m, horizon);
}
::testing::AssertionResult AdvanceUntilSent(EmbeddedSimulator& sim,
                                            const ::testing::Matcher<const SentMessage&>& m,
                                            std::chrono::milliseconds horizon) {
  return FixtureAdvanceUntilSent(sim, m, horizon);
}
::testing::AssertionResult AdvanceUntilSent(SandboxClient& sim,
                                            const ::testing::Matcher<const SentMessage&>& m,
                                            std::chrono::milliseconds horizon) {
  return FixtureAdvanceUntilSent(sim, m, horizon);
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

std::unique_ptr<EmbeddedSimulator>& SandboxTest::SuiteServer() {
  static std::unique_ptr<EmbeddedSimulator> server;
  return server;
}

std::string SandboxTest::ServerUrl() {
  if (const char* url = std::getenv("WASIM_URL"); url && *url) return url;
  return SuiteServer() ? SuiteServer()->root_url() : "";
}

void SandboxTest::SetUpTestSuite() {
  if (const char* url = std::getenv("WASIM_URL"); url && *url) return;
  std::string error;
  SuiteServer() = EmbeddedSimulator::Start({}, &error);
  if (!SuiteServer()) ADD_FAILURE() << "the suite's simulator did not start:\n" << error;
}

void SandboxTest::TearDownTestSuite() { SuiteServer().reset(); }

void SandboxTest::SetUp() {
  SandboxClient::Options options = SandboxOptions();
  // A secret of this test's own: the server routes app access tokens
  // "{app-id}|{app-secret}" to a sandbox by it.
  if (options.app_secret.empty()) {
    std::random_device random;
    char hex[33];
    std::snprintf(hex, sizeof hex, "%08x%08x%08x%08x", random(), random(), random(), random());
    options.app_secret = hex;
  }
  receiver_ = std::make_unique<WebhookReceiver>(options.app_secret, kVerifyToken);
  options.webhook_url = receiver_->url();
  options.verify_token = kVerifyToken;
  std::string url = ServerUrl();
  ASSERT_FALSE(url.empty()) << "no server: set WASIM_URL or let the suite start one";
  std::string error;
  sandbox_ = SandboxClient::Create(url, options, &error);
  ASSERT_TRUE(sandbox_) << "no sandbox on " << url << ":\n" << error;
}

void SandboxTest::TearDown() {
  sandbox_.reset();  // ends the sandbox: no more deliveries to the receiver
  receiver_.reset();
}

::testing::AssertionResult SandboxTest::AdvanceUntil(const std::function<bool()>& done,
                                                     std::chrono::milliseconds horizon,
                                                     const std::function<std::string()>& describe) {
  return ::wasim::testing::AdvanceUntil(*sandbox_, done, horizon, describe);
}

::testing::AssertionResult SandboxTest::AdvanceUntilReceived(
    const ::testing::Matcher<const ReceivedWebhook&>& m, std::chrono::milliseconds horizon) {
  return ::wasim::testing::AdvanceUntilReceived(*sandbox_, *receiver_, m, horizon);
}

::testing::AssertionResult SandboxTest::AdvanceUntilSent(const ::testing::Matcher<const SentMessage&>& m,
                                                         std::chrono::milliseconds horizon) {
  return ::wasim::testing::AdvanceUntilSent(*sandbox_, m, horizon);
}

}  // namespace wasim::testing
