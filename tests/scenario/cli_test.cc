// wasim run / wasim validate as a CI job calls them: exit codes and output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "simulator/core/json.h"

namespace {

struct Outcome {
  int exit_code = -1;
  std::string output;
};

Outcome Wasim(const std::string& args) {
  Outcome o;
  std::string cmd = std::string(WASIM_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return o;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) o.output.append(buf, n);
  int status = pclose(p);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

class ScenarioCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wasim_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::filesystem::path dir_;
};

const char* kFailing = R"(version: 1
name: broken-on-purpose
timeline:
  - at: 0s
    inbound: {from: "16505551234", phone_number_id: "106540352242922", type: text, text: {body: hi}}
expect:
  - name: the inbound message reaches the app
    webhook: {from: "16505551234"}
  - name: a reply nobody sent
    calls: {method: POST}
)";

TEST_F(ScenarioCliTest, ValidateExitsNonZeroWithFileLineAndColumn) {
  std::string bad = Write("bad.yaml", "version: 1\ntimeline:\n  - at: 1x\n    admin: {path: /_sim/faults}\n");
  std::string good = Write("good.yaml", "version: 1\n");
  Outcome o = Wasim("validate " + good + " " + bad);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find(good + ": ok"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(bad + ":3:9: 'at': expected a duration"), std::string::npos) << o.output;
  EXPECT_EQ(Wasim("validate " + good).exit_code, 0);
}

TEST_F(ScenarioCliTest, RunExitsOneOnAFailedExpectationAndWritesJUnit) {
  std::string file = Write("failing.yaml", kFailing);
  std::string junit = (dir_ / "report.xml").string();
  Outcome o = Wasim("run " + file + " --junit " + junit);
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("PASS the inbound message reaches the app"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("FAIL a reply nobody sent"), std::string::npos) << o.output;
  std::ifstream in(junit);
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(xml.find("tests=\"2\" failures=\"1\""), std::string::npos) << xml;
}

TEST_F(ScenarioCliTest, RunJsonIsOneDocumentPerScenarioAndLoadErrorsExitTwo) {
  std::string file = Write("failing.yaml", kFailing);
  Outcome o = Wasim("run --json --seed 5 " + file);
  EXPECT_EQ(o.exit_code, 1);
  wasim::Json j = wasim::Json::parse(o.output, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << o.output;
  EXPECT_EQ(j["seed"], 5);
  EXPECT_FALSE(j["passed"].get<bool>());
  EXPECT_EQ(j["expectations"][1]["passed"], false);
  Outcome bad = Wasim("run " + Write("bad.yaml", "version: 1\nworld: {apps: 3}\n"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad.yaml:2:15: apps: expected a list"), std::string::npos) << bad.output;
}

TEST_F(ScenarioCliTest, ServeRefusesToStartWithAScenarioThatDoesNotLoad) {
  std::string bad = Write("bad.yaml", "version: 1\nworld: {customers: [{wa_id: \"1\", state: asleep}]}\n");
  Outcome o = Wasim("serve --port 0 --clock manual --scenario " + bad);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find(bad + ":2:41: 'state': expected one of"), std::string::npos) << o.output;
  Outcome missing =
      Wasim("serve --port 0 --clock manual --scenario-dir " + dir_.string() + " --scenario nope");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("nope"), std::string::npos) << missing.output;
}

}  // namespace
