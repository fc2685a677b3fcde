#include "simulator/webhooks/journal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wasim::webhooks {
namespace {

Delivery Pending(const std::string& app, std::vector<std::string> keys, TimeMs due) {
  Delivery d;
  d.app_id = app;
  d.ordering_keys = std::move(keys);
  d.first_attempt_at = d.next_attempt_at = due;
  return d;
}

std::vector<std::string> Ids(const std::vector<Delivery*>& ds) {
  std::vector<std::string> ids;
  for (const Delivery* d : ds) ids.push_back(d->id);
  return ids;
}

TEST(JournalTest, DueByListsWhatIsDueInCreationOrderAndFollowsReschedules) {
  Journal j;
  Delivery& a = j.Add(Pending("app", {"1"}, 30));
  Delivery& b = j.Add(Pending("app", {"2"}, 10));
  j.Add(Pending("app", {"3"}, 50));
  EXPECT_EQ(Ids(j.DueBy(9)), std::vector<std::string>{});
  EXPECT_EQ(Ids(j.DueBy(30)), (std::vector<std::string>{a.id, b.id}));  // creation order, not due order
  j.Reschedule(a, 60);
  EXPECT_EQ(a.next_attempt_at, 60);
  EXPECT_EQ(Ids(j.DueBy(50)), (std::vector<std::string>{b.id, "whd_3"}));
  j.Finish(b.id, DeliveryState::kDelivered);
  EXPECT_EQ(Ids(j.DueBy(100)), (std::vector<std::string>{a.id, "whd_3"}));
  EXPECT_EQ(j.pending_count(), 2u);
}

TEST(JournalTest, HeldBehindAnEarlierInOrderDeliveryOfTheSameAppAndKeyOnly) {
  Journal j;
  Delivery& first = j.Add(Pending("app", {"alice"}, 0));
  Delivery& second = j.Add(Pending("app", {"bob", "alice"}, 0));
  Delivery& other_app = j.Add(Pending("other", {"alice"}, 0));
  Delivery& bob_only = j.Add(Pending("app", {"bob"}, 0));
  EXPECT_FALSE(j.HeldBehindEarlier(first));
  EXPECT_TRUE(j.HeldBehindEarlier(second));
  EXPECT_FALSE(j.HeldBehindEarlier(other_app));
  EXPECT_TRUE(j.HeldBehindEarlier(bob_only));  // behind `second`, which carries bob
  j.Finish(first.id, DeliveryState::kGivenUp);
  EXPECT_FALSE(j.HeldBehindEarlier(second));
  EXPECT_TRUE(j.HasPendingKey("app", "alice"));
  j.Finish(second.id, DeliveryState::kDelivered);
  EXPECT_FALSE(j.HasPendingKey("app", "alice"));
  EXPECT_TRUE(j.HasPendingKey("other", "alice"));
}

TEST(JournalTest, AnAdminRedeliveryHoldsNothingBehindIt) {
  Journal j;
  Delivery redelivery = Pending("app", {"alice"}, 0);
  redelivery.redelivery_of = "whd_0";
  j.Add(std::move(redelivery));
  Delivery& next = j.Add(Pending("app", {"alice"}, 0));
  EXPECT_FALSE(j.HeldBehindEarlier(next));
  EXPECT_TRUE(j.HasPendingKey("app", "alice"));  // but a new event still gets its own delivery
}

TEST(JournalTest, BehindOnSameKeysListsLaterPendingDeliveriesOfTheAppOnce) {
  Journal j;
  j.Add(Pending("app", {"alice"}, 0));
  Delivery& done = j.Add(Pending("app", {"alice", "bob"}, 0));
  Delivery& both = j.Add(Pending("app", {"bob", "alice"}, 0));
  j.Add(Pending("app", {"carol"}, 0));
  j.Add(Pending("other", {"alice"}, 0));
  Delivery& bob = j.Add(Pending("app", {"bob"}, 0));
  EXPECT_EQ(Ids(j.BehindOnSameKeys(done)), (std::vector<std::string>{both.id, bob.id}));
}

TEST(JournalTest, HistoryTrimsFinishedDeliveriesAndNeverAPendingOne) {
  Journal j(1);
  Delivery& a = j.Add(Pending("app", {"1"}, 0));
  Delivery& b = j.Add(Pending("app", {"2"}, 0));
  std::string a_id = a.id, b_id = b.id;
  j.Add(Pending("app", {"3"}, 0));
  j.Finish(a_id, DeliveryState::kDelivered);
  j.Finish(b_id, DeliveryState::kDelivered);
  EXPECT_EQ(j.Find(a_id), nullptr);
  ASSERT_NE(j.Find(b_id), nullptr);
  EXPECT_EQ(j.All().size(), 2u);
  EXPECT_EQ(Ids(j.Pending()), std::vector<std::string>{"whd_3"});
  j.Clear();
  EXPECT_EQ(j.pending_count(), 0u);
  EXPECT_TRUE(j.DueBy(1000).empty());
  EXPECT_EQ(j.Add(Pending("app", {"1"}, 0)).id, "whd_4");  // ids never repeat
}

}  // namespace
}  // namespace wasim::webhooks
