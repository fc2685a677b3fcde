#include "simulator/core/json.h"

#include <gtest/gtest.h>

namespace wasim {
namespace {

TEST(DumpMetaTest, EscapesNonAsciiLowercaseAndSlashAsMetaDoes) {
  // Meta signs bodies with non-ASCII as lowercase \uXXXX and '/' as '\/'
  // (captured inbound image webhook: "caf\u00e9", "image\/jpeg").
  Json j;
  j["caption"] = "Hola quiero un caf\xC3\xA9";
  j["mime_type"] = "image/jpeg";
  j["emoji"] = "\xF0\x9F\x98\x80";  // U+1F600 -> surrogate pair
  EXPECT_EQ(DumpMeta(j),
            R"({"caption":"Hola quiero un caf\u00e9","mime_type":"image\/jpeg","emoji":"\ud83d\ude00"})");
}

TEST(DumpMetaTest, KeepsInsertionOrder) {
  Json j;
  j["z"] = 1;
  j["a"] = 2;
  EXPECT_EQ(DumpMeta(j), R"({"z":1,"a":2})");
}

TEST(ParseJsonBodyTest, RejectsDeepNestingBeforeBuildingATree) {
  std::string deep(100000, '[');
  auto r = ParseJsonBody(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
  EXPECT_NE(r.error().details.find("nested"), std::string::npos);
  std::string ok = std::string(10, '[') + std::string(10, ']');
  EXPECT_TRUE(ParseJsonBody(ok).ok());
}

TEST(ParseJsonBodyTest, BracketsInsideStringsDoNotCountAsDepth) {
  std::string body = "{\"a\":\"" + std::string(200, '[') + "\"}";
  EXPECT_TRUE(ParseJsonBody(body).ok());
}

TEST(ParseJsonBodyTest, RejectsInvalidUtf8AndMalformedJson) {
  auto bad_utf8 = ParseJsonBody("{\"a\":\"\xC3\x28\"}");
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_NE(bad_utf8.error().details.find("UTF-8"), std::string::npos);
  auto malformed = ParseJsonBody("{\"a\":");
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.error().details.find("not valid JSON"), std::string::npos);
}

TEST(Utf8Test, ValidatesEdgeCases) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));       // euro sign
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

}  // namespace
}  // namespace wasim

namespace wasim {
namespace {

TEST(JsonSafetyNetTest, MisuseThrowsInsteadOfUndefinedBehaviour) {
  // A const lookup of a missing key is undefined behaviour in nlohmann::json
  // unless JSON_ASSERT is active; our build turns it into an exception that the
  // pipeline answers with 131000 instead of crashing.
  const Json empty = Json::object();
  EXPECT_THROW((void)empty["missing"], std::logic_error);
}

}  // namespace
}  // namespace wasim
