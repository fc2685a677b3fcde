// Status lifecycle per customer state on a manual clock: exact latencies,
// statuses that must NOT appear, the 30-day TTL and "never backwards".
#include "simulator/domain/messages/lifecycle.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "simulator/domain/customers/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"

namespace wasim::messages {
namespace {

using wasim::testing::EditWorld;

using D = DefaultIds;
using Statuses = std::vector<std::string>;

class LifecycleTest : public ::testing::Test {
 protected:
  LifecycleTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  // The StatusChanged facts recorded since the fixture was made, with their time.
  std::vector<wasim::testing::Timed<StatusChanged>> TimedEvents() { return tap_->TimedOf<StatusChanged>(); }
  std::vector<StatusChanged> Events() { return tap_->Of<StatusChanged>(); }

  // Journals an accepted message to `wa_id` (REQUIRES: in the world) and starts
  // its lifecycle (no sending rules involved).
  std::string Accept(const std::string& wa_id, const std::string& type = "text",
                     std::optional<GraphError> failure = std::nullopt,
                     PricingCategory category = PricingCategory::kService, Json payload = Json::object()) {
    return sim_->WithLock([&](Ctx& ctx) {
      OutboundMessage m;
      m.wamid = ctx.ids.Wamid(wa_id, true);
      m.phone_number_id = D::kPhoneNumberId;
      m.waba_id = D::kWabaId;
      m.wa_id = wa_id;
      m.type = type;
      m.payload = payload;
      m.is_template = type == "template";
      m.category = category;
      m.accepted_at = ctx.now();
      std::string id = ctx.state.messages.Add(std::move(m)).wamid;
      StartLifecycle(ctx, id, failure);
      return id;
    });
  }
  Statuses StatusesOf(const std::string& wamid) {
    return sim_->WithLock([&](Ctx& ctx) {
      Statuses out;
      for (const auto& s : ctx.state.messages.Find(wamid)->statuses)
        out.push_back(MessageStatusName(s.status));
      return out;
    });
  }
  void SetState(const std::string& wa_id, CustomerState s) {
    sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(customers::SetState(ctx, wa_id, s)); });
  }
  void Update(const std::string& wa_id, const customers::CustomerUpdate& u) {
    sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(customers::UpdateCustomer(ctx, wa_id, u)); });
  }
  SimConfig Config() {
    return sim_->WithLock([](Ctx& ctx) { return ctx.state.config; });
  }

  const std::string kUser = D::kCustomerWaId;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(LifecycleTest, OnlineAutoReadGetsSentDeliveredReadAtTheConfiguredLatencies) {
  SimConfig cfg = Config();
  std::string id = Accept(kUser);
  sim_->AdvanceBy(cfg.sent_latency - 1);
  EXPECT_EQ(StatusesOf(id), Statuses{});
  sim_->AdvanceBy(1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  sim_->AdvanceBy(cfg.delivered_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
  sim_->AdvanceBy(cfg.read_latency - 1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
  sim_->AdvanceBy(1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
  auto events = Events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].status, MessageStatus::kRead);
  EXPECT_EQ(events[2].recipient_id, kUser);
  EXPECT_FALSE(events[2].error);
}

TEST_F(LifecycleTest, OnlineWithoutAutoReadIsNeverReadUntilAutoReadIsTurnedOn) {
  customers::CustomerUpdate u;
  u.auto_read = false;
  Update(kUser, u);
  std::string id = Accept(kUser);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
  u.auto_read = true;
  Update(kUser, u);
  sim_->AdvanceBy(Config().read_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
}

TEST_F(LifecycleTest, OfflineStaysSentThenDeliversWhenOnlineWithinTtl) {
  SetState(kUser, CustomerState::kOffline);
  std::string id = Accept(kUser);
  sim_->AdvanceBy(29 * kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  SetState(kUser, CustomerState::kOnline);
  SimConfig cfg = Config();
  sim_->AdvanceBy(cfg.delivered_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered"}));
  sim_->AdvanceBy(cfg.read_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
}

TEST_F(LifecycleTest, OfflinePastTheTtlIsDroppedSilently) {
  SetState(kUser, CustomerState::kOffline);
  std::string id = Accept(kUser);
  sim_->AdvanceBy(30 * kDay + kSecond);
  SetState(kUser, CustomerState::kOnline);
  sim_->AdvanceBy(7 * kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  ASSERT_EQ(Events().size(), 1u);  // no failed webhook either (Meta documents none)
}

TEST_F(LifecycleTest, TtlBoundaryIsTheDeliveryInstant) {
  SimConfig cfg = Config();
  SetState(kUser, CustomerState::kOffline);
  std::string one_ms_too_old = Accept(kUser);
  sim_->AdvanceBy(1);
  std::string exactly_at_ttl = Accept(kUser);
  // Online so that the delivery attempt lands exactly on exactly_at_ttl's deadline (accept + 30 d).
  sim_->AdvanceTo(kDefaultManualStart + 1 + cfg.message_ttl - cfg.delivered_latency);
  SetState(kUser, CustomerState::kOnline);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(exactly_at_ttl), Statuses({"sent", "delivered", "read"}));
  EXPECT_EQ(StatusesOf(one_ms_too_old), Statuses({"sent"}));
}

TEST_F(LifecycleTest, DeliveryAttemptAfterTheDeadlineIsDropped) {
  SimConfig cfg = Config();
  SetState(kUser, CustomerState::kOffline);
  std::string id = Accept(kUser);
  // Coming online 1 ms before the deadline: the attempt (delivered_latency later) is past it.
  sim_->AdvanceTo(kDefaultManualStart + cfg.message_ttl - cfg.delivered_latency + 1);
  SetState(kUser, CustomerState::kOnline);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
}

TEST_F(LifecycleTest, AuthenticationTemplatesExpireAfterTenMinutes) {
  SetState(kUser, CustomerState::kOffline);
  std::string auth = Accept(kUser, "template", std::nullopt, PricingCategory::kAuthentication);
  std::string utility = Accept(kUser, "template", std::nullopt, PricingCategory::kUtility);
  sim_->AdvanceBy(kAuthTemplateTtl + kSecond);
  SetState(kUser, CustomerState::kOnline);
  sim_->AdvanceBy(kMinute);
  EXPECT_EQ(StatusesOf(auth), Statuses({"sent"}));
  EXPECT_EQ(StatusesOf(utility), Statuses({"sent", "delivered", "read"}));
}

void ExpectSentThenFailed131026(const Statuses& got, const std::vector<StatusChanged>& events) {
  EXPECT_EQ(got, Statuses({"sent", "failed"}));
  ASSERT_EQ(events.size(), 2u);
  ASSERT_TRUE(events[1].error);
  EXPECT_EQ(events[1].error->code, ErrorCode::kMessageUndeliverable);
}

TEST_F(LifecycleTest, NotOnWhatsAppGetsSentThenFailed131026AfterTheFailedDelay) {
  SetState(kUser, CustomerState::kNotOnWhatsApp);
  std::string id = Accept(kUser);
  SimConfig cfg = Config();
  sim_->AdvanceBy(cfg.failed_status_delay - 1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  sim_->AdvanceBy(1);
  sim_->AdvanceBy(kDay);
  ExpectSentThenFailed131026(StatusesOf(id), Events());
  auto timed = TimedEvents();
  ASSERT_GE(timed.size(), 2u);
  EXPECT_EQ(timed[1].at, kDefaultManualStart + cfg.failed_status_delay);
}

TEST_F(LifecycleTest, OldClientGetsSentThenFailed131026) {
  SetState(kUser, CustomerState::kOldClient);
  std::string id = Accept(kUser);
  sim_->AdvanceBy(kDay);
  ExpectSentThenFailed131026(StatusesOf(id), Events());
}

TEST_F(LifecycleTest, UserWhoBlockedTheBusinessGetsSentThenFailed131026) {
  sim_->WithLock(
      [&](Ctx& ctx) { ASSERT_TRUE(customers::SetRelation(ctx, kUser, D::kPhoneNumberId, true, {})); });
  std::string id = Accept(kUser);
  sim_->AdvanceBy(kDay);
  ExpectSentThenFailed131026(StatusesOf(id), Events());
}

TEST_F(LifecycleTest, UndeliverableRuleSwitchedOffLeavesTheMessageSent) {
  EditWorld(*sim_, WorldBuilder().EditConfig(
                       [](SimConfig& c) { c.rules.Switch(rules::RuleId::kUndeliverable).enabled = false; }));
  SetState(kUser, CustomerState::kNotOnWhatsApp);
  std::string id = Accept(kUser);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
}

TEST_F(LifecycleTest, RecipientLeavingWhatsAppBeforeDeliveryFails131026) {
  std::string id = Accept(kUser);
  sim_->AdvanceBy(Config().sent_latency);
  SetState(kUser, CustomerState::kNotOnWhatsApp);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "failed"}));
}

TEST_F(LifecycleTest, ReactionsOnlyEverGetSent) {
  std::string id = Accept(kUser, "reaction");
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
  SetState(kUser, CustomerState::kOffline);
  SetState(kUser, CustomerState::kOnline);
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent"}));
}

TEST_F(LifecycleTest, AsyncFailureFromTheRulesIsFailedOnlyAfterTheDelay) {
  SimConfig cfg = Config();
  std::string id = Accept(kUser, "text", MakeError(ErrorCode::kReengagementMessage));
  sim_->AdvanceBy(cfg.failed_status_delay - 1);
  EXPECT_EQ(StatusesOf(id), Statuses{});
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"failed"}));
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].error->code, ErrorCode::kReengagementMessage);
  EXPECT_FALSE(events[0].pricing);
}

TEST_F(LifecycleTest, Passed131026FailureIsPrecededBySent) {
  std::string id = Accept(kUser, "text", MakeError(ErrorCode::kMessageUndeliverable));
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "failed"}));
}

// Meta (status webhook reference, changelog 2025-11-03): `played` is the first
// time a voice message is played. Assumption: read_latency after read.
TEST_F(LifecycleTest, VoiceMessagesArePlayedAfterTheyAreRead) {
  SimConfig cfg = Config();
  Json voice = {{"id", "1013859600285441"}, {"voice", true}};
  std::string id = Accept(kUser, "audio", std::nullopt, PricingCategory::kService, voice);
  std::string plain = Accept(kUser, "audio", std::nullopt, PricingCategory::kService, {{"id", "1"}});
  sim_->AdvanceBy(cfg.sent_latency + cfg.delivered_latency);
  sim_->WithLock([&](Ctx& ctx) {  // delivered, not read: not played yet (Meta: played follows read)
    EXPECT_TRUE(StatusProblem(*ctx.state.messages.Find(id), MessageStatus::kPlayed));
  });
  sim_->AdvanceBy(cfg.read_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
  sim_->AdvanceBy(cfg.read_latency - 1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
  sim_->AdvanceBy(1);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read", "played"}));
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(plain), Statuses({"sent", "delivered", "read"}));  // not a voice message
  auto events = Events();
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events.back().status, MessageStatus::kPlayed);
  EXPECT_FALSE(events.back().pricing);  // pricing rides on sent and delivered only
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_TRUE(StatusProblem(*ctx.state.messages.Find(plain), MessageStatus::kPlayed));
    EXPECT_FALSE(ApplyStatus(ctx, plain, MessageStatus::kPlayed));
    EXPECT_TRUE(StatusProblem(*ctx.state.messages.Find(id), MessageStatus::kRead));  // never backwards
  });
}

TEST_F(LifecycleTest, AVoiceMessageReadWithoutAutoReadIsPlayedOnceAutoReadIsOn) {
  customers::CustomerUpdate u;
  u.auto_read = false;
  Update(kUser, u);
  std::string id =
      Accept(kUser, "audio", std::nullopt, PricingCategory::kService, {{"id", "7"}, {"voice", true}});
  sim_->AdvanceBy(kDay);
  sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(ApplyStatus(ctx, id, MessageStatus::kRead)); });
  sim_->AdvanceBy(kDay);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));  // the user does not play it
  u.auto_read = true;
  Update(kUser, u);
  sim_->AdvanceBy(Config().read_latency);
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read", "played"}));
}

TEST_F(LifecycleTest, StatusesNeverGoBackwards) {
  EXPECT_FALSE(TransitionProblem(MessageStatus::kAccepted, MessageStatus::kSent));
  EXPECT_FALSE(TransitionProblem(MessageStatus::kSent, MessageStatus::kRead));  // delivered may be skipped
  EXPECT_FALSE(TransitionProblem(MessageStatus::kSent, MessageStatus::kFailed));
  EXPECT_TRUE(TransitionProblem(MessageStatus::kRead, MessageStatus::kDelivered));
  EXPECT_TRUE(TransitionProblem(MessageStatus::kDelivered, MessageStatus::kDelivered));
  EXPECT_TRUE(TransitionProblem(MessageStatus::kDelivered, MessageStatus::kFailed));
  EXPECT_TRUE(TransitionProblem(MessageStatus::kFailed, MessageStatus::kRead));

  std::string id = Accept(kUser);
  sim_->AdvanceBy(kDay);
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_FALSE(ApplyStatus(ctx, id, MessageStatus::kDelivered));
    EXPECT_FALSE(ApplyStatus(ctx, id, MessageStatus::kFailed, MakeError(ErrorCode::kMessageUndeliverable)));
  });
  EXPECT_EQ(StatusesOf(id), Statuses({"sent", "delivered", "read"}));
  EXPECT_EQ(Events().size(), 3u);
}

}  // namespace
}  // namespace wasim::messages
