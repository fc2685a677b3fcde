// InboundStore's thread index: mark-as-read marks the thread's messages up to
// the one read, and nothing of other threads.
#include <gtest/gtest.h>

#include "simulator/domain/messages/message_store.h"

namespace wasim {
namespace {

InboundMessage InboundForStoreTest(const std::string& wamid, const std::string& phone,
                                   const std::string& from, TimeMs at) {
  InboundMessage in;
  in.wamid = wamid;
  in.phone_number_id = phone;
  in.from = from;
  in.type = "text";
  in.at = at;
  return in;
}

bool InboundReadOf(InboundStore& s, const std::string& wamid) { return s.Find(wamid)->read_by_business; }

TEST(InboundStoreTest, MarkingReadMarksTheThreadUpToThatInstantOnly) {
  InboundStore s;
  s.Add(InboundForStoreTest("a1", "p1", "u1", 10));
  s.Add(InboundForStoreTest("a2", "p1", "u1", 20));
  s.Add(InboundForStoreTest("a3", "p1", "u1", 20));  // same instant as a2
  s.Add(InboundForStoreTest("a4", "p1", "u1", 30));
  s.Add(InboundForStoreTest("b1", "p1", "u2", 5));  // another customer
  s.Add(InboundForStoreTest("c1", "p2", "u1", 5));  // another number
  EXPECT_EQ(s.MarkThreadReadThrough("p1", "u1", 20), 3u);
  EXPECT_TRUE(InboundReadOf(s, "a1"));
  EXPECT_TRUE(InboundReadOf(s, "a2"));
  EXPECT_TRUE(InboundReadOf(s, "a3"));
  EXPECT_FALSE(InboundReadOf(s, "a4"));
  EXPECT_FALSE(InboundReadOf(s, "b1"));
  EXPECT_FALSE(InboundReadOf(s, "c1"));
  EXPECT_EQ(s.MarkThreadReadThrough("p1", "u1", 20), 0u);  // already read
  EXPECT_EQ(s.MarkThreadReadThrough("p1", "u1", 30), 1u);
  EXPECT_TRUE(InboundReadOf(s, "a4"));
  EXPECT_EQ(s.MarkThreadReadThrough("p9", "u9", 30), 0u);
}

TEST(InboundStoreTest, AMessageArrivingOutOfTimeOrderIsStillMarkedByTime) {
  InboundStore s;
  s.Add(InboundForStoreTest("late", "p1", "u1", 50));
  s.Add(InboundForStoreTest("early", "p1", "u1", 10));
  EXPECT_EQ(s.MarkThreadReadThrough("p1", "u1", 10), 1u);
  EXPECT_TRUE(InboundReadOf(s, "early"));
  EXPECT_FALSE(InboundReadOf(s, "late"));
}

TEST(InboundStoreTest, ACopyKeepsItsOwnThreadIndex) {
  InboundStore s;
  s.Add(InboundForStoreTest("a1", "p1", "u1", 10));
  InboundStore copy = s;
  EXPECT_EQ(s.MarkThreadReadThrough("p1", "u1", 10), 1u);
  EXPECT_FALSE(InboundReadOf(copy, "a1"));
  EXPECT_EQ(copy.MarkThreadReadThrough("p1", "u1", 10), 1u);
  EXPECT_TRUE(InboundReadOf(copy, "a1"));
}

}  // namespace
}  // namespace wasim
