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

// Creation (definition_check) and send time (send_check) used two grammars
// that disagreed on these texts: the send-time parser found a parameter in
// each, creation refused them as malformed. One grammar now: a span runs from
// "{{" to the nearest "}}", and a malformed span is text, with no parameter
// inside it.
TEST(PlaceholdersTest, PinsTheCasesCreationAndSendTimeUsedToDisagreeOn) {
  for (const char* text :
       {"Code {{{1}} now", "Code {{a}{{1}} now", "Code {{1234}} now", "Code {{ {{1}} }} now"}) {
    SCOPED_TRACE(text);
    std::vector<PlaceholderSpan> spans = ScanPlaceholders(text);
    ASSERT_FALSE(spans.empty());
    EXPECT_FALSE(spans[0].valid);                    // creation refuses it
    EXPECT_EQ(ParsePlaceholders(text).count(), 0u);  // no parameter at send time
    EXPECT_EQ(Hydrate(text, {{"1", "X"}}), text);    // and nothing is filled in
  }
  // What both always agreed on.
  std::vector<PlaceholderSpan> spans = ScanPlaceholders("a {{1}} b {{ x }} c {{999}}");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_TRUE(spans[0].valid);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[0].end, 7u);
  EXPECT_FALSE(spans[1].valid);
  EXPECT_TRUE(spans[2].valid);  // up to 3 digits
  EXPECT_EQ(Hydrate("a {{1}} b {{ x }}", {{"1", "X"}, {" x ", "Y"}}), "a X b {{ x }}");
}

}  // namespace
}  // namespace wasim::templates
