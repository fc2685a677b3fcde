// History sync plan (Meta: webhooks/reference/history): phases by age, 180
// days, media placeholders with contents only for media of the last 14 days,
// chunks with progress reaching 100.
#include "simulator/domain/coexistence/history_plan.h"

#include <gtest/gtest.h>

namespace wasim::coexistence {
namespace {

constexpr TimeMs kOnboarded = 1767225600000LL;

PhoneNumber Phone(std::vector<BusinessAppThread> threads) {
  PhoneNumber p;
  p.id = "106540352242922";
  p.waba_id = "102290129340398";
  p.display_phone_number = "15550783881";
  p.business_app.threads = std::move(threads);
  return p;
}

HistoryIds Ids() {
  auto n = std::make_shared<int>(0);
  return {[n](const std::string& wa) { return "wamid." + wa + "." + std::to_string(++*n); },
          [n] { return "media" + std::to_string(++*n); }};
}

BusinessAppMessage Text(DurationMs age, bool business = true) { return {age, business, "text", "t", "READ"}; }
BusinessAppMessage Image(DurationMs age) { return {age, true, "image", "a caption", "DELIVERED"}; }

TEST(HistoryPlanTest, PhasesFollowMetasDayBoundaries) {
  EXPECT_EQ(HistoryPhase(0), 0);
  EXPECT_EQ(HistoryPhase(kDay - 1), 0);
  EXPECT_EQ(HistoryPhase(kDay), 1);
  EXPECT_EQ(HistoryPhase(90 * kDay - 1), 1);
  EXPECT_EQ(HistoryPhase(90 * kDay), 2);
  EXPECT_EQ(HistoryPhase(180 * kDay), 2);
  EXPECT_EQ(HistoryPhase(180 * kDay + 1), -1);
}

TEST(HistoryPlanTest, OnePiecePerNonEmptyPhaseOlderThan180DaysLeftOut) {
  auto plan =
      PlanHistory(Phone({{"16505551234", {Text(2 * kHour), Text(3 * kDay, false), Text(200 * kDay)}}}),
                  kOnboarded, 50, Ids());
  ASSERT_EQ(plan.size(), 2u);  // phase 0 and 1; phase 2 has nothing; day 200 is out
  EXPECT_EQ(plan[0].phase, 0);
  EXPECT_EQ(plan[0].chunk_order, 1);
  EXPECT_EQ(plan[0].progress, 50);
  EXPECT_EQ(plan[1].phase, 1);
  EXPECT_EQ(plan[1].progress, 100);
  const auto& user = plan[1].messages[0];
  EXPECT_EQ(user.from, "16505551234");
  EXPECT_TRUE(user.to.empty());  // Meta: `to` only on the business's messages
  EXPECT_EQ(plan[0].messages[0].to, "16505551234");
  EXPECT_EQ(plan[0].messages[0].sent_at, kOnboarded - 2 * kHour);
}

TEST(HistoryPlanTest, ChunksSplitAPhaseAndCountFromOne) {
  std::vector<BusinessAppMessage> many;
  for (int i = 0; i < 5; ++i) many.push_back(Text((i + 1) * kMinute));
  auto plan = PlanHistory(Phone({{"16505551234", many}}), kOnboarded, 2, Ids());
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].chunk_order, 1);
  EXPECT_EQ(plan[2].chunk_order, 3);
  EXPECT_EQ(plan[0].progress, 40);
  EXPECT_EQ(plan[2].progress, 100);
  // Oldest first within a thread.
  EXPECT_LT(plan[0].messages[0].sent_at, plan[0].messages[1].sent_at);
}

TEST(HistoryPlanTest, MediaIsAPlaceholderWithContentsOnlyWhenAtMost14DaysOld) {
  auto plan =
      PlanHistory(Phone({{"16505551234", {Image(14 * kDay), Image(14 * kDay + 1)}}}), kOnboarded, 50, Ids());
  ASSERT_EQ(plan.size(), 2u);  // one chunk (phase 1), one media contents piece
  for (const auto& m : plan[0].messages) {
    EXPECT_EQ(m.type, "media_placeholder");
    EXPECT_TRUE(m.content.is_null());
  }
  ASSERT_EQ(plan[1].kind, BusinessAppHistorySynced::Kind::kMedia);
  const auto& media = plan[1].messages.at(0);
  EXPECT_EQ(media.type, "image");
  EXPECT_EQ(media.wamid, plan[0].messages[1].wamid);  // the 14-day one (oldest first)
  EXPECT_EQ(media.content["caption"], "a caption");
  EXPECT_EQ(media.content["mime_type"], "image/jpeg");
  EXPECT_TRUE(media.content.contains("id"));
}

TEST(HistoryPlanTest, NoChatsNoPieces) { EXPECT_TRUE(PlanHistory(Phone({}), kOnboarded, 50, Ids()).empty()); }

}  // namespace
}  // namespace wasim::coexistence
