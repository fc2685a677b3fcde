// A customer changes their WhatsApp number: the customer and its
// conversations move to the new number, every business number that talks
// with them gets Meta's system message, and their BSUIDs are regenerated.
#include "simulator/domain/customers/number_change.h"

#include <gtest/gtest.h>

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/customers/service.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/webhooks/payloads.h"
#include "tests/support/fact_tap.h"
#include "tests/support/golden_json.h"
#include "tests/support/world.h"

namespace wasim::customers {
namespace {

using D = DefaultIds;
constexpr const char* kNewNumber = "12195555358";

class NumberChangeTest : public ::testing::Test {
 protected:
  explicit NumberChangeTest(TimeMs start = 1750269342000) : clock_(std::make_shared<ManualClock>(start)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    // A conversation with the default business number.
    wasim::testing::EditWorld(*sim_, WorldBuilder().Relate(D::kPhoneNumberId, D::kCustomerWaId, {}));
    tap_.emplace(*sim_);
  }
  Status Change(const std::string& from, const std::string& to) {
    return sim_->WithLock([&](Ctx& ctx) { return ChangeNumber(ctx, from, to); });
  }
  Json Webhook(const Fact& fact) {
    auto events = webhooks::WebhookEventsOf(fact);
    EXPECT_EQ(events.size(), 1u);
    const webhooks::WebhookEvent& e = events.at(0);
    return webhooks::Envelope(
        e.waba_id,
        {webhooks::Change{e.field, webhooks::RenderValue(e, {"15550783881", D::kPhoneNumberId}, "v24.0")}},
        std::nullopt);
  }
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

// Meta docs whatsapp/webhooks/reference/messages/system — example, byte for
// byte but the wamid (ours is minted by the simulator).
TEST_F(NumberChangeTest, TheSystemMessageIsMetasExample) {
  ASSERT_TRUE(Change(D::kCustomerWaId, kNewNumber));
  auto facts = tap_->All();
  ASSERT_EQ(facts.size(), 1u);
  Json ours = Webhook(facts[0]);
  Json want = ::wasim::testing::LoadFixture("webhooks/inbound_system_user_changed_number.json");
  EXPECT_TRUE(::wasim::testing::GoldenDiff(want, ours).empty())
      << ::wasim::testing::IndentedLines(::wasim::testing::GoldenDiff(want, ours));
  ours["entry"][0]["changes"][0]["value"]["messages"][0]["id"] =
      want["entry"][0]["changes"][0]["value"]["messages"][0]["id"];
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST_F(NumberChangeTest, TheCustomerAndItsConversationMoveToTheNewNumber) {
  ASSERT_TRUE(Change(D::kCustomerWaId, kNewNumber));
  sim_->WithLock([](Ctx& ctx) {
    EXPECT_EQ(ctx.state.customers.Find(D::kCustomerWaId), nullptr);
    const Customer* c = ctx.state.customers.Find(kNewNumber);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->wa_id, kNewNumber);
    EXPECT_EQ(c->profile_name, "Sheena Nelson");
    EXPECT_NE(ctx.state.customers.FindRelation(D::kPhoneNumberId, kNewNumber), nullptr);
    EXPECT_EQ(ctx.state.customers.FindRelation(D::kPhoneNumberId, D::kCustomerWaId), nullptr);
    EXPECT_EQ(ctx.state.customers.RelationsOf(kNewNumber).size(), 1u);
  });
}

TEST_F(NumberChangeTest, BadRequestsChangeNothing) {
  EXPECT_FALSE(Change("19995550000", kNewNumber));           // unknown customer
  EXPECT_FALSE(Change(D::kCustomerWaId, "+1219"));           // not a wa_id
  EXPECT_FALSE(Change(D::kCustomerWaId, D::kCustomerWaId));  // already taken (by itself)
  EXPECT_TRUE(tap_->All().empty());
  sim_->WithLock([](Ctx& ctx) { EXPECT_NE(ctx.state.customers.Find(D::kCustomerWaId), nullptr); });
}

// Meta (business-scoped-user-ids.mdx, system messages): once BSUIDs are
// shared the type is user_changed_user_id, `body` names the old and the new
// BSUID and `user_id` is the new one (the BSUID changes with the number).
class NumberChangeWithBsuidsTest : public NumberChangeTest {
 protected:
  NumberChangeWithBsuidsTest() : NumberChangeTest(kBsuidsSharedFrom + kDay) {}
};

TEST_F(NumberChangeWithBsuidsTest, TheUserIdChangesAndIsAnnounced) {
  std::string old_bsuid = sim_->WithLock([](Ctx& ctx) {
    return BsuidOf(ctx.state, PortfolioOfPhone(ctx.state, D::kPhoneNumberId), D::kCustomerWaId);
  });
  ASSERT_TRUE(Change(D::kCustomerWaId, kNewNumber));
  auto facts = tap_->All();
  ASSERT_EQ(facts.size(), 1u);
  const Json sent = Webhook(facts[0]);
  const Json& system = sent["entry"][0]["changes"][0]["value"]["messages"][0]["system"];
  EXPECT_EQ(system["type"], "user_changed_user_id");
  std::string new_bsuid = system["user_id"];
  EXPECT_NE(new_bsuid, old_bsuid);
  EXPECT_EQ(system["body"], "User Sheena Nelson changed from " + old_bsuid + " to " + new_bsuid);
  EXPECT_EQ(system["wa_id"], kNewNumber);  // no username: the number is shared
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_EQ(BsuidOf(ctx.state, PortfolioOfPhone(ctx.state, D::kPhoneNumberId), kNewNumber), new_bsuid);
  });
}

}  // namespace
}  // namespace wasim::customers
