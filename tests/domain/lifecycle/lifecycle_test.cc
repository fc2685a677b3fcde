#include "simulator/domain/lifecycle/lifecycle.h"

#include <gtest/gtest.h>

#include <map>

namespace wasim {
namespace {

enum class Door { kClosed, kOpen, kLocked };

struct Thing {
  LifecycleSlot<Door> door{Door::kClosed};
};

class MachineLifecycleTest : public ::testing::Test {
 protected:
  MachineLifecycleTest()
      : clock_(std::make_shared<ManualClock>(kDefaultManualStart)),
        sim_({1, clock_, {}}),
        door_({"door",
               {{Door::kClosed, "CLOSED"}, {Door::kOpen, "OPEN"}, {Door::kLocked, "LOCKED"}},
               {{Door::kClosed, Door::kOpen}, {Door::kOpen, Door::kClosed}, {Door::kClosed, Door::kLocked}},
               [this](Ctx&, const std::string& id) -> LifecycleSlot<Door>* {
                 auto it = things_.find(id);
                 return it == things_.end() ? nullptr : &it->second.door;
               },
               [this](Ctx& ctx, const std::string& id, Door from, Door to) {
                 moves_.push_back(id + ":" + std::string(door_.NameOf(from)) + ">" +
                                  std::string(door_.NameOf(to)) + "@" +
                                  std::to_string(ctx.now() - kDefaultManualStart));
               }}) {
    door_.Register(sim_.lifecycles());
    things_["t1"];
  }
  std::vector<LifecycleChanged> Facts() {
    return sim_.WithLock([](Ctx& ctx) {
      std::vector<LifecycleChanged> out;
      for (const auto& f : ctx.facts.Read(0, 1000).facts)
        if (auto* l = std::get_if<LifecycleChanged>(&f.body)) out.push_back(*l);
      return out;
    });
  }

  std::shared_ptr<ManualClock> clock_;
  Simulator sim_;
  Lifecycle<Door> door_;
  std::map<std::string, Thing> things_;
  std::vector<std::string> moves_;
  std::optional<Door> wanted_;
};

TEST_F(MachineLifecycleTest, MovesAlongTheTableRecordingAFactAndRefusesTheRest) {
  sim_.WithLock([&](Ctx& ctx) {
    EXPECT_TRUE(door_.MoveTo(ctx, things_["t1"].door, "t1", Door::kOpen, "admin").ok());
    Status refused = door_.MoveTo(ctx, things_["t1"].door, "t1", Door::kLocked, "admin");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().details.find("cannot go from OPEN to LOCKED"), std::string::npos);
  });
  EXPECT_EQ(things_["t1"].door.state, Door::kOpen);
  EXPECT_EQ(moves_, (std::vector<std::string>{"t1:CLOSED>OPEN@0"}));
  auto facts = Facts();
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].machine, "door");
  EXPECT_EQ(facts[0].from, "CLOSED");
  EXPECT_EQ(facts[0].to, "OPEN");
  EXPECT_EQ(facts[0].cause, "admin");
}

TEST_F(MachineLifecycleTest, APendingDecisionRunsAtItsTimeAndANewOneReplacesIt) {
  sim_.WithLock([&](Ctx& ctx) {
    door_.DecideLater(ctx, things_["t1"].door, "t1", Door::kOpen, kHour);
    door_.DecideLater(ctx, things_["t1"].door, "t1", Door::kLocked, 2 * kHour);  // replaces the first
  });
  EXPECT_EQ(sim_.WithLock([](Ctx& ctx) { return ctx.timeline.size(); }), 1u);
  sim_.AdvanceBy(kHour);
  EXPECT_EQ(things_["t1"].door.state, Door::kClosed);
  sim_.AdvanceBy(kHour);
  EXPECT_EQ(things_["t1"].door.state, Door::kLocked);
  EXPECT_EQ(moves_, (std::vector<std::string>{"t1:CLOSED>LOCKED@" + std::to_string(2 * kHour)}));
  EXPECT_EQ(things_["t1"].door.pending, 0u);
  EXPECT_EQ(Facts().at(0).cause, "decision");
}

// A decision the machine makes when it falls due sees the settings of then.
TEST_F(MachineLifecycleTest, ADecisionMadeWhenDueAsksTheMachineThen) {
  Lifecycle<Door> deciding(
      {"door",
       {{Door::kClosed, "CLOSED"}, {Door::kOpen, "OPEN"}, {Door::kLocked, "LOCKED"}},
       {{Door::kClosed, Door::kOpen}, {Door::kClosed, Door::kLocked}},
       [this](Ctx&, const std::string& id) -> LifecycleSlot<Door>* { return &things_[id].door; },
       nullptr,
       [this](Ctx&, const std::string&) -> std::optional<Door> { return wanted_; }});
  deciding.Register(sim_.lifecycles());  // replaces the fixture's machine of that name
  wanted_ = Door::kOpen;
  sim_.WithLock([&](Ctx& ctx) { deciding.DecideWhenDue(ctx, things_["t1"].door, "t1", kHour); });
  wanted_ = Door::kLocked;  // changed after scheduling: the decision follows it
  sim_.AdvanceBy(kHour);
  EXPECT_EQ(things_["t1"].door.state, Door::kLocked);
}

TEST_F(MachineLifecycleTest, ATransitionCancelsThePendingDecision) {
  sim_.WithLock([&](Ctx& ctx) {
    door_.DecideLater(ctx, things_["t1"].door, "t1", Door::kLocked, kHour);
    ASSERT_TRUE(door_.MoveTo(ctx, things_["t1"].door, "t1", Door::kOpen, "admin").ok());
    EXPECT_EQ(ctx.timeline.size(), 0u);
  });
  sim_.AdvanceBy(2 * kHour);
  EXPECT_EQ(things_["t1"].door.state, Door::kOpen);
  EXPECT_EQ(moves_.size(), 1u);
}

TEST_F(MachineLifecycleTest, ADecisionForAGoneObjectOrNoLongerAllowedDoesNothing) {
  things_["t2"];
  sim_.WithLock([&](Ctx& ctx) {
    door_.DecideLater(ctx, things_["t1"].door, "t1", Door::kLocked, kHour);
    door_.DecideLater(ctx, things_["t2"].door, "t2", Door::kOpen, kHour);
  });
  things_.erase("t2");
  // t1 opens by other means, so CLOSED -> LOCKED no longer applies when the decision is due.
  things_["t1"].door.state = Door::kOpen;
  sim_.AdvanceBy(kHour);
  EXPECT_EQ(things_["t1"].door.state, Door::kOpen);
  EXPECT_TRUE(moves_.empty());
}

}  // namespace
}  // namespace wasim
