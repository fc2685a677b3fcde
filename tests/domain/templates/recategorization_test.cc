// Meta's recategorization of an approved template on the virtual clock:
// announced now (impending), applied 24 hours later (completed), or applied
// at once when changed manually (completed only).
#include "simulator/domain/templates/recategorization.h"

#include <gtest/gtest.h>

#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"

namespace wasim::templates {
namespace {

using D = DefaultIds;

class RecategorizationTest : public ::testing::Test {
 protected:
  RecategorizationTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  Status Recat(const std::string& category, DurationMs notice,
               const std::string& id = D::kHelloWorldTemplateId) {
    return sim_->WithLock([&](Ctx& ctx) { return Recategorize(ctx, id, category, notice); });
  }
  std::string Category() {
    return sim_->WithLock(
        [](Ctx& ctx) { return ctx.state.templates.Get(D::kHelloWorldTemplateId)->category; });
  }
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(RecategorizationTest, AnnouncedNowAndAppliedAfterTheNotice) {
  std::string before = Category();
  ASSERT_EQ(before, "UTILITY");
  TimeMs start = clock_->Now();
  ASSERT_TRUE(Recat("MARKETING", kRecategorizationNotice));
  auto facts = tap_->Of<TemplateCategoryChanged>();
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].phase, "impending");
  EXPECT_EQ(facts[0].new_category, "UTILITY");  // Meta: the current category
  EXPECT_EQ(facts[0].correct_category, "MARKETING");
  EXPECT_EQ(facts[0].update_at, start + 24 * kHour);
  EXPECT_EQ(Category(), "UTILITY");

  sim_->AdvanceBy(24 * kHour - 1);
  EXPECT_EQ(Category(), "UTILITY");
  EXPECT_EQ(tap_->Of<TemplateCategoryChanged>().size(), 1u);
  sim_->AdvanceBy(1);
  EXPECT_EQ(Category(), "MARKETING");
  facts = tap_->Of<TemplateCategoryChanged>();
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[1].phase, "completed");
  EXPECT_EQ(facts[1].previous_category, "UTILITY");
  EXPECT_EQ(facts[1].new_category, "MARKETING");
  sim_->WithLock([](Ctx& ctx) {
    EXPECT_EQ(ctx.state.templates.Get(D::kHelloWorldTemplateId)->previous_category, "UTILITY");
  });
}

TEST_F(RecategorizationTest, AManualChangeIsOnlyCompletedAndANewerAnnouncementReplacesTheOld) {
  ASSERT_TRUE(Recat("MARKETING", 0));
  EXPECT_EQ(Category(), "MARKETING");
  auto facts = tap_->Of<TemplateCategoryChanged>();
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].phase, "completed");

  ASSERT_TRUE(Recat("UTILITY", 24 * kHour));
  sim_->AdvanceBy(12 * kHour);
  ASSERT_TRUE(Recat("AUTHENTICATION", 24 * kHour));  // re-announced: the clock restarts
  sim_->AdvanceBy(12 * kHour);
  EXPECT_EQ(Category(), "MARKETING");
  sim_->AdvanceBy(12 * kHour);
  EXPECT_EQ(Category(), "AUTHENTICATION");
  facts = tap_->Of<TemplateCategoryChanged>();
  ASSERT_EQ(facts.size(), 4u);
  EXPECT_EQ(facts[3].previous_category, "MARKETING");
}

TEST_F(RecategorizationTest, BadRequestsChangeNothing) {
  EXPECT_FALSE(Recat("SERVICE", kRecategorizationNotice));
  EXPECT_FALSE(Recat("UTILITY", kRecategorizationNotice));  // already UTILITY
  EXPECT_FALSE(Recat("MARKETING", -1));
  EXPECT_FALSE(Recat("MARKETING", kRecategorizationNotice, "404"));
  EXPECT_TRUE(tap_->Of<TemplateCategoryChanged>().empty());
  sim_->AdvanceBy(2 * kDay);
  EXPECT_EQ(Category(), "UTILITY");
}

}  // namespace
}  // namespace wasim::templates
