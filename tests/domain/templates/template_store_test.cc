// TemplateStore keeps its (waba, name, language) index right through every
// write: puts that rename, erases, copies, and refused duplicates.
#include "simulator/domain/templates/template_store.h"

#include <gtest/gtest.h>

namespace wasim {
namespace {

MessageTemplate StoreTemplate(const std::string& id, const std::string& waba, const std::string& name,
                              const std::string& language) {
  MessageTemplate t;
  t.id = id;
  t.waba_id = waba;
  t.name = name;
  t.language = language;
  t.category = "UTILITY";
  return t;
}

std::vector<std::string> StoreIdsOf(const std::vector<const MessageTemplate*>& ts) {
  std::vector<std::string> out;
  for (const MessageTemplate* t : ts) out.push_back(t->id);
  return out;
}

TEST(TemplateStoreTest, FindsByWabaNameAndLanguage) {
  TemplateStore s;
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "order", "en_US")), nullptr);
  ASSERT_NE(s.Put(StoreTemplate("2", "w1", "order", "es")), nullptr);
  ASSERT_NE(s.Put(StoreTemplate("3", "w2", "order", "en_US")), nullptr);
  ASSERT_NE(s.Put(StoreTemplate("4", "w1", "order_x", "en_US")), nullptr);
  EXPECT_EQ(s.Find("w1", "order", "es")->id, "2");
  EXPECT_EQ(s.Find("w2", "order", "en_US")->id, "3");
  EXPECT_EQ(s.Find("w1", "order", "pt_BR"), nullptr);
  EXPECT_EQ(s.Find("w1", "orde", "en_US"), nullptr);
  EXPECT_TRUE(s.HasName("w1", "order"));
  EXPECT_FALSE(s.HasName("w1", "orde"));  // a prefix of a name is not the name
  EXPECT_FALSE(s.HasName("w3", "order"));
  EXPECT_EQ(StoreIdsOf(s.Named("w1", "order")), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(StoreIdsOf(s.OfWaba("w1")), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(s.CountOfWaba("w1"), 3u);
  EXPECT_EQ(s.CountOfWaba("w2"), 1u);
  EXPECT_EQ(s.size(), 4u);
}

TEST(TemplateStoreTest, PutOfAnExistingIdMovesItsIndexEntry) {
  TemplateStore s;
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "old", "en_US")), nullptr);
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "new", "en_US")), nullptr);
  EXPECT_EQ(s.Find("w1", "old", "en_US"), nullptr);
  EXPECT_EQ(s.Find("w1", "new", "en_US")->id, "1");
  EXPECT_EQ(s.CountOfWaba("w1"), 1u);
  EXPECT_EQ(s.size(), 1u);
}

TEST(TemplateStoreTest, RefusesASecondTemplateWithTheSameNameAndLanguage) {
  TemplateStore s;
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "order", "en_US")), nullptr);
  EXPECT_EQ(s.Put(StoreTemplate("2", "w1", "order", "en_US")), nullptr);
  EXPECT_FALSE(s.Contains("2"));
  EXPECT_EQ(s.Find("w1", "order", "en_US")->id, "1");
  EXPECT_EQ(s.CountOfWaba("w1"), 1u);
}

TEST(TemplateStoreTest, EraseDropsTheIndexEntry) {
  TemplateStore s;
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "order", "en_US")), nullptr);
  EXPECT_TRUE(s.Erase("1"));
  EXPECT_FALSE(s.Erase("1"));
  EXPECT_EQ(s.Find("w1", "order", "en_US"), nullptr);
  EXPECT_FALSE(s.HasName("w1", "order"));
  EXPECT_EQ(s.CountOfWaba("w1"), 0u);
  // The name and language are free again.
  EXPECT_NE(s.Put(StoreTemplate("2", "w1", "order", "en_US")), nullptr);
}

TEST(TemplateStoreTest, ACopyIndexesItsOwnTemplates) {
  TemplateStore s;
  ASSERT_NE(s.Put(StoreTemplate("1", "w1", "order", "en_US")), nullptr);
  TemplateStore copy = s;
  s.Mutable("1")->category = "MARKETING";
  ASSERT_TRUE(s.Erase("1"));
  ASSERT_NE(copy.Find("w1", "order", "en_US"), nullptr);
  EXPECT_EQ(copy.Find("w1", "order", "en_US"), copy.Get("1"));
  EXPECT_EQ(copy.Get("1")->category, "UTILITY");
}

}  // namespace
}  // namespace wasim
