// The GoogleTest side of wasim: waiting helpers that move virtual time, and a
// fixture with a simulator wired to a webhook receiver.
//
//   class CheckoutTest : public wasim::testing::SimulatorTest {};
//   TEST_F(CheckoutTest, Delivered) {
//     auto r = sim().Graph("POST", sim().phone_number_id() + "/messages", R"({...})");
//     EXPECT_TRUE(AdvanceUntilReceived(StatusWebhook("", "delivered"), std::chrono::hours(1)));
//   }
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "wasim/sandbox.h"
#include "wasim/simulator.h"
#include "wasim/testing/matchers.h"
#include "wasim/testing/webhook_receiver.h"

namespace wasim::testing {

// Advances `sim` to each next due record (never sleeping, never by a fixed
// step) while it is due within `horizon`, until `done` holds. A failure names
// where the clock stopped and why, then `describe()`.
::testing::AssertionResult AdvanceUntil(EmbeddedSimulator& sim, const std::function<bool()>& done,
                                        std::chrono::milliseconds horizon,
                                        const std::function<std::string()>& describe = {});
// The same until `receiver` got a POST matching `m`; a failure lists what it got.
::testing::AssertionResult AdvanceUntilReceived(EmbeddedSimulator& sim, const WebhookReceiver& receiver,
                                                const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                std::chrono::milliseconds horizon);
// The same until the message journal holds a message matching `m`; a failure lists the journal.
::testing::AssertionResult AdvanceUntilSent(EmbeddedSimulator& sim,
                                            const ::testing::Matcher<const SentMessage&>& m,
                                            std::chrono::milliseconds horizon);
// The same three on a sandbox of a shared server (include/wasim/sandbox.h).
::testing::AssertionResult AdvanceUntil(SandboxClient& sandbox, const std::function<bool()>& done,
                                        std::chrono::milliseconds horizon,
                                        const std::function<std::string()>& describe = {});
::testing::AssertionResult AdvanceUntilReceived(SandboxClient& sandbox, const WebhookReceiver& receiver,
                                                const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                std::chrono::milliseconds horizon);
::testing::AssertionResult AdvanceUntilSent(SandboxClient& sandbox,
                                            const ::testing::Matcher<const SentMessage&>& m,
                                            std::chrono::milliseconds horizon);
// A short listing of deliveries (index, field, signature, statuses) for failure messages.
std::string DescribeDeliveries(const std::vector<ReceivedWebhook>& deliveries);
// A short listing of the message journal for failure messages.
std::string DescribeMessages(const std::vector<SentMessage>& messages);

// A fixture: before each test, a WebhookReceiver and an EmbeddedSimulator whose
// default app delivers to it (same app secret and verify token). A scenario
// that does not load fails the test with the loader's file:line:column errors.
class SimulatorTest : public ::testing::Test {
 protected:
  // Override to choose the seed, start time or scenario (webhook settings are the fixture's).
  virtual EmbeddedSimulator::Options SimulatorOptions() const { return {}; }
  void SetUp() override;
  void TearDown() override;

  // The simulator (REQUIRES: SetUp succeeded).
  EmbeddedSimulator& sim() { return *sim_; }
  // The app's webhook endpoint the simulator delivers to.
  WebhookReceiver& receiver() { return *receiver_; }
  // AdvanceUntil on this fixture's simulator.
  ::testing::AssertionResult AdvanceUntil(const std::function<bool()>& done,
                                          std::chrono::milliseconds horizon,
                                          const std::function<std::string()>& describe = {});
  // AdvanceUntilReceived on this fixture's simulator and receiver.
  ::testing::AssertionResult AdvanceUntilReceived(const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                  std::chrono::milliseconds horizon);
  // AdvanceUntilSent on this fixture's simulator.
  ::testing::AssertionResult AdvanceUntilSent(const ::testing::Matcher<const SentMessage&>& m,
                                              std::chrono::milliseconds horizon);

  static constexpr const char* kVerifyToken = "wasim-contract-verify";

 private:
  std::unique_ptr<WebhookReceiver> receiver_;
  std::unique_ptr<EmbeddedSimulator> sim_;
};

// A fixture for a suite that shares one server, each test in a sandbox of
// its own (POST /_sim/sandboxes): before each test, a WebhookReceiver and a
// sandbox whose default app delivers to it; after it, the sandbox is ended.
// The server is $WASIM_URL when set (e.g. the CI container,
// "http://127.0.0.1:8080"), else one EmbeddedSimulator started for the test
// suite (SetUpTestSuite) and stopped after it. Tests of a suite may then run
// in parallel processes against one server without seeing each other.
//
//   class CheckoutTest : public wasim::testing::SandboxTest {};
//   TEST_F(CheckoutTest, Delivered) {
//     auto r = sandbox().Graph("POST", sandbox().phone_number_id() + "/messages", R"({...})");
//     EXPECT_TRUE(AdvanceUntilReceived(StatusWebhook("", "delivered"), std::chrono::hours(1)));
//   }
class SandboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  // Override to choose the seed, start time or scenario (webhook settings are the fixture's).
  virtual SandboxClient::Options SandboxOptions() const { return {}; }
  void SetUp() override;
  void TearDown() override;

  // This test's sandbox (REQUIRES: SetUp succeeded).
  SandboxClient& sandbox() { return *sandbox_; }
  WebhookReceiver& receiver() { return *receiver_; }
  // The shared server's root URL.
  static std::string ServerUrl();
  ::testing::AssertionResult AdvanceUntil(const std::function<bool()>& done,
                                          std::chrono::milliseconds horizon,
                                          const std::function<std::string()>& describe = {});
  ::testing::AssertionResult AdvanceUntilReceived(const ::testing::Matcher<const ReceivedWebhook&>& m,
                                                  std::chrono::milliseconds horizon);
  ::testing::AssertionResult AdvanceUntilSent(const ::testing::Matcher<const SentMessage&>& m,
                                              std::chrono::milliseconds horizon);

  static constexpr const char* kVerifyToken = "wasim-contract-verify";

 private:
  // The suite's own server when $WASIM_URL is not set (GoogleTest's pattern
  // for a resource shared by a suite's tests).
  static std::unique_ptr<EmbeddedSimulator>& SuiteServer();
  std::unique_ptr<WebhookReceiver> receiver_;
  std::unique_ptr<SandboxClient> sandbox_;
};

}  // namespace wasim::testing
