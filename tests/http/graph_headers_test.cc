// Graph's response headers (every answer, errors too), token errors'
// WWW-Authenticate and wording, and Graph versions served on the virtual clock.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

HttpResponse GetPath(PipelineHarness& h, const std::string& path,
                     const std::string& token = D::kAccessToken) {
  HttpRequest r;
  r.method = "GET";
  r.path = path;
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  return h.Send(r);
}

TEST(GraphHeadersTest, SuccessCarriesMetasHeadersWithVirtualDate) {
  PipelineHarness h;
  auto r = h.Get(D::kPhoneNumberId);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(HeaderOf(r, "Date"), "Thu, 01 Jan 2026 00:00:00 GMT");  // the manual clock's start
  EXPECT_EQ(HeaderOf(r, "facebook-api-version"), "v23.0");
  EXPECT_EQ(HeaderOf(r, "x-fb-trace-id").size(), 23u);
  EXPECT_EQ(HeaderOf(r, "x-fb-request-id").size(), 23u);
  EXPECT_NE(HeaderOf(r, "x-fb-request-id"), HeaderOf(r, "x-fb-trace-id"));
  EXPECT_FALSE(HeaderOf(r, "x-fb-rev").empty());
  h.clock().Advance(90 * kSecond);
  EXPECT_EQ(HeaderOf(h.Get(D::kPhoneNumberId), "Date"), "Thu, 01 Jan 2026 00:01:30 GMT");
}

TEST(GraphHeadersTest, RequestIdsAreReproducibleForTheSameSeed) {
  PipelineHarness a, b;
  EXPECT_EQ(HeaderOf(a.Get(D::kPhoneNumberId), "x-fb-request-id"),
            HeaderOf(b.Get(D::kPhoneNumberId), "x-fb-request-id"));
}

TEST(GraphHeadersTest, ErrorsCarryTheHeadersToo) {
  PipelineHarness h;
  auto r = h.Get("999999999");
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(HeaderOf(r, "Date").empty());
  EXPECT_FALSE(HeaderOf(r, "x-fb-request-id").empty());
  EXPECT_FALSE(HeaderOf(r, "x-fb-trace-id").empty());
  EXPECT_EQ(HeaderOf(r, "facebook-api-version"), "v23.0");
  // The error's fbtrace_id is the x-fb-trace-id header's.
  EXPECT_EQ(ParseOrDie(r.body)["error"]["fbtrace_id"], HeaderOf(r, "x-fb-trace-id"));
}

TEST(GraphHeadersTest, BusinessUseCaseUsageCountsCallsPerWabaInTheHour) {
  PipelineHarness h;
  // The default WABA has a registered number: 5000 calls per hour (Meta:
  // about-the-platform "Rate limits"); each call is 1% rounded up.
  auto first = h.Get(D::kPhoneNumberId);
  Json usage = ParseOrDie(HeaderOf(first, "x-business-use-case-usage"));
  ASSERT_TRUE(usage.contains(D::kWabaId)) << usage.dump();
  const Json& e = usage[D::kWabaId][0];
  EXPECT_EQ(e["type"], "whatsapp_business_management");
  EXPECT_EQ(e["call_count"], 1);
  EXPECT_EQ(e["total_cputime"], 1);
  EXPECT_EQ(e["total_time"], 1);
  EXPECT_EQ(e["estimated_time_to_regain_access"], 0);
  for (int i = 0; i < 99; ++i) h.Get(D::kWabaId);
  // 101 calls of 5000 = 2.02% -> 3 (rounded up).
  Json after = ParseOrDie(HeaderOf(h.Get(D::kWabaId), "x-business-use-case-usage"));
  EXPECT_EQ(after[D::kWabaId][0]["call_count"], 3);
  // An hour later the window is empty again.
  h.clock().Advance(kHour + kSecond);
  Json later = ParseOrDie(HeaderOf(h.Get(D::kWabaId), "x-business-use-case-usage"));
  EXPECT_EQ(later[D::kWabaId][0]["call_count"], 1);
}

TEST(GraphHeadersTest, WabaWithoutRegisteredNumberHas200CallsPerHour) {
  PipelineHarness h(
      DefaultWorld().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.registered = false; }));
  h.Get(D::kWabaId);
  Json usage = ParseOrDie(HeaderOf(h.Get(D::kWabaId), "x-business-use-case-usage"));
  EXPECT_EQ(usage[D::kWabaId][0]["call_count"], 1);  // 2 of 200
  for (int i = 0; i < 2; ++i) h.Get(D::kWabaId);
  usage = ParseOrDie(HeaderOf(h.Get(D::kWabaId), "x-business-use-case-usage"));
  EXPECT_EQ(usage[D::kWabaId][0]["call_count"], 3);  // 5 of 200 = 2.5% -> 3
}

TEST(GraphHeadersTest, NoUsageHeaderWithoutAWabaObject) {
  PipelineHarness h;
  EXPECT_EQ(HeaderOf(h.Get("999999999"), "x-business-use-case-usage"), "");
  EXPECT_EQ(HeaderOf(h.Get(D::kPhoneNumberId, "bad-token"), "x-business-use-case-usage"), "");
}

TEST(GraphHeadersTest, TokenErrorsSayInvalidTokenInWwwAuthenticate) {
  PipelineHarness h;
  auto r = h.Get(D::kPhoneNumberId, "not-a-token");
  EXPECT_GRAPH_ERROR(r, 190);
  EXPECT_EQ(HeaderOf(r, "WWW-Authenticate"),
            "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token - Cannot parse "
            "access token\"");
  auto other = h.Get("999999999");
  EXPECT_EQ(HeaderOf(other, "WWW-Authenticate").rfind("OAuth \"Facebook Platform\" \"invalid_request\" ", 0),
            0u);
}

TEST(GraphHeadersTest, ExpiredTokenIsWordedAsGraphWordsIt) {
  // Expires 2026-01-01T00:00:30Z (16:00:30 PST on Dec 31); called at 00:01:30Z.
  PipelineHarness h(DefaultWorld().Add([] {
    AccessToken t;
    t.token = "EAAexpiring";
    t.app_id = D::kAppId;
    t.waba_ids = {D::kWabaId};
    t.expires_at = kDefaultManualStart + 30 * kSecond;
    return t;
  }()));
  h.clock().Advance(90 * kSecond);
  auto r = h.Get(D::kPhoneNumberId, "EAAexpiring");
  EXPECT_EQ(r.status, 401);
  Json e = ParseOrDie(r.body)["error"];
  EXPECT_EQ(e["code"], 190);
  EXPECT_EQ(e["error_subcode"], 463);
  EXPECT_EQ(
      e["message"],
      "Error validating access token: Session has expired on Wednesday, 31-Dec-25 16:00:30 PST. The current "
      "time is Wednesday, 31-Dec-25 16:01:30 PST.");
  EXPECT_EQ(HeaderOf(r, "WWW-Authenticate"),
            "OAuth \"Facebook Platform\" \"invalid_token\" \"" + e["message"].get<std::string>() + "\"");
}

TEST(GraphVersionServingTest, ExpiredVersionIsServedAsTheOldestLiveOne) {
  PipelineHarness h;
  // The manual clock starts 2026-01-01: v18.0 (expires 2026-01-26) is the oldest live version.
  auto r = GetPath(h, std::string("/v17.0/") + D::kPhoneNumberId);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(HeaderOf(r, "facebook-api-version"), "v18.0");
  h.clock().Advance(30 * kDay);  // 2026-01-31: v18.0 has expired too
  EXPECT_EQ(HeaderOf(GetPath(h, std::string("/v18.0/") + D::kPhoneNumberId), "facebook-api-version"),
            "v19.0");
  EXPECT_EQ(HeaderOf(GetPath(h, std::string("/v19.0/") + D::kPhoneNumberId), "facebook-api-version"),
            "v19.0");
}

TEST(GraphVersionServingTest, UnknownVersionIsAnUnknownPath) {
  PipelineHarness h;
  auto r = GetPath(h, std::string("/v99.0/") + D::kPhoneNumberId);
  EXPECT_GRAPH_ERROR(r, 2500);
  EXPECT_EQ(ParseOrDie(r.body)["error"]["message"],
            std::string("Unknown path components: /") + D::kPhoneNumberId);
  // v25.0 is released 2026-02-18; the clock is at 2026-01-01.
  EXPECT_GRAPH_ERROR(GetPath(h, std::string("/v25.0/") + D::kPhoneNumberId), 2500);
  h.clock().Advance(48 * kDay);
  EXPECT_EQ(GetPath(h, std::string("/v25.0/") + D::kPhoneNumberId).status, 200);
}

TEST(GraphVersionServingTest, UpgradedVersionDecidesVersionGatedFields) {
  // v24.0+ only: whatsapp_business_manager_messaging_limit. A v23.0 call
  // upgraded past v23.0's expiry (2027-10-08) is served v24.0 and has it.
  PipelineHarness h;
  const std::string path = std::string("/v23.0/") + D::kPhoneNumberId;
  HttpRequest r;
  r.method = "GET";
  r.path = path;
  r.query.emplace("fields", "whatsapp_business_manager_messaging_limit");
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  EXPECT_GRAPH_ERROR(h.Send(r), 100);
  h.clock().Advance(*ParseIso8601("2027-10-08T00:00:00Z") - kDefaultManualStart);
  auto later = h.Send(r);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(HeaderOf(later, "facebook-api-version"), "v24.0");
  EXPECT_EQ(ParseOrDie(later.body)["whatsapp_business_manager_messaging_limit"], "TIER_250");
}

}  // namespace
}  // namespace wasim::testing
