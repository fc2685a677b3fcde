// The sandbox registry's routing decision, in-process (no socket): which
// requests are a sandbox's (its admin path, its token) and which stay main's.
#include <gtest/gtest.h>

#include "simulator/app/sandboxes.h"
#include "simulator/app/wiring.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

HttpRequest RegistryRequest(const std::string& method, const std::string& path, const std::string& token = "",
                            const std::string& body = "") {
  HttpRequest r;
  r.method = method;
  r.path = path;
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  r.body = body;
  return r;
}

TEST(SandboxRegistryTest, TheSandboxIsReadOffItsToken) {
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandbox7x0123456789abcdef"), "sbx_7");
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandbox12x0123456789abcdef_EAAscenarioToken"), "sbx_12");
  EXPECT_EQ(SandboxIdOfToken(DefaultIds::kAccessToken), "");
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandboxx01"), "");
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandbox07x01"), "");  // no leading zero: one spelling per sandbox
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandbox7"), "");
  EXPECT_EQ(SandboxIdOfToken("EAAwasimSandbox7ax"), "");
  EXPECT_EQ(SandboxIdOfToken("xEAAwasimSandbox7x0"), "");
  EXPECT_EQ(SandboxIdOfToken(""), "");
}

TEST(SandboxRegistryTest, RoutesASandboxsTokenAndAdminPathAndLeavesTheRestToMain) {
  SandboxRegistry registry{SimulatorBuilder()};
  auto created = registry.Handle(RegistryRequest("POST", "/_sim/sandboxes", "", R"({"seed":7})"));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  Json s = ParseOrDie(created->body);
  std::string token = s["access_token"];
  EXPECT_EQ(SandboxIdOfToken(token), "sbx_1");

  // The sandbox's token: its pipeline answers, and its journal has the call.
  std::string send = std::string("/v23.0/") + D::kPhoneNumberId + "/messages";
  const char* body =
      R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
  auto routed = registry.Handle(RegistryRequest("POST", send, token, body));
  ASSERT_TRUE(routed);
  EXPECT_EQ(routed->status, 200) << routed->body;
  std::shared_ptr<Instance> sandbox = registry.Find("sbx_1");
  ASSERT_TRUE(sandbox);
  EXPECT_EQ(sandbox->sim().WithLock([](Ctx& ctx) { return ctx.state.messages.size(); }), 1u);

  // Not the registry's: main's token, no token, a dead sandbox's token, main's admin paths.
  EXPECT_FALSE(registry.Handle(RegistryRequest("POST", send, D::kAccessToken, body)));
  EXPECT_FALSE(registry.Handle(RegistryRequest("POST", send, "", body)));
  EXPECT_FALSE(registry.Handle(RegistryRequest("POST", send, "EAAwasimSandbox2x0123456789abcdef", body)));
  EXPECT_FALSE(registry.Handle(RegistryRequest("GET", "/_sim/messages")));
  EXPECT_FALSE(registry.Handle(RegistryRequest("GET", "/_sim/sandboxesX")));

  // The admin path reaches the sandbox's admin API at /_sim/<rest>.
  auto journal = registry.Handle(RegistryRequest("GET", "/_sim/sandboxes/sbx_1/messages"));
  ASSERT_TRUE(journal);
  EXPECT_EQ(ParseOrDie(journal->body)["data"].size(), 1u);
  auto unknown = registry.Handle(RegistryRequest("GET", "/_sim/sandboxes/sbx_1/nothing"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);

  // Deleted: the token is main's again (main answers 190) and the admin path 404s.
  auto del = registry.Handle(RegistryRequest("DELETE", "/_sim/sandboxes/sbx_1"));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200);
  EXPECT_FALSE(registry.Handle(RegistryRequest("POST", send, token, body)));
  EXPECT_EQ(registry.Handle(RegistryRequest("GET", "/_sim/sandboxes/sbx_1/messages"))->status, 404);
  EXPECT_EQ(registry.size(), 0u);
  // A request that still holds the instance can use it safely.
  EXPECT_EQ(sandbox->pipeline().Handle(RegistryRequest("POST", send, token, body)).status, 200);
}

TEST(SandboxRegistryTest, ZeroCapTurnsSandboxesOff) {
  SandboxRegistry registry{SimulatorBuilder().MaxSandboxes(0)};
  auto r = registry.Handle(RegistryRequest("POST", "/_sim/sandboxes"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
}

}  // namespace
}  // namespace wasim::testing
