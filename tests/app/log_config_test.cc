// --log-format / --log-level (and WASIM_LOG_FORMAT / WASIM_LOG_LEVEL), and
// the console logger `wasim serve` builds from them.
#include <gtest/gtest.h>

#include <map>

#include "simulator/app/builder.h"
#include "simulator/app/config.h"

namespace wasim {
namespace {

std::function<const char*(const char*)> LogConfigEnv(const std::map<std::string, std::string>* vars) {
  return [vars](const char* n) -> const char* {
    auto it = vars->find(n);
    return it == vars->end() ? nullptr : it->second.c_str();
  };
}

TEST(LogConfigTest, DefaultsToHumanLinesAtInfo) {
  std::map<std::string, std::string> env;
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({}, &c, LogConfigEnv(&env)).ok);
  EXPECT_EQ(c.log_format, "human");
  EXPECT_EQ(c.log_level, "info");
  auto logger = SimulatorBuilder::FromConfig(c).logger();
  ASSERT_NE(logger, nullptr);
  EXPECT_EQ(logger->format(), LogFormat::kHuman);
  EXPECT_EQ(logger->min_level(), LogLevel::kInfo);
}

TEST(LogConfigTest, FlagsWinOverTheEnvironment) {
  std::map<std::string, std::string> env = {{"WASIM_LOG_FORMAT", "json"}, {"WASIM_LOG_LEVEL", "debug"}};
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({}, &c, LogConfigEnv(&env)).ok);
  EXPECT_EQ(c.log_format, "json");
  EXPECT_EQ(c.log_level, "debug");
  ASSERT_TRUE(ParseServeConfig({"--log-level", "warn", "--log-format=human"}, &c, LogConfigEnv(&env)).ok);
  EXPECT_EQ(c.log_level, "warn");
  EXPECT_EQ(c.log_format, "human");
  auto logger = SimulatorBuilder::FromConfig(c).logger();
  EXPECT_EQ(logger->min_level(), LogLevel::kWarn);
}

TEST(LogConfigTest, QuietKeepsTheLogLevel) {
  std::map<std::string, std::string> env;
  ServeConfig c;
  ASSERT_TRUE(ParseServeConfig({"--quiet"}, &c, LogConfigEnv(&env)).ok);
  EXPECT_TRUE(c.quiet);
  EXPECT_EQ(c.log_level, "info");
}

TEST(LogConfigTest, RefusesUnknownFormatsAndLevelsNamingTheChoices) {
  std::map<std::string, std::string> env;
  ServeConfig c;
  auto r = ParseServeConfig({"--log-format", "xml"}, &c, LogConfigEnv(&env));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("human or json"), std::string::npos) << r.error;
  r = ParseServeConfig({"--log-level", "trace"}, &c, LogConfigEnv(&env));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("error, warn, info or debug"), std::string::npos) << r.error;
  env["WASIM_LOG_LEVEL"] = "loud";
  r = ParseServeConfig({}, &c, LogConfigEnv(&env));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("WASIM_LOG_LEVEL"), std::string::npos) << r.error;
}

TEST(LogConfigTest, HelpListsBothFlagsWithTheirVariables) {
  std::string help = ServeHelp();
  EXPECT_NE(help.find("--log-format"), std::string::npos);
  EXPECT_NE(help.find("[WASIM_LOG_FORMAT]"), std::string::npos);
  EXPECT_NE(help.find("--log-level"), std::string::npos);
  EXPECT_NE(help.find("[WASIM_LOG_LEVEL]"), std::string::npos);
}

TEST(LogConfigTest, TheInProcessBuilderIsSilentByDefault) { EXPECT_EQ(SimulatorBuilder().logger(), nullptr); }

}  // namespace
}  // namespace wasim
