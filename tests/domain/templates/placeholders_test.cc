#include "simulator/domain/templates/placeholders.h"

#include <gtest/gtest.h>

namespace wasim::templates {
namespace {

TEST(PlaceholdersTest, CountsDistinctPositionalPlaceholdersInOrder) {
  Placeholders p = ParsePlaceholders("Hi {{1}}, order {{2}} for {{1}}.");
  EXPECT_EQ(p.names, (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(p.any_positional);
  EXPECT_FALSE(p.any_named);
}

TEST(PlaceholdersTest, RecognisesNamedPlaceholdersAndIgnoresOtherBraces) {
  Placeholders p = ParsePlaceholders("{{first_name}} {{ spaced }} {{Upper}} {{}} {{a-b}} {{_x1}} {{");
  EXPECT_EQ(p.names, (std::vector<std::string>{"first_name", "_x1"}));
  EXPECT_TRUE(p.any_named);
  EXPECT_FALSE(p.any_positional);
  EXPECT_EQ(ParsePlaceholders("no params").count(), 0u);
}

TEST(PlaceholdersTest, HydrateFillsKnownNamesOnly) {
  EXPECT_EQ(Hydrate("Hi {{1}}, {{2}}! {{1}}", {{"1", "Ann"}}), "Hi Ann, {{2}}! Ann");
  EXPECT_EQ(Hydrate("{{name}}{{name}}", {{"name", "{{name}}"}}), "{{name}}{{name}}");
}

}  // namespace
}  // namespace wasim::templates
