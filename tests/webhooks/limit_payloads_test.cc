// Messaging-limit and throughput webhooks per webhook version and per date:
// Meta renamed the limit fields when limits became per portfolio (October
// 2025, v24.0) and removed the old ones in February 2026. The values are
// rendered per target from data, like statuses (payloads.h).
#include <gtest/gtest.h>

#include "simulator/core/time.h"
#include "simulator/domain/rules/messaging_limit.h"
#include "simulator/webhooks/payloads.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

const PhoneMeta kLimitMeta{"15550783881", "106540352242922"};

TimeMs At(const char* iso) { return *ParseIso8601(iso); }

Json Rendered(const Fact& fact, size_t index, const std::string& api_version) {
  auto events = WebhookEventsOf(fact);
  EXPECT_GT(events.size(), index);
  const WebhookEvent& e = events.at(index);
  return Envelope(e.waba_id, {Change{e.field, RenderValue(e, kLimitMeta, api_version)}}, e.at);
}

Fact LimitChange(TimeMs at, long old_limit, long new_limit) {
  Fact f;
  f.at = at;
  MessagingLimitChanged c;
  c.business_id = "506914307656634";
  c.old_limit = old_limit;
  c.new_limit = new_limit;
  c.wabas = {{"524126980791429", {{"106540352242922", "15550783881"}}}};
  f.body = c;
  return f;
}

// Meta docs whatsapp/webhooks/reference/phone_number_quality_update — example
// (May 2025, before portfolio limits): byte for byte.
TEST(LimitWebhookTest, ThroughputUpgradeBeforePortfolioLimitsIsMetasExample) {
  Json want = ::wasim::testing::LoadFixture("webhooks/phone_number_quality_update_throughput_upgrade.json");
  Fact f;
  f.at = 1748454394000;
  f.body = ThroughputUpgraded{"102290129340398", "106540352242922", "15550783881"};
  EXPECT_EQ(DumpMeta(Rendered(f, 0, "v24.0")), DumpMeta(want));
}

// Meta docs whatsapp/throughput: after the upgrade the webhook carries
// max_daily_conversations_per_business TIER_UNLIMITED; current_limit is gone
// from February 2026.
TEST(LimitWebhookTest, ThroughputUpgradeFollowsTheFieldChangesOnTheClock) {
  Fact f;
  f.body = ThroughputUpgraded{"102290129340398", "106540352242922", "15550783881"};
  f.at = At("2026-01-15T10:00:00Z");
  Json v = Rendered(f, 0, "v23.0")["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(v.dump(),
            R"({"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE",)"
            R"("current_limit":"TIER_UNLIMITED","max_daily_conversations_per_business":"TIER_UNLIMITED"})");
  f.at = At("2026-02-01T00:00:00Z");
  v = Rendered(f, 0, "v23.0")["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(v.dump(), R"({"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE",)"
                      R"("max_daily_conversations_per_business":"TIER_UNLIMITED"})");
}

// Meta docs whatsapp/webhooks/reference/business_capability_update — syntax
// and parameter table for a v23.0 app (the page's own example puts the number
// under the tier-name key, which its table contradicts; see fixtures README).
TEST(LimitWebhookTest, CapabilityForAV23AppCarriesTheNumericPerPhoneLimit) {
  Json want = ::wasim::testing::LoadFixture("webhooks/business_capability_update_v23.json");
  Fact f = LimitChange(1739321024000, 250, 2000);
  EXPECT_EQ(DumpMeta(Rendered(f, 0, "v23.0")), DumpMeta(want));
}

// Meta docs whatsapp/messaging-limits: max_daily_conversations_per_business
// "for webhooks v24.0 and newer", max_daily_conversation_per_phone "for v23.0
// and older, until February, 2026".
TEST(LimitWebhookTest, CapabilityIsRenderedPerWebhookVersionUntilFebruary2026) {
  Fact f = LimitChange(At("2026-01-10T08:00:00Z"), 2000, 10000);
  auto value = [&](const char* v) { return Rendered(f, 0, v)["entry"][0]["changes"][0]["value"]; };
  EXPECT_EQ(value("v24.0").dump(),
            R"({"max_daily_conversations_per_business":"TIER_10K","max_phone_numbers_per_waba":25})");
  EXPECT_EQ(value("v23.0").dump(),
            R"({"max_daily_conversation_per_phone":10000,"max_phone_numbers_per_waba":25})");
  EXPECT_EQ(value("v21.0").dump(), value("v23.0").dump());
  // No or an unparseable version: the default (v23.0), as statuses are rendered.
  EXPECT_EQ(value("").dump(), value("v23.0").dump());
  EXPECT_EQ(value("latest").dump(), value("v23.0").dump());
  // From February 2026 every version gets the tier name (our assumption for <= v23.0).
  f.at = At("2026-03-01T00:00:00Z");
  EXPECT_EQ(value("v23.0").dump(), value("v24.0").dump());
  // At 250 Meta names the per-portfolio number cap instead.
  f = LimitChange(At("2026-03-01T00:00:00Z"), 2000, 250);
  EXPECT_EQ(value("v25.0").dump(),
            R"({"max_daily_conversations_per_business":"TIER_250","max_phone_numbers_per_business":2})");
}

// Meta docs whatsapp/webhooks/reference/phone_number_quality_update: old_limit
// and current_limit "will be removed in February, 2026".
TEST(LimitWebhookTest, QualityUpdateDropsTheRemovedLimitFieldsFromFebruary2026) {
  Fact f = LimitChange(At("2026-01-31T23:59:59Z"), 2000, 10000);
  Json before = Rendered(f, 1, "v24.0");
  EXPECT_EQ(before["entry"][0]["changes"][0]["field"], "phone_number_quality_update");
  EXPECT_EQ(before["entry"][0]["changes"][0]["value"].dump(),
            R"({"display_phone_number":"15550783881","event":"UPGRADE","old_limit":"TIER_2K",)"
            R"("current_limit":"TIER_10K","max_daily_conversations_per_business":"TIER_10K"})");
  f.at = At("2026-02-01T00:00:00Z");
  EXPECT_EQ(
      Rendered(f, 1, "v24.0")["entry"][0]["changes"][0]["value"].dump(),
      R"({"display_phone_number":"15550783881","event":"UPGRADE","max_daily_conversations_per_business":"TIER_10K"})");
  f = LimitChange(At("2026-06-01T00:00:00Z"), rules::kUnlimited, 100000);
  EXPECT_EQ(Rendered(f, 1, "v24.0")["entry"][0]["changes"][0]["value"]["event"], "DOWNGRADE");
}

}  // namespace
}  // namespace wasim::webhooks
