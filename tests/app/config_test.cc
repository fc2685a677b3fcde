#include "simulator/app/config.h"

#include <gtest/gtest.h>

#include <map>

namespace wasim {
namespace {

struct FakeEnv {
  std::map<std::string, std::string> vars;
  std::function<const char*(const char*)> fn() {
    return [this](const char* n) -> const char* {
      auto it = vars.find(n);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

TEST(ServeConfigTest, DefaultsMatchTheDocumentedOnes) {
  ServeConfig c;
  FakeEnv env;
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_EQ(c.bind, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.clock, "realtime");
  EXPECT_EQ(c.seed, 42u);
}

TEST(ServeConfigTest, EnvironmentThenFlagsWhichWin) {
  ServeConfig c;
  FakeEnv env;
  env.vars = {
      {"WASIM_PORT", "9000"}, {"WASIM_CLOCK", "manual"}, {"WASIM_SEED", "7"}, {"WASIM_BIND", "0.0.0.0"}};
  ASSERT_TRUE(ParseServeConfig({"--port", "9001", "--seed=8"}, &c, env.fn()).ok);
  EXPECT_EQ(c.port, 9001);
  EXPECT_EQ(c.seed, 8u);
  EXPECT_EQ(c.clock, "manual");
  EXPECT_EQ(c.bind, "0.0.0.0");
}

TEST(ServeConfigTest, PublicUrlComesFromTheFlagOrTheEnvironmentAndMustBeHttp) {
  FakeEnv env;
  ServeConfig c;
  env.vars = {{"WASIM_PUBLIC_URL", "http://wasim:8080"}};
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_EQ(c.public_url, "http://wasim:8080");
  ASSERT_TRUE(ParseServeConfig({"--public-url", "https://sim.example"}, &c, env.fn()).ok);
  EXPECT_EQ(c.public_url, "https://sim.example");
  auto r = ParseServeConfig({"--public-url", "wasim:8080"}, &c, env.fn());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("http(s) URL"), std::string::npos) << r.error;
}

TEST(ServeConfigTest, RejectsBadValuesWithAClearMessage) {
  FakeEnv env;
  ServeConfig c;
  auto r = ParseServeConfig({"--clock", "sundial"}, &c, env.fn());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("manual or realtime"), std::string::npos);
  EXPECT_FALSE(ParseServeConfig({"--port", "70000"}, &c, env.fn()).ok);
  EXPECT_FALSE(ParseServeConfig({"--port"}, &c, env.fn()).ok);
  EXPECT_FALSE(ParseServeConfig({"--bogus", "1"}, &c, env.fn()).ok);
  env.vars = {{"WASIM_PORT", "abc"}};
  auto e = ParseServeConfig({}, &c, env.fn());
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("WASIM_PORT"), std::string::npos);
}

TEST(ServeConfigTest, ClockSpeedIsAPositiveFactor) {
  ServeConfig c;
  FakeEnv env;
  ASSERT_TRUE(ParseServeConfig({"--clock-speed", "60"}, &c, env.fn()).ok);
  EXPECT_EQ(c.clock_speed, 60.0);
  for (const char* bad : {"0", "-2", "fast", "1e9"}) {
    ServeConfig d;
    auto r = ParseServeConfig({"--clock-speed", bad}, &d, env.fn());
    EXPECT_FALSE(r.ok) << bad;
    EXPECT_NE(r.error.find("--clock-speed"), std::string::npos) << r.error;
  }
}

TEST(ServeConfigTest, FactRetentionIsAPositiveCount) {
  ServeConfig c;
  FakeEnv env;
  EXPECT_EQ(c.fact_retention, 100000);
  ASSERT_TRUE(ParseServeConfig({"--fact-retention", "500"}, &c, env.fn()).ok);
  EXPECT_EQ(c.fact_retention, 500);
  ServeConfig d;
  EXPECT_FALSE(ParseServeConfig({"--fact-retention", "0"}, &d, env.fn()).ok);
}

TEST(ServeConfigTest, MaxSandboxesFlagAndEnvironment) {
  ServeConfig c;
  FakeEnv env;
  EXPECT_EQ(c.max_sandboxes, 256);
  ASSERT_TRUE(ParseServeConfig({"--max-sandboxes", "0"}, &c, env.fn()).ok);
  EXPECT_EQ(c.max_sandboxes, 0);
  ServeConfig d;
  auto bad = ParseServeConfig({"--max-sandboxes", "-1"}, &d, env.fn());
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("--max-sandboxes"), std::string::npos) << bad.error;
  EXPECT_NE(ServeHelp().find("WASIM_MAX_SANDBOXES"), std::string::npos);
}

TEST(ServeConfigTest, HelpListsEveryFlagAndItsEnvironmentVariable) {
  std::string help = ServeHelp();
  for (const char* s :
       {"--port", "WASIM_PORT", "--bind", "WASIM_BIND", "--seed", "WASIM_SEED", "--clock", "WASIM_CLOCK",
        "--webhook-url", "WASIM_WEBHOOK_URL", "--clock-speed", "WASIM_CLOCK_SPEED"})
    EXPECT_NE(help.find(s), std::string::npos) << s;
}

TEST(ServeConfigTest, ClockStartMustBeARealIsoInstant) {
  FakeEnv env;
  for (const char* bad :
       {"yesterday", "2026-13-45T00:00:00Z", "2026-01-01", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00"}) {
    ServeConfig c;
    auto r = ParseServeConfig({"--clock-start", bad}, &c, env.fn());
    EXPECT_FALSE(r.ok) << bad;
    EXPECT_NE(r.error.find("such as 2026-01-01T00:00:00Z"), std::string::npos) << r.error;
  }
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({"--clock-start", "2026-02-28T12:30:00.250Z"}, &c, env.fn()).ok);
  EXPECT_EQ(c.clock_start, "2026-02-28T12:30:00.250Z");
  env.vars = {{"WASIM_CLOCK_START", "tomorrow"}};
  auto r = ParseServeConfig({}, &c, env.fn());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("WASIM_CLOCK_START: ", 0), 0u) << r.error;
}

TEST(ServeConfigTest, QuietHasAnEnvironmentVariable) {
  FakeEnv env;
  env.vars = {{"WASIM_QUIET", "1"}};
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_TRUE(c.quiet);
  env.vars = {{"WASIM_QUIET", "0"}};
  ServeConfig d;
  ASSERT_TRUE(ParseServeConfig({}, &d, env.fn()).ok);
  EXPECT_FALSE(d.quiet);
  ASSERT_TRUE(ParseServeConfig({"--quiet"}, &d, env.fn()).ok);  // the flag wins
  EXPECT_TRUE(d.quiet);
  env.vars = {{"WASIM_QUIET", "maybe"}};
  EXPECT_FALSE(ParseServeConfig({}, &d, env.fn()).ok);
  EXPECT_NE(ServeHelp().find("WASIM_QUIET"), std::string::npos);
}

TEST(ServeConfigTest, WebhookFieldsAreAKnownFieldList) {
  FakeEnv env;
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_TRUE(c.webhook_fields.empty());  // every field
  ASSERT_TRUE(ParseServeConfig({"--webhook-fields", "messages, account_update,messages"}, &c, env.fn()).ok);
  EXPECT_EQ(c.webhook_fields, (std::vector<std::string>{"messages", "account_update"}));
  auto bad = ParseServeConfig({"--webhook-fields", "messages,mesages"}, &c, env.fn());
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("unknown field 'mesages'"), std::string::npos) << bad.error;
  EXPECT_FALSE(ParseServeConfig({"--webhook-fields", ","}, &c, env.fn()).ok);
  env.vars = {{"WASIM_WEBHOOK_FIELDS", "message_template_status_update"}};
  ServeConfig d;
  ASSERT_TRUE(ParseServeConfig({}, &d, env.fn()).ok);
  EXPECT_EQ(d.webhook_fields, (std::vector<std::string>{"message_template_status_update"}));
}

TEST(ServeConfigTest, NewUserFlagsAndTheirEnvironmentVariables) {
  FakeEnv env;
  env.vars = {{"WASIM_CORS_ORIGIN", "*"},
              {"WASIM_ADMIN_TOKEN", "t0k"},
              {"WASIM_TLS_CERT", "c.pem"},
              {"WASIM_TLS_KEY", "k.pem"},
              {"WASIM_UNKNOWN_RECIPIENTS", "not_on_whatsapp"}};
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_EQ(c.cors_origin, "*");
  EXPECT_EQ(c.admin_token, "t0k");
  EXPECT_EQ(c.tls_cert, "c.pem");
  EXPECT_EQ(c.tls_key, "k.pem");
  EXPECT_EQ(c.unknown_recipients, "not_on_whatsapp");
  FakeEnv none;
  ServeConfig d;
  auto half = ParseServeConfig({"--tls-cert", "c.pem"}, &d, none.fn());
  EXPECT_FALSE(half.ok);
  EXPECT_NE(half.error.find("--tls-cert and --tls-key go together"), std::string::npos);
  ServeConfig e;
  EXPECT_FALSE(ParseServeConfig({"--unknown-recipients", "maybe"}, &e, none.fn()).ok);
  for (const char* s : {"--cors-origin", "WASIM_CORS_ORIGIN", "--admin-token", "WASIM_ADMIN_TOKEN",
                        "--tls-cert", "--tls-key", "--webhook-fields", "--unknown-recipients"})
    EXPECT_NE(ServeHelp().find(s), std::string::npos) << s;
}

TEST(ServeConfigTest, StateFileFromTheFlagOrTheEnvironmentInMemoryByDefault) {
  ServeConfig c;
  FakeEnv env;
  EXPECT_EQ(c.state_file, "");
  env.vars["WASIM_STATE"] = "/var/lib/wasim/env.db";
  ASSERT_TRUE(ParseServeConfig({}, &c, env.fn()).ok);
  EXPECT_EQ(c.state_file, "/var/lib/wasim/env.db");
  ASSERT_TRUE(ParseServeConfig({"--state", "flag.db"}, &c, env.fn()).ok);
  EXPECT_EQ(c.state_file, "flag.db");
  ServeConfig d;
  auto bad = ParseServeConfig({"--state="}, &d, FakeEnv().fn());
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error, "--state needs a file path");
  EXPECT_NE(ServeHelp().find("--state VALUE"), std::string::npos);
  EXPECT_NE(ServeHelp().find("[WASIM_STATE]"), std::string::npos);
}

}  // namespace
}  // namespace wasim
