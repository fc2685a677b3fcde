#include "simulator/core/ids.h"

#include <gtest/gtest.h>

namespace wasim {
namespace {

TEST(WamidTest, DecodesMetasOwnExample) {
  // Meta's send-messages example wamid (business-sent, to 16467043595).
  std::string number;
  bool business = false;
  ASSERT_TRUE(DecodeWamid("wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI4MjZGRDA0OUE2OTQ3RkEyMzcA", &number, &business));
  EXPECT_EQ(number, "16467043595");
  EXPECT_TRUE(business);
}

TEST(WamidTest, GeneratedIdsHaveMetasLayoutAndDirection) {
  IdGenerator ids(1);
  std::string out = ids.Wamid("16505551234", true);
  std::string in = ids.Wamid("16505551234", false);
  EXPECT_EQ(out.rfind("wamid.HBgL", 0), 0u) << out;
  EXPECT_LE(out.size(), 128u);
  std::string number;
  bool business = false;
  ASSERT_TRUE(DecodeWamid(out, &number, &business));
  EXPECT_EQ(number, "16505551234");
  EXPECT_TRUE(business);
  ASSERT_TRUE(DecodeWamid(in, &number, &business));
  EXPECT_FALSE(business);
}

TEST(IdGeneratorTest, SameSeedSameIds) {
  IdGenerator a(42), b(42), c(43);
  std::string x = a.Wamid("15551234567", true);
  EXPECT_EQ(x, b.Wamid("15551234567", true));
  EXPECT_NE(x, c.Wamid("15551234567", true));
  EXPECT_EQ(a.FbtraceId().size(), 23u);
  std::string id = a.NumericId(16);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_NE(id[0], '0');
}

// Persistence: a generator restored from SaveState continues the same sequence.
TEST(IdGeneratorTest, SavedStateContinuesTheSequence) {
  IdGenerator a(42);
  (void)a.Wamid("16505551234", true);
  std::string saved = a.SaveState();
  std::string next = a.NumericId();
  IdGenerator b(7);
  ASSERT_TRUE(b.LoadState(saved));
  EXPECT_EQ(b.NumericId(), next);
  // Garbage is refused and changes nothing.
  IdGenerator c(7);
  IdGenerator d(7);
  EXPECT_FALSE(c.LoadState("not a state"));
  EXPECT_FALSE(c.LoadState(saved + " 12"));
  EXPECT_EQ(c.NumericId(), d.NumericId());
}

}  // namespace
}  // namespace wasim
