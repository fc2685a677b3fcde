// WorldBuilder: worlds are assembled with every reference checked, edits keep
// ids and ownership, and a step that does not apply changes nothing.
#include "simulator/domain/world/world_builder.h"

#include <gtest/gtest.h>

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

using D = DefaultIds;

Waba NewWaba(const std::string& id, const std::string& business = D::kBusinessId) {
  Waba w;
  w.id = id;
  w.business_id = business;
  return w;
}

PhoneNumber NewPhone(const std::string& id, const std::string& waba,
                     const std::string& display = "15550001111") {
  PhoneNumber p;
  p.id = id;
  p.waba_id = waba;
  p.display_phone_number = display;
  return p;
}

MessageTemplate NewTemplate(const std::string& id, const std::string& name, const std::string& language) {
  MessageTemplate t;
  t.id = id;
  t.waba_id = D::kWabaId;
  t.name = name;
  t.language = language;
  return t;
}

SimState Applied(const WorldBuilder& w) {
  SimState s;
  auto problem = w.ApplyTo(s);
  EXPECT_FALSE(problem) << *problem;
  return s;
}

TEST(WorldBuilderTest, DefaultWorldIsLinked) {
  SimState s = Applied(DefaultWorld());
  ASSERT_NE(s.accounts.FindWaba(D::kWabaId), nullptr);
  EXPECT_EQ(s.accounts.FindWaba(D::kWabaId)->phone_number_ids, std::vector<std::string>{D::kPhoneNumberId});
  EXPECT_EQ(s.accounts.BusinessOfWaba(D::kWabaId)->id, D::kBusinessId);
  EXPECT_EQ(s.accounts.tokens.at(D::kAccessToken).waba_ids, std::vector<std::string>{D::kWabaId});
  ASSERT_NE(s.templates.Find(D::kWabaId, "hello_world", "en_US"), nullptr);
  EXPECT_EQ(s.customers.Find(D::kCustomerWaId)->profile_name, "Sheena Nelson");
}

TEST(WorldBuilderTest, ANumberListsItselfOnItsWabaOnce) {
  SimState s =
      Applied(DefaultWorld().Add(NewPhone("2", D::kWabaId)).Add(NewPhone("2", D::kWabaId, "15550002222")));
  EXPECT_EQ(s.accounts.FindWaba(D::kWabaId)->phone_number_ids,
            (std::vector<std::string>{D::kPhoneNumberId, "2"}));
  EXPECT_EQ(s.accounts.FindPhone("2")->display_phone_number, "15550002222");  // replaced
  // Replacing the WABA keeps its numbers.
  s = Applied(DefaultWorld().Add(NewPhone("2", D::kWabaId)).Add(NewWaba(D::kWabaId)));
  EXPECT_EQ(s.accounts.FindWaba(D::kWabaId)->phone_number_ids.size(), 2u);
}

TEST(WorldBuilderTest, DanglingReferencesAreNamed) {
  struct Case {
    WorldBuilder world;
    std::string problem;
  };
  AccessToken token;
  token.token = "T";
  token.app_id = D::kAppId;
  token.waba_ids = {"404"};
  Waba listing = NewWaba("3");
  listing.phone_number_ids = {"9"};
  Waba subscribed = NewWaba("4");
  subscribed.subscribed_app_ids = {"404"};
  Case cases[] = {
      {DefaultWorld().Add(NewWaba("3", "404")), "waba 3: business 404 does not exist"},
      {DefaultWorld().Add(NewPhone("9", "404")), "phone_number 9: waba 404 does not exist"},
      {DefaultWorld().Add(NewPhone("9", D::kWabaId, "+1 555")), "display_phone_number must be digits only"},
      {DefaultWorld().Add(token), "access token T: waba 404 does not exist"},
      {DefaultWorld().Add(listing), "phone_number_ids must be empty"},
      {DefaultWorld().Add(subscribed), "subscribed app 404 does not exist"},
      {DefaultWorld().Relate(D::kPhoneNumberId, "404", {}), "customer 404: not in the world"},
      {DefaultWorld().EditPhone("404", [](PhoneNumber&) {}), "phone_number 404: not in the world"},
      {DefaultWorld().Add(NewTemplate("5", "hello_world", "en_US")), "already has hello_world in en_US"},
  };
  for (const auto& c : cases) {
    auto problem = c.world.Check();
    ASSERT_TRUE(problem) << c.problem;
    EXPECT_NE(problem->find(c.problem), std::string::npos) << *problem;
  }
  // Same name in another language is another template (Meta).
  EXPECT_FALSE(DefaultWorld().Add(NewTemplate("5", "hello_world", "es")).Check());
}

TEST(WorldBuilderTest, EditsMayNotChangeIdsOrOwners) {
  Waba other = NewWaba("3");
  auto moved =
      DefaultWorld().Add(other).EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.waba_id = "3"; });
  EXPECT_NE(moved.Check()->find("may not move it"), std::string::npos);
  auto renamed = DefaultWorld().EditApp(D::kAppId, [](App& a) { a.id = "1"; });
  EXPECT_NE(renamed.Check()->find("may not change the id"), std::string::npos);
  auto relisted = DefaultWorld().EditWaba(D::kWabaId, [](Waba& w) { w.phone_number_ids.clear(); });
  EXPECT_NE(relisted.Check()->find("phone_number_ids"), std::string::npos);
  auto clash =
      DefaultWorld().Add(NewTemplate("5", "other", "en_US")).EditTemplate("5", [](MessageTemplate& t) {
        t.name = "hello_world";
      });
  EXPECT_NE(clash.Check()->find("already has hello_world"), std::string::npos);
}

TEST(WorldBuilderTest, AProblemHalfwayChangesNothing) {
  SimState s = Applied(DefaultWorld());
  auto steps = WorldBuilder()
                   .EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 10000; })
                   .EditConfig([](SimConfig& c) { c.sent_latency = 0; })
                   .Add(NewPhone("9", "404"));
  ASSERT_TRUE(steps.ApplyTo(s));
  EXPECT_EQ(s.accounts.businesses.at(D::kBusinessId).messaging_limit, 250);
  EXPECT_EQ(s.config.sent_latency, SimConfig{}.sent_latency);
  EXPECT_EQ(s.accounts.FindPhone("9"), nullptr);
}

TEST(WorldBuilderTest, EditsApplyToAnExistingWorldInOrder) {
  SimState s = Applied(DefaultWorld());
  auto steps = WorldBuilder()
                   .EditRelation(D::kPhoneNumberId, D::kCustomerWaId,
                                 [](CustomerRelation& r) { r.last_inbound_at = 5; })
                   .EditCustomer(D::kCustomerWaId, [](Customer& c) { c.state = CustomerState::kOffline; })
                   .EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 2000; })
                   .EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit *= 5; });
  ASSERT_FALSE(steps.ApplyTo(s));
  EXPECT_EQ(s.customers.FindRelation(D::kPhoneNumberId, D::kCustomerWaId)->last_inbound_at, 5);
  EXPECT_EQ(s.customers.Find(D::kCustomerWaId)->state, CustomerState::kOffline);
  EXPECT_EQ(s.accounts.businesses.at(D::kBusinessId).messaging_limit, 10000);
}

Customer NamedCustomer(const std::string& wa_id, const std::string& username) {
  Customer c;
  c.wa_id = wa_id;
  c.username = username;
  return c;
}

TEST(WorldBuilderTest, AUsernameOrABsuidNamesOneUser) {
  auto twice =
      DefaultWorld().Add(NamedCustomer("447700900001", "@ana")).Add(NamedCustomer("447700900002", "@ANA"));
  auto problem = twice.Check();
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("username @ANA is already customer 447700900001's"), std::string::npos) << *problem;

  Customer a = NamedCustomer("447700900001", ""), b = NamedCustomer("447700900002", "");
  a.bsuid_by_business[D::kBusinessId] = "GB.111";
  b.bsuid_by_business[D::kBusinessId] = "GB.111";
  problem = DefaultWorld().Add(a).Add(b).Check();
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("BSUID GB.111 in business " + std::string(D::kBusinessId)), std::string::npos)
      << *problem;

  b.bsuid_by_business = {{"another-portfolio", "GB.111"}};  // scoped per portfolio: no clash
  EXPECT_FALSE(DefaultWorld().Add(a).Add(b).Check());
  // Another customer's derived BSUID, copied in: refused too.
  a.bsuid_by_business = {{D::kBusinessId, customers::DerivedBsuid(D::kBusinessId, "447700900002")}};
  b.bsuid_by_business.clear();
  problem = DefaultWorld().Add(a).Add(b).Check();
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("is customer 447700900002's (derived)"), std::string::npos) << *problem;
}

TEST(WorldBuilderTest, RenameTokensRenamesEveryTokenAndKeepsWhatItMayDo) {
  WorldBuilder w = DefaultWorld();
  AccessToken second;
  second.token = "EAAsecond";
  second.app_id = D::kAppId;
  second.waba_ids = {D::kWabaId};
  w.Add(second);
  w.RenameTokens([](const std::string& t) { return "P_" + t; });
  SimState s;
  ASSERT_EQ(w.ApplyTo(s), std::nullopt);
  ASSERT_EQ(s.accounts.tokens.size(), 2u);
  EXPECT_FALSE(s.accounts.tokens.count(D::kAccessToken));
  ASSERT_TRUE(s.accounts.tokens.count(std::string("P_") + D::kAccessToken));
  const AccessToken& t = s.accounts.tokens.at(std::string("P_") + D::kAccessToken);
  EXPECT_EQ(t.token, std::string("P_") + D::kAccessToken);
  EXPECT_EQ(t.app_id, D::kAppId);
  EXPECT_EQ(t.waba_ids, std::vector<std::string>{D::kWabaId});
  EXPECT_TRUE(s.accounts.tokens.count("P_EAAsecond"));
}

TEST(WorldBuilderTest, RenamingTwoTokensOntoOneIsAProblem) {
  WorldBuilder w = DefaultWorld();
  AccessToken second;
  second.token = "EAAsecond";
  second.app_id = D::kAppId;
  w.Add(second);
  w.RenameTokens([](const std::string&) { return std::string("same"); });
  SimState s;
  auto problem = w.ApplyTo(s);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("same"), std::string::npos) << *problem;
  EXPECT_TRUE(s.accounts.tokens.empty());  // all or nothing
}

}  // namespace
}  // namespace wasim
