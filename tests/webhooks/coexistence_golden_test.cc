// Golden bodies of the Coexistence webhooks (fixtures/webhooks, transcribed
// from Meta's reference examples: history, smb_app_state_sync,
// smb_message_echoes, account_update): same keys in the same order, same JSON
// types, same values.
#include <gtest/gtest.h>

#include "simulator/webhooks/payloads.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

using Message = BusinessAppHistorySynced::Message;

constexpr const char* kCoexWaba = "102290129340398";

testing::GoldenOptions Exact() {
  testing::GoldenOptions o;
  o.value_exempt.clear();
  return o;
}

TimeMs AtSeconds(long long unix_seconds) { return unix_seconds * 1000; }

Json CoexBody(const std::string& field, Json value, TimeMs at) {
  std::optional<TimeMs> time;
  if (EntryHasTime(field)) time = at;
  return Envelope(kCoexWaba, {Change{field, std::move(value)}}, time);
}

Message HistoryText(const std::string& thread, const std::string& from, const std::string& wamid,
                    long long ts, const std::string& body, const std::string& status) {
  return {thread, from, "", wamid, AtSeconds(ts), "text", Json{{"body", body}}, status};
}

TEST(CoexistenceGoldenTest, HistoryChunkMatchesMetasExample) {
  BusinessAppHistorySynced f;
  f.waba_id = kCoexWaba;
  f.phone_number_id = "106540352242922";
  f.display_phone_number = "15550783881";
  f.phase = 0;
  f.chunk_order = 1;
  f.progress = 55;
  f.messages = {
      HistoryText("16505551234", "15550783881", "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA",
                  1739230955, "Here's the info you requested! https://www.meta.com/quest/quest-3/", "READ"),
      {"16505551234", "15550783881", "16505551234",
       "wamid.QyNUEHBgLMTY0NjcwNDM1OTUVAgARGBI1Rj3NEYxMzAzMzQ5MkEA", AtSeconds(1739230970),
       "media_placeholder", Json(), "PLAYED"},
      HistoryText("16505551234", "16505551234", "wamid.N0FCNjMAHBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0",
                  1739230970, "Thanks!", "READ"),
      HistoryText("12125557890", "15550783881", "wamid.BIyNDlBOEI5N0FCNjMAHBgLMTY0NjcwNDM1OTUVAgARGQUQ4NDc0",
                  1739230970,
                  "Thanks for your order! As a thank you, use code THANKS30 to get 30% of your next order.",
                  "DELIVERED"),
  };
  Json ours = CoexBody("history", HistoryValue(f), AtSeconds(1739230970));
  Json want = testing::LoadFixture("webhooks/history_chunk.json");
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST(CoexistenceGoldenTest, HistoryMediaContentsMatchMetasExample) {
  BusinessAppHistorySynced f;
  f.waba_id = kCoexWaba;
  f.phone_number_id = "106540352242922";
  f.display_phone_number = "15550783881";
  f.kind = BusinessAppHistorySynced::Kind::kMedia;
  f.messages = {{"16505551234", "16505551234", "",
                 "wamid.QyNUEHBgLMTY0NjcwNDM1OTUVAgARGBI1Rj3NEYxMzAzMzQ5MkEA", AtSeconds(1738796547), "image",
                 Json{{"caption", "Black Prince echeveria"},
                      {"mime_type", "image/jpeg"},
                      {"sha256", "3f9d94d399fa61c191bc1d4ca71375a035cd9b9f5b1128e1f0963a415c16b0cc"},
                      {"id", "24230790383178626"}},
                 ""}};
  Json ours = CoexBody("history", HistoryValue(f), AtSeconds(1738796547));
  Json want = testing::LoadFixture("webhooks/history_media.json");
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST(CoexistenceGoldenTest, HistoryDeclinedMatchesMetasExampleValue) {
  BusinessAppHistorySynced f;
  f.phone_number_id = "106540352242922";
  f.display_phone_number = "15550783881";
  f.kind = BusinessAppHistorySynced::Kind::kDeclined;
  f.error = MakeError(ErrorCode::kHistorySyncOff);
  Json want = testing::LoadFixture("webhooks/history_declined_value.json");
  Json ours = HistoryValue(f);
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST(CoexistenceGoldenTest, ContactsSyncMatchesMetasExample) {
  BusinessAppContactsSynced f{
      kCoexWaba, "106540352242922", "15550783881", {{"16505551234", "Pablo Morales", "Pablo"}}, "add"};
  Json ours =
      CoexBody("smb_app_state_sync", ContactsSyncValue(f, AtSeconds(1739321024)), AtSeconds(1739321024));
  Json want = testing::LoadFixture("webhooks/smb_app_state_sync.json");
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
  // Meta: names are left out when a contact is removed.
  f.action = "remove";
  Json removed = ContactsSyncValue(f, AtSeconds(1739321024))["state_sync"][0];
  EXPECT_EQ(removed["contact"], (Json{{"phone_number", "16505551234"}}));
  EXPECT_EQ(removed["action"], "remove");
}

TEST(CoexistenceGoldenTest, MessageEchoMatchesMetasExample) {
  BusinessAppEchoed f{kCoexWaba,
                      "106540352242922",
                      "15550783881",
                      "16505551234",
                      "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA",
                      "text",
                      Json{{"body", "Here's the info you requested! https://www.meta.com/quest/quest-3/"}}};
  Json ours = CoexBody("smb_message_echoes", EchoValue(f, AtSeconds(1739321024)), AtSeconds(1739321024));
  Json want = testing::LoadFixture("webhooks/smb_message_echoes.json");
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST(CoexistenceGoldenTest, PartnerRemovedMatchesTheOnboardingPagesExample) {
  PartnerChanged f{kCoexWaba, "506914307656634", "PARTNER_REMOVED", "15550783881", "", ""};
  Json ours = CoexBody("account_update", PartnerValue(f), AtSeconds(1739212624));
  Json want = testing::LoadFixture("webhooks/account_update_partner_removed.json");
  const Json& value = want["entry"][0]["changes"][0]["value"];
  auto diff = testing::GoldenDiff(value, ours["entry"][0]["changes"][0]["value"], Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  // Same content; wasim's management envelope lists "entry" before "object"
  // (Meta's examples use both orders).
  EXPECT_EQ(nlohmann::json::parse(ours.dump()), nlohmann::json::parse(want.dump()));
}

TEST(CoexistenceGoldenTest, InactivityAddsDisconnectionInfoAfterTheEvent) {
  PartnerChanged f{kCoexWaba,     "506914307656634",    "PARTNER_REMOVED",
                   "15550783881", "PRIMARY_INACTIVITY", "SYSTEM"};
  Json v = PartnerValue(f);
  std::vector<std::string> keys;
  for (const auto& [k, x] : v.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"phone_number", "event", "disconnection_info"}));
  EXPECT_EQ(v["disconnection_info"], (Json{{"reason", "PRIMARY_INACTIVITY"}, {"initiated_by", "SYSTEM"}}));
}

TEST(CoexistenceGoldenTest, PartnerAddedValueMatchesTheReferenceExample) {
  PartnerChanged f{"980198427658004", "2329417887457253", "PARTNER_ADDED", "", "", ""};
  Json ours = PartnerValue(f);
  Json want =
      testing::LoadFixture("webhooks/account_update_partner_added.json")["entry"][0]["changes"][0]["value"];
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want));
}

TEST(CoexistenceGoldenTest, SyncAndEchoFieldsHaveNoEntryTimeManagementFieldsDo) {
  EXPECT_FALSE(EntryHasTime("history"));
  EXPECT_FALSE(EntryHasTime("smb_app_state_sync"));
  EXPECT_FALSE(EntryHasTime("smb_message_echoes"));
  EXPECT_FALSE(EntryHasTime("messages"));
  EXPECT_TRUE(EntryHasTime("account_update"));
}

// Meta (business-scoped-user-ids.mdx, Coexistence): once BSUIDs are shared the
// sync and echo webhooks carry the user's identity.
UserIdentity PabloShared(bool hidden) {
  UserIdentity u;
  u.user_id = "US.13491208655302741918";
  u.username = "@pablomorales";
  u.country_code = "US";
  u.phone_hidden = hidden;
  return u;
}

void ExpectGolden(const Json& ours, const char* fixture) {
  Json want = testing::LoadFixture(std::string("webhooks/") + fixture);
  auto diff = testing::GoldenDiff(want, ours, Exact());
  EXPECT_TRUE(diff.empty()) << fixture << "\n" << testing::IndentedLines(diff);
  EXPECT_EQ(DumpMeta(ours), DumpMeta(want)) << fixture;
}

TEST(CoexistenceGoldenTest, EchoCarriesTheBsuidAsTheBsuidPageShows) {
  BusinessAppEchoed f{kCoexWaba,
                      "106540352242922",
                      "15550783881",
                      "16505551234",
                      "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA",
                      "text",
                      Json{{"body", "Here's the info you requested! https://www.meta.com/quest/quest-3/"}},
                      PabloShared(false)};
  ExpectGolden(CoexBody("smb_message_echoes", EchoValue(f, AtSeconds(1739321024)), AtSeconds(1739321024)),
               "smb_message_echoes_bsuid.json");
  f.user.phone_hidden = true;  // a username adopter: `to` and contacts[].wa_id are empty
  Json v = EchoValue(f, AtSeconds(1739321024));
  EXPECT_EQ(v["message_echoes"][0]["to"], "");
  EXPECT_EQ(v["contacts"][0]["wa_id"], "");
  EXPECT_EQ(v["message_echoes"][0]["to_user_id"], "US.13491208655302741918");
}

TEST(CoexistenceGoldenTest, ContactsSyncCarriesTheBsuidAsTheBsuidPageShows) {
  BusinessAppContactsSynced f{
      kCoexWaba, "106540352242922", "15550783881", {{"16505551234", "Pablo Morales", "Pablo"}}, "add"};
  f.users = {PabloShared(false)};
  ExpectGolden(
      CoexBody("smb_app_state_sync", ContactsSyncValue(f, AtSeconds(1739321024)), AtSeconds(1739321024)),
      "smb_app_state_sync_bsuid.json");
  f.users[0].phone_hidden = true;
  f.users[0].username.clear();  // Meta: username omitted when the user has none
  Json contact = ContactsSyncValue(f, AtSeconds(1739321024))["state_sync"][0]["contact"];
  EXPECT_EQ(contact["phone_number"], "");
  EXPECT_FALSE(contact.contains("username"));
}

TEST(CoexistenceGoldenTest, HistoryChunkCarriesTheThreadContextAsTheBsuidPageShows) {
  BusinessAppHistorySynced f;
  f.waba_id = kCoexWaba;
  f.phone_number_id = "106540352242922";
  f.display_phone_number = "15550783881";
  f.phase = 0;
  f.chunk_order = 1;
  f.progress = 55;
  f.messages = {
      HistoryText("16505551234", "15550783881", "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA",
                  1739230955, "Here's the info you requested! https://www.meta.com/quest/quest-3/", "READ"),
      HistoryText("16505551234", "16505551234", "wamid.N0FCNjMAHBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0",
                  1739230970, "Thanks!", "READ"),
  };
  for (auto& m : f.messages) m.user = PabloShared(true);
  ExpectGolden(CoexBody("history", HistoryValue(f), AtSeconds(1739230970)), "history_chunk_bsuid.json");
}

TEST(CoexistenceGoldenTest, HistoryMediaOfTheBusinessIsAnEchoAsTheBsuidPageShows) {
  BusinessAppHistorySynced f;
  f.waba_id = kCoexWaba;
  f.phone_number_id = "106540352242922";
  f.display_phone_number = "15550783881";
  f.kind = BusinessAppHistorySynced::Kind::kMedia;
  f.messages = {{"16505551234", "15550783881", "",
                 "wamid.QyNUEHBgLMTY0NjcwNDM1OTUVAgARGBI1Rj3NEYxMzAzMzQ5MkEA", AtSeconds(1738796547), "image",
                 Json{{"caption", "Black Prince echeveria"},
                      {"mime_type", "image/jpeg"},
                      {"sha256", "3f9d94d399fa61c191bc1d4ca71375a035cd9b9f5b1128e1f0963a415c16b0cc"},
                      {"id", "24230790383178626"}},
                 "", PabloShared(false)}};
  ExpectGolden(CoexBody("history", HistoryValue(f), AtSeconds(1738796547)), "history_media_echo_bsuid.json");
}

}  // namespace
}  // namespace wasim::webhooks
