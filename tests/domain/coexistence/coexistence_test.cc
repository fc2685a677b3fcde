// Coexistence rules at their boundaries, on the virtual clock: the 24 h sync
// window, one request per sync type, the inactivity threshold and the
// heartbeat that moves it, and what a disconnection changes.
#include <gtest/gtest.h>

#include "simulator/domain/coexistence/service.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/domain/messages/service.h"
#include "tests/support/world.h"

namespace wasim {
namespace {

using D = DefaultIds;

Json Sync(const char* type) { return Json{{"messaging_product", "whatsapp"}, {"sync_type", type}}; }

class CoexistenceTest : public ::testing::Test {
 protected:
  CoexistenceTest()
      : clock_(std::make_shared<ManualClock>(kDefaultManualStart)), sim_({7, clock_, World()}) {}

  static WorldBuilder World() {
    WorldBuilder w = DefaultWorld();
    w.EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) {
      p.mode = NumberMode::kCoexistence;
      p.business_app.companions = 3;
      p.business_app.contacts = {{"16505551234", "Pablo Morales", "Pablo"}};
      p.business_app.threads = {{"16505551234", {{2 * kHour, true, "text", "hello", "READ"}}}};
    });
    return w;
  }

  // Onboarding finished now (what the onboarding module does for Coexistence).
  void Onboard() {
    testing::EditWorld(sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [t = clock_->Now()](PhoneNumber& p) {
      p.onboarded_at = t;
    }));
    sim_.WithLock([](Ctx& ctx) { coexistence::Onboarded(ctx, D::kPhoneNumberId); });
  }

  Result<std::string> Request(const char* type) {
    return sim_.WithLock(
        [&](Ctx& ctx) { return coexistence::RequestSync(ctx, D::kPhoneNumberId, Sync(type)); });
  }

  template <class F>
  std::vector<F> FactsOf() {
    return sim_.WithLock([](Ctx& ctx) {
      std::vector<F> out;
      for (const auto& f : ctx.facts.Read(0, 100000).facts)
        if (auto* x = std::get_if<F>(&f.body)) out.push_back(*x);
      return out;
    });
  }

  bool Connected() {
    return sim_.WithLock([](Ctx& ctx) { return coexistence::IsConnected(ctx, D::kPhoneNumberId); });
  }

  void SetThreshold(DurationMs d) {
    auto problem = sim_.WithLock([&](Ctx& ctx) {
      return coexistence::UpdateSettings(ctx, Json{{"inactivity_threshold", FormatDuration(d)}});
    });
    ASSERT_FALSE(problem.has_value()) << *problem;
  }

  std::shared_ptr<ManualClock> clock_;
  Simulator sim_;
};

TEST_F(CoexistenceTest, SyncIsAcceptedUpToTwentyFourHoursAfterOnboarding) {
  Onboard();
  sim_.AdvanceBy(24 * kHour);
  auto r = Request(coexistence::kContactsSync);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_FALSE(r->empty());
}

TEST_F(CoexistenceTest, SyncOneMillisecondAfterTheWindowIs2593108) {
  Onboard();
  sim_.AdvanceBy(24 * kHour + 1);
  auto r = Request(coexistence::kHistorySync);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kSyncWindowClosed);
  EXPECT_EQ(r.error().http_status, 400);
}

TEST_F(CoexistenceTest, ANumberOnboardedBeforeTheSimulationIsOutsideTheWindow) {
  auto r = Request(coexistence::kContactsSync);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kSyncWindowClosed);
}

TEST_F(CoexistenceTest, EachSyncTypeOnceThenItIs2593107) {
  Onboard();
  ASSERT_TRUE(Request(coexistence::kContactsSync).ok());
  auto again = Request(coexistence::kContactsSync);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kSyncRequestLimit);
  EXPECT_EQ(again.error().http_status, 400);
  EXPECT_TRUE(Request(coexistence::kHistorySync).ok());  // the other type is still free
  EXPECT_EQ(Request(coexistence::kHistorySync).error().code, ErrorCode::kSyncRequestLimit);
}

TEST_F(CoexistenceTest, BadBodiesAndCloudNumbersAreRefusedWithoutSpendingTheRequest) {
  Onboard();
  auto bad = sim_.WithLock([](Ctx& ctx) {
    return coexistence::RequestSync(ctx, D::kPhoneNumberId,
                                    Json{{"messaging_product", "whatsapp"}, {"sync_type", "all"}});
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidParameter);
  EXPECT_TRUE(Request(coexistence::kContactsSync).ok());
  testing::EditWorld(
      sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.mode = NumberMode::kCloud; }));
  EXPECT_EQ(Request(coexistence::kHistorySync).error().code, ErrorCode::kInvalidParameter);
}

TEST_F(CoexistenceTest, SyncWebhooksComeFromTheTimelineNotInline) {
  Onboard();
  ASSERT_TRUE(Request(coexistence::kContactsSync).ok());
  ASSERT_TRUE(Request(coexistence::kHistorySync).ok());
  EXPECT_TRUE(FactsOf<BusinessAppContactsSynced>().empty());
  EXPECT_TRUE(FactsOf<BusinessAppHistorySynced>().empty());
  sim_.AdvanceBy(10 * kSecond);
  auto contacts = FactsOf<BusinessAppContactsSynced>();
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].contacts[0].full_name, "Pablo Morales");
  auto history = FactsOf<BusinessAppHistorySynced>();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].progress, 100);
}

TEST_F(CoexistenceTest, DecliningHistoryGivesTheOne2593109Piece) {
  testing::EditWorld(sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) {
    p.business_app.shares_history = false;
  }));
  Onboard();
  ASSERT_TRUE(Request(coexistence::kHistorySync).ok());
  sim_.AdvanceBy(1 * kMinute);
  auto history = FactsOf<BusinessAppHistorySynced>();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].kind, BusinessAppHistorySynced::Kind::kDeclined);
  ASSERT_TRUE(history[0].error.has_value());
  EXPECT_EQ(history[0].error->code, ErrorCode::kHistorySyncOff);
}

TEST_F(CoexistenceTest, OnboardingUnlinksTheCompanionsAsAFact) {
  Onboard();
  auto unlinked = FactsOf<CompanionsUnlinked>();
  ASSERT_EQ(unlinked.size(), 1u);
  EXPECT_EQ(unlinked[0].count, 3);
  sim_.WithLock([](Ctx& ctx) {
    EXPECT_EQ(ctx.state.accounts.FindPhone(D::kPhoneNumberId)->business_app.companions, 0);
  });
}

TEST_F(CoexistenceTest, InactivityDisconnectsExactlyAtTheThreshold) {
  SetThreshold(13 * kDay);
  Onboard();
  sim_.AdvanceBy(13 * kDay - kMinute);
  EXPECT_TRUE(Connected());
  EXPECT_TRUE(FactsOf<PartnerChanged>().empty());
  sim_.AdvanceBy(2 * kMinute);
  EXPECT_FALSE(Connected());
  auto removed = FactsOf<PartnerChanged>();
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].event, "PARTNER_REMOVED");
  EXPECT_EQ(removed[0].phone_number, D::kDisplayPhoneNumber);
  EXPECT_EQ(removed[0].reason, "PRIMARY_INACTIVITY");
  EXPECT_EQ(removed[0].initiated_by, "SYSTEM");
}

TEST_F(CoexistenceTest, ANumberBackOnCloudApiIsNotDisconnectedByItsOldDeadline) {
  SetThreshold(13 * kDay);
  Onboard();
  testing::EditWorld(
      sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.mode = NumberMode::kCloud; }));
  sim_.AdvanceBy(15 * kDay);
  EXPECT_TRUE(FactsOf<PartnerChanged>().empty());
  EXPECT_TRUE(
      sim_.WithLock([](Ctx& ctx) { return ctx.state.accounts.FindPhone(D::kPhoneNumberId)->registered; }));
}

TEST_F(CoexistenceTest, AHeartbeatMovesTheDeadline) {
  SetThreshold(13 * kDay);
  Onboard();
  sim_.AdvanceBy(12 * kDay);
  ASSERT_TRUE(sim_.WithLock([](Ctx& ctx) { return coexistence::AppOpened(ctx, D::kPhoneNumberId); }).ok());
  sim_.AdvanceBy(13 * kDay - kMinute);  // day 25 minus a minute: 13 days after the heartbeat
  EXPECT_TRUE(Connected());
  sim_.AdvanceBy(2 * kMinute);
  EXPECT_FALSE(Connected());
}

TEST_F(CoexistenceTest, AfterDisconnectionSendsFailAndSyncIsRefused) {
  SetThreshold(1 * kDay);
  Onboard();
  sim_.AdvanceBy(1 * kDay);
  ASSERT_FALSE(Connected());
  auto sent = sim_.WithLock([](Ctx& ctx) {
    return messages::Send(ctx, D::kPhoneNumberId,
                          Json{{"messaging_product", "whatsapp"},
                               {"to", "16505551234"},
                               {"type", "text"},
                               {"text", {{"body", "hi"}}}});
  });
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kNotRegistered);
  EXPECT_EQ(Request(coexistence::kContactsSync).error().code, ErrorCode::kNotRegistered);
  // The heartbeat of a disconnected number does not bring it back.
  ASSERT_TRUE(sim_.WithLock([](Ctx& ctx) { return coexistence::AppOpened(ctx, D::kPhoneNumberId); }).ok());
  EXPECT_FALSE(Connected());
}

TEST_F(CoexistenceTest, ADisconnectionStopsAHistorySyncUnderWay) {
  std::vector<BusinessAppMessage> many;
  for (int i = 0; i < 10; ++i) many.push_back({(i + 1) * kMinute, true, "text", "m", "READ"});
  testing::EditWorld(sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [many](PhoneNumber& p) {
    p.business_app.threads = {{"16505551234", many}};
  }));
  auto chunk = sim_.WithLock([](Ctx& ctx) {
    return coexistence::UpdateSettings(ctx, Json{{"messages_per_chunk", 2}});
  });
  ASSERT_FALSE(chunk.has_value());
  Onboard();
  ASSERT_TRUE(Request(coexistence::kHistorySync).ok());
  sim_.AdvanceBy(2 * kSecond);  // two of the five chunks
  ASSERT_EQ(FactsOf<BusinessAppHistorySynced>().size(), 2u);
  ASSERT_TRUE(
      sim_.WithLock([](Ctx& ctx) { return coexistence::AppDisconnected(ctx, D::kPhoneNumberId); }).ok());
  sim_.AdvanceBy(1 * kMinute);
  EXPECT_EQ(FactsOf<BusinessAppHistorySynced>().size(), 2u);
}

TEST_F(CoexistenceTest, TheBusinessDisconnectingInTheAppSendsPartnerRemovedWithoutInfo) {
  Onboard();
  ASSERT_TRUE(
      sim_.WithLock([](Ctx& ctx) { return coexistence::AppDisconnected(ctx, D::kPhoneNumberId); }).ok());
  auto removed = FactsOf<PartnerChanged>();
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_TRUE(removed[0].reason.empty());
  // The inactivity deadline was cancelled with the move: nothing more later.
  sim_.AdvanceBy(30 * kDay);
  EXPECT_EQ(FactsOf<PartnerChanged>().size(), 1u);
}

TEST_F(CoexistenceTest, ContactEditsAreAnnouncedOnlyAfterTheContactsSync) {
  Onboard();
  auto save = [&](const char* number, const char* name) {
    return sim_.WithLock([&](Ctx& ctx) {
      return coexistence::AppContactSaved(ctx, D::kPhoneNumberId, BusinessAppContact{number, name, name});
    });
  };
  ASSERT_TRUE(save("16505550000", "Before").ok());
  EXPECT_TRUE(FactsOf<BusinessAppContactsSynced>().empty());  // not synced yet: nothing to announce
  ASSERT_TRUE(Request(coexistence::kContactsSync).ok());
  sim_.AdvanceBy(10 * kSecond);
  ASSERT_EQ(FactsOf<BusinessAppContactsSynced>().size(), 1u);
  EXPECT_EQ(FactsOf<BusinessAppContactsSynced>()[0].contacts.size(), 2u);  // the sync sends the whole book
  ASSERT_TRUE(save("16505550000", "Edited").ok());
  ASSERT_TRUE(sim_.WithLock([](Ctx& ctx) {
                    return coexistence::AppContactRemoved(ctx, D::kPhoneNumberId, "16505551234");
                  })
                  .ok());
  auto facts = FactsOf<BusinessAppContactsSynced>();
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[1].action, "add");
  EXPECT_EQ(facts[1].contacts[0].full_name, "Edited");
  EXPECT_EQ(facts[2].action, "remove");
  EXPECT_EQ(facts[2].contacts[0].phone_number, "16505551234");
  EXPECT_FALSE(sim_.WithLock([](Ctx& ctx) {
                     return coexistence::AppContactRemoved(ctx, D::kPhoneNumberId, "16505551234");
                   })
                   .ok());  // already gone
}

TEST_F(CoexistenceTest, MessagesSentFromTheAppAreEchoed) {
  Onboard();
  auto wamid = sim_.WithLock([](Ctx& ctx) {
    return coexistence::AppSentMessage(ctx, D::kPhoneNumberId,
                                       Json{{"to", "+1 650 555 1234"}, {"text", "On my way"}});
  });
  ASSERT_TRUE(wamid.ok()) << wamid.error().details;
  auto echoes = FactsOf<BusinessAppEchoed>();
  ASSERT_EQ(echoes.size(), 1u);
  EXPECT_EQ(echoes[0].to, "16505551234");
  EXPECT_EQ(echoes[0].from, D::kDisplayPhoneNumber);
  EXPECT_EQ(echoes[0].content, (Json{{"body", "On my way"}}));
  EXPECT_EQ(echoes[0].wamid, *wamid);
}

// Meta (business-scoped-user-ids.mdx, Coexistence): once BSUIDs are shared the
// sync and echo facts carry the portfolio's BSUID of each user, and nothing
// before.
TEST_F(CoexistenceTest, SyncAndEchoFactsCarryTheBsuidOnceShared) {
  Onboard();
  ASSERT_TRUE(Request(coexistence::kContactsSync).ok());
  sim_.AdvanceBy(10 * kSecond);
  auto before = FactsOf<BusinessAppContactsSynced>();
  ASSERT_EQ(before.size(), 1u);
  ASSERT_EQ(before[0].users.size(), 1u);
  EXPECT_EQ(before[0].users[0].user_id, "");

  clock_->SetForward(customers::kBsuidsSharedFrom);
  Onboard();
  ASSERT_TRUE(Request(coexistence::kHistorySync).ok());
  sim_.AdvanceBy(10 * kSecond);
  std::string bsuid = sim_.WithLock([](Ctx& ctx) {
    return customers::BsuidOf(ctx.state, customers::PortfolioOfPhone(ctx.state, D::kPhoneNumberId),
                              "16505551234");
  });
  auto history = FactsOf<BusinessAppHistorySynced>();
  ASSERT_FALSE(history.empty());
  ASSERT_FALSE(history.back().messages.empty());
  EXPECT_EQ(history.back().messages[0].user.user_id, bsuid);
  EXPECT_EQ(history.back().messages[0].user.country_code, "US");

  auto wamid = sim_.WithLock([](Ctx& ctx) {
    return coexistence::AppSentMessage(ctx, D::kPhoneNumberId, Json{{"to", "16505551234"}, {"text", "Hi"}});
  });
  ASSERT_TRUE(wamid.ok());
  auto echoes = FactsOf<BusinessAppEchoed>();
  ASSERT_EQ(echoes.size(), 1u);
  EXPECT_EQ(echoes[0].user.user_id, bsuid);
}

}  // namespace
}  // namespace wasim
