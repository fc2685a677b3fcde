#include "simulator/core/error_names.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace wasim {
namespace {

TEST(ErrorNamesTest, EveryCatalogRowHasAUniqueEnumeratorName) {
  std::set<std::string_view> seen;
  for (const ErrorSpec& row : ErrorCatalog()) {
    std::string_view name = ErrorCodeName(row.code);
    EXPECT_FALSE(name.empty()) << "code " << static_cast<int>(row.code)
                               << " has no name in simulator/core/error_names.cc";
    if (name.empty()) continue;
    EXPECT_EQ(name.front(), 'k') << name;
    EXPECT_TRUE(seen.insert(name).second) << "duplicate name " << name;
  }
}

TEST(ErrorNamesTest, NamesMatchTheEnumerators) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotRegistered), "kNotRegistered");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kThroughputRateLimit), "kThroughputRateLimit");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kAuthException), "kAuthException");
  EXPECT_EQ(ErrorCodeName(static_cast<ErrorCode>(-12345)), "");
}

}  // namespace
}  // namespace wasim
