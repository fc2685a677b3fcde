// customers::UpdateCustomer: partial updates, per-number relations, and
// validation that rejects without changing anything.
#include "simulator/domain/customers/service.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/world/default_world.h"

namespace wasim::customers {
namespace {

using D = DefaultIds;

class CustomersServiceTest : public ::testing::Test {
 protected:
  CustomersServiceTest() {
    Simulator::Options o;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  Result<Customer> Apply(const std::string& wa_id, const CustomerUpdate& u) {
    return sim_->WithLock([&](Ctx& ctx) { return UpdateCustomer(ctx, wa_id, u); });
  }
  std::optional<Customer> Get(const std::string& wa_id) {
    return sim_->WithLock([&](Ctx& ctx) -> std::optional<Customer> {
      const Customer* c = ctx.state.customers.Find(wa_id);
      return c ? std::optional<Customer>(*c) : std::nullopt;
    });
  }
  std::optional<CustomerRelation> Rel(const std::string& wa_id) {
    return sim_->WithLock([&](Ctx& ctx) -> std::optional<CustomerRelation> {
      const CustomerRelation* r = ctx.state.customers.FindRelation(D::kPhoneNumberId, wa_id);
      return r ? std::optional<CustomerRelation>(*r) : std::nullopt;
    });
  }
  std::unique_ptr<Simulator> sim_;
};

TEST_F(CustomersServiceTest, CreatesUnknownCustomerAndAppliesOnlyGivenFields) {
  CustomerUpdate u;
  u.state = CustomerState::kOffline;
  u.profile_name = "Ana";
  ASSERT_TRUE(Apply("447700900123", u));
  auto c = Get("447700900123");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, CustomerState::kOffline);
  EXPECT_EQ(c->profile_name, "Ana");
  EXPECT_TRUE(c->auto_read);  // untouched default

  CustomerUpdate only_read;
  only_read.auto_read = false;
  only_read.in_marketing_experiment = true;
  ASSERT_TRUE(Apply("447700900123", only_read));
  c = Get("447700900123");
  EXPECT_EQ(c->state, CustomerState::kOffline);
  EXPECT_EQ(c->profile_name, "Ana");
  EXPECT_FALSE(c->auto_read);
  EXPECT_TRUE(c->in_marketing_experiment);
}

TEST_F(CustomersServiceTest, AUsernameBelongsToOneUser) {
  CustomerUpdate named;
  named.username = "@pablomorales";
  ASSERT_TRUE(Apply("447700900123", named));
  ASSERT_TRUE(Apply("447700900123", named));  // the same user again: fine
  CustomerUpdate same;
  same.username = "@PabloMorales";
  same.profile_name = "Other";
  EXPECT_FALSE(Apply("447700900124", same));
  EXPECT_FALSE(Get("447700900124").has_value());  // refused: nothing created
}

TEST_F(CustomersServiceTest, RelationFieldsApplyToTheGivenNumber) {
  CustomerUpdate u;
  u.phone_number_id = D::kPhoneNumberId;
  u.blocked_business = true;
  ASSERT_TRUE(Apply(D::kCustomerWaId, u));
  ASSERT_TRUE(Rel(D::kCustomerWaId));
  EXPECT_TRUE(Rel(D::kCustomerWaId)->blocked_business);
  EXPECT_FALSE(Rel(D::kCustomerWaId)->marketing_opt_out);
  u.blocked_business = std::nullopt;
  u.marketing_opt_out = true;
  ASSERT_TRUE(Apply(D::kCustomerWaId, u));
  EXPECT_TRUE(Rel(D::kCustomerWaId)->blocked_business);
  EXPECT_TRUE(Rel(D::kCustomerWaId)->marketing_opt_out);
}

TEST_F(CustomersServiceTest, InvalidUpdatesChangeNothing) {
  CustomerUpdate relation_without_number;
  relation_without_number.state = CustomerState::kOffline;
  relation_without_number.blocked_business = true;
  auto r = Apply(D::kCustomerWaId, relation_without_number);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().details.find("phone_number_id"), std::string::npos);
  EXPECT_EQ(Get(D::kCustomerWaId)->state, CustomerState::kOnline);

  CustomerUpdate unknown_number;
  unknown_number.state = CustomerState::kOffline;
  unknown_number.phone_number_id = "999";
  unknown_number.marketing_opt_out = true;
  ASSERT_FALSE(Apply(D::kCustomerWaId, unknown_number));
  EXPECT_EQ(Get(D::kCustomerWaId)->state, CustomerState::kOnline);
  EXPECT_FALSE(Rel(D::kCustomerWaId));

  CustomerUpdate ok;
  ok.state = CustomerState::kOffline;
  for (const char* bad : {"+16505551234", "1650", "1234567890123456", "16505x51234", "06505551234"}) {
    ASSERT_FALSE(Apply(bad, ok)) << bad;
    EXPECT_FALSE(Get(bad)) << bad;
  }
  ok.profile_name = std::string(kMaxProfileNameLength + 1, 'a');
  ASSERT_FALSE(Apply("16505559999", ok));
  EXPECT_FALSE(Get("16505559999"));
}

TEST_F(CustomersServiceTest, WaIdValidation) {
  EXPECT_TRUE(IsValidWaId("16505551234"));
  EXPECT_TRUE(IsValidWaId("5511987654321"));
  EXPECT_FALSE(IsValidWaId(""));
  EXPECT_FALSE(IsValidWaId("123456"));
  EXPECT_TRUE(IsValidWaId("1234567"));
  EXPECT_TRUE(IsValidWaId("123456789012345"));
}

}  // namespace
}  // namespace wasim::customers
