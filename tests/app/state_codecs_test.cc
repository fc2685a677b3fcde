// The complete-state codecs (persist/state_codecs.h): every fact type reads
// back as written, and a value of the wrong shape names its path.
#include "simulator/persist/state_codecs.h"

#include <gtest/gtest.h>

#include <utility>

namespace wasim {
namespace {

template <size_t... I>
void StateCodecsEveryFactType(std::index_sequence<I...>) {
  (
      [] {
        Fact f{7, kDefaultManualStart, FactBody(std::in_place_index<I>)};
        Json written = f;
        Fact read;
        persist::ReadValue(written, read);
        EXPECT_EQ(read.body.index(), I) << written.dump();
        EXPECT_EQ(Json(read), written);
      }(),
      ...);
}

TEST(StateCodecsTest, EveryFactTypeReadsBackAsWritten) {
  StateCodecsEveryFactType(std::make_index_sequence<std::variant_size_v<FactBody>>{});
  StatusChanged s;
  s.wamid = "wamid.X";
  s.status = MessageStatus::kFailed;
  s.error = MakeError(ErrorCode::kReengagementMessage);
  s.pricing = PricingInfo{true, "regular", PricingCategory::kMarketing, "conv", kDefaultManualStart};
  Fact f{3, kDefaultManualStart, s};
  Fact read;
  persist::ReadValue(Json(f), read);
  const auto& back = std::get<StatusChanged>(read.body);
  ASSERT_TRUE(back.error.has_value());
  EXPECT_EQ(back.error->code, ErrorCode::kReengagementMessage);
  EXPECT_EQ(back.pricing->category, PricingCategory::kMarketing);
}

TEST(StateCodecsTest, AnApiCallKeepsItsQuery) {
  ApiCallHandled call;
  call.method = "GET";
  call.path = "/v23.0/106540352242922";
  call.query = {{"fields", "id,name_status"}, {"access_token", "<redacted>"}};
  call.status = 200;
  Fact f{7, kDefaultManualStart, call};
  Fact read;
  persist::ReadValue(Json(f), read);
  const auto& back = std::get<ApiCallHandled>(read.body);
  EXPECT_EQ(back.query, call.query);
  EXPECT_EQ(back.path, call.path);
}

TEST(StateCodecsTest, AWrongValueNamesItsPath) {
  Fact f{3, kDefaultManualStart, StatusChanged{}};
  Json j = f;
  j["body"]["pricing"] = {{"billable", "yes"}};
  Fact read;
  try {
    persist::ReadValue(j, read);
    FAIL() << "accepted";
  } catch (const persist::DocError& e) {
    EXPECT_EQ(e.path(), ".body.pricing.billable");
    EXPECT_EQ(e.problem(), "expected a boolean, found string");
  }
  j = Json(f);
  j["type"] = "no_such_fact";
  EXPECT_THROW(persist::ReadValue(j, read), persist::DocError);
}

}  // namespace
}  // namespace wasim
