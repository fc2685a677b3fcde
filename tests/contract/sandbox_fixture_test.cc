// SandboxTest and SandboxClient through include/wasim/ only: each test gets a
// sandbox of its own on one server the suite shares, and sees nothing of the
// others'.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "wasim/testing.h"

namespace {

using ::testing::SizeIs;
using wasim::testing::MessageSent;
using wasim::testing::StatusWebhook;
using namespace std::chrono_literals;

constexpr const char* kSbxHello =
    R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";

class SandboxFixtureTest : public wasim::testing::SandboxTest {};

// Two tests, one suite server: whichever runs second still sees one message
// (its own), a fresh clock and the first wamid of a fresh seed.
void SbxSendAndSeeOnlyMine(wasim::SandboxClient& sbx) {
  auto r = sbx.Graph("POST", sbx.phone_number_id() + "/messages", kSbxHello);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(sbx.Messages(), SizeIs(1));
  EXPECT_THAT(sbx.Messages(), ::testing::Contains(MessageSent("16505551234", "template")));
  EXPECT_EQ(sbx.NowMs(), 1767225600000LL);  // 2026-01-01: nobody else moved this clock
}

TEST_F(SandboxFixtureTest, FirstTestHasItsOwnSandbox) {
  SbxSendAndSeeOnlyMine(sandbox());
  EXPECT_TRUE(AdvanceUntilReceived(StatusWebhook("", "delivered"), 1h));
  for (const auto& d : receiver().Deliveries()) EXPECT_TRUE(d.signature_valid);
}

TEST_F(SandboxFixtureTest, SecondTestHasAnotherSandbox) {
  SbxSendAndSeeOnlyMine(sandbox());
  EXPECT_TRUE(AdvanceUntilSent(MessageSent("16505551234", "template"), 1h));
}

TEST_F(SandboxFixtureTest, TheAppTokenReachesThisTestsSandbox) {
  wasim::SandboxClient& s = sandbox();
  EXPECT_NE(s.app_secret(), wasim::EmbeddedSimulator::DefaultAppSecret());  // the test's own
  auto r = s.Graph("GET", s.app_id() + "/subscriptions", "", s.app_id() + "|" + s.app_secret());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(s.ApiCalls(), SizeIs(1));
}

TEST(SandboxClientTest, TwoSandboxesOnOneEmbeddedServerAreIsolatedAndEnd) {
  std::string error;
  auto server = wasim::EmbeddedSimulator::Start({}, &error);
  ASSERT_TRUE(server) << error;
  auto a = wasim::SandboxClient::Create(server->root_url(), {}, &error);
  ASSERT_TRUE(a) << error;
  wasim::SandboxClient::Options later;
  later.clock_start = "2026-06-01T00:00:00Z";
  auto b = wasim::SandboxClient::Create(server->root_url(), later, &error);
  ASSERT_TRUE(b) << error;
  EXPECT_NE(a->access_token(), b->access_token());
  EXPECT_NE(a->access_token(), server->access_token());
  EXPECT_EQ(a->phone_number_id(), server->phone_number_id());
  EXPECT_EQ(a->base_url(), server->base_url());

  ASSERT_EQ(a->Graph("POST", a->phone_number_id() + "/messages", kSbxHello).status, 200);
  EXPECT_THAT(a->Messages(), SizeIs(1));
  EXPECT_THAT(b->Messages(), SizeIs(0));
  EXPECT_THAT(server->Messages(), SizeIs(0));
  ASSERT_TRUE(a->AdvanceBy("2h").ok());
  EXPECT_EQ(a->NowMs(), 1767225600000LL + 2 * 3600 * 1000);
  EXPECT_EQ(b->NowMs(), 1780272000000LL);  // 2026-06-01, untouched
  EXPECT_EQ(server->NowMs(), 1767225600000LL);
  EXPECT_FALSE(a->ApiCalls().empty());

  std::string token = a->access_token();
  EXPECT_TRUE(a->End().ok());
  auto after = server->Graph("POST", server->phone_number_id() + "/messages", kSbxHello, token);
  EXPECT_EQ(after.status, 401) << after.body;
  EXPECT_EQ(a->Admin("GET", "/_sim/messages").status, 404);

  auto bad = wasim::SandboxClient::Create(
      server->root_url(),
      [] {
        wasim::SandboxClient::Options o;
        o.scenario_yaml = "world: [unclosed";
        return o;
      }(),
      &error);
  EXPECT_FALSE(bad);
  EXPECT_NE(error.find("400"), std::string::npos) << error;
}

}  // namespace
