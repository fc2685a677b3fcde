// GET/PATCH /_sim/rules body: round trip, validation, all-or-nothing.
#include "simulator/domain/rules/rules_config_json.h"

#include <gtest/gtest.h>

namespace wasim::rules {
namespace {

TEST(RulesConfigJsonTest, ShowsEveryRuleWithDefaults) {
  Json j = RulesConfigJson(RulesConfig{});
  EXPECT_EQ(j["service_window"]["code"], 131047);
  EXPECT_EQ(j["service_window"]["surface"], "async");
  EXPECT_EQ(j["service_window"]["window"], "1d");
  EXPECT_EQ(j["throughput"]["standard_mps"], 80);
  EXPECT_EQ(j["throughput"]["surface"], "sync");
  EXPECT_EQ(j["pair_rate"]["interval"], "6s");
  EXPECT_EQ(j["pair_rate"]["burst"], 45);
  EXPECT_EQ(j["free_entry_point"]["window"], "3d");
  EXPECT_EQ(j["messaging_limit"]["upgrade_delay"], "6h");
  for (int i = 0; i < kRuleCount; ++i) EXPECT_TRUE(j.contains(RuleName(static_cast<RuleId>(i))));
}

TEST(RulesConfigJsonTest, PatchesSwitchesAndThresholds) {
  RulesConfig cfg;
  std::string error;
  ASSERT_TRUE(PatchRulesConfig(cfg, Json::parse(R"({
      "pair_rate":{"surface":"sync","interval":"10s","burst":3},
      "messaging_limit":{"code":131056},
      "service_window":{"enabled":false},
      "free_entry_point":{"enabled":false}})"),
                               &error))
      << error;
  EXPECT_EQ(cfg.Switch(RuleId::kPairRate).surface, Surface::kSync);
  EXPECT_EQ(cfg.pair_interval, 10 * kSecond);
  EXPECT_EQ(cfg.pair_burst, 3);
  EXPECT_EQ(cfg.Switch(RuleId::kMessagingLimit).code, ErrorCode::kPairRateLimit);
  EXPECT_FALSE(cfg.Switch(RuleId::kServiceWindow).enabled);
  EXPECT_EQ(cfg.free_entry_point_enabled, 0);
}

TEST(RulesConfigJsonTest, InvalidPatchChangesNothing) {
  const char* bad[] = {
      R"({"pair_rate":{"burst":3},"nope":{}})",   // unknown rule (after a valid one)
      R"({"pair_rate":{"surface":"later"}})",     // bad surface
      R"({"pair_rate":{"code":999999}})",         // not in the catalog
      R"({"pair_rate":{"interval":"soon"}})",     // not a duration
      R"({"pair_rate":{"burst":0}})",             // out of range
      R"({"pair_rate":{"burst":"45"}})",          // wrong type
      R"({"pair_rate":{"colour":"red"}})",        // unknown setting
      R"({"free_entry_point":{"code":131047}})",  // not a rule with a code
      R"({"throughput":7})",                      // not an object
      R"([1,2])",                                 // not an object
  };
  for (const char* body : bad) {
    RulesConfig cfg;
    std::string error;
    EXPECT_FALSE(PatchRulesConfig(cfg, Json::parse(body), &error)) << body;
    EXPECT_FALSE(error.empty()) << body;
    EXPECT_EQ(RulesConfigJson(cfg), RulesConfigJson(RulesConfig{})) << body;
  }
}

}  // namespace
}  // namespace wasim::rules
