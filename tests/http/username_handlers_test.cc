// Business usernames over the Graph pipeline (Meta: business-scoped-user-ids.mdx):
// the shapes of POST/GET/DELETE /{phone-number-id}/username, DELETE
// /{phone-number-id}/requested_username and GET
// /{phone-number-id}/username_suggestions, and the review on the clock.
#include <gtest/gtest.h>

#include "tests/support/fact_tap.h"
#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

const std::string kUsername = std::string(D::kPhoneNumberId) + "/username";

HttpResponse UsernameDelete(PipelineHarness& h, const std::string& edge) {
  HttpRequest del;
  del.method = "DELETE";
  del.path = "/v23.0/" + std::string(D::kPhoneNumberId) + "/" + edge;
  del.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  return h.Send(del);
}

void VerifyBusiness(PipelineHarness& h) {
  EditWorld(h.sim(), WorldBuilder().EditBusiness(D::kBusinessId, [](Business& b) { b.verified = true; }));
}

TEST(UsernameHandlersTest, RequestReviewAndReadBackInMetasShapes) {
  PipelineHarness h;
  VerifyBusiness(h);
  auto none = h.Get(kUsername);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(ParseOrDie(none.body), Json::parse(R"({"username":""})"));

  auto posted = h.Post(kUsername, R"({"username":"jaspersmarket"})");
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(ParseOrDie(posted.body), Json::parse(R"({"status":"PENDING"})"));
  EXPECT_EQ(ParseOrDie(h.Get(kUsername).body),
            Json::parse(R"({"username":"","requested_username":"jaspersmarket"})"));

  auto again = h.Post(kUsername, R"({"username":"jaspers_store"})");
  EXPECT_EQ(ParseOrDie(again.body),
            Json::parse(R"({"status":"REJECTED","rejection_reasons":["EXISTING_PENDING_REQUEST"]})"));

  FactTap tap(h.sim());
  h.sim().AdvanceBy(24 * kHour);
  EXPECT_EQ(tap.ManagementValues("phone_number_username_update").size(), 1u);
  EXPECT_EQ(ParseOrDie(h.Get(kUsername).body),
            Json::parse(R"({"username":"jaspersmarket","status":"ACTIVE"})"));

  auto deleted = UsernameDelete(h, "username");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(ParseOrDie(deleted.body), Json::parse(R"({"success":true})"));
  EXPECT_EQ(ParseOrDie(UsernameDelete(h, "username").body), Json::parse(R"({"success":false})"));
}

TEST(UsernameHandlersTest, CancellingTheRequestedUsername) {
  PipelineHarness h;
  VerifyBusiness(h);
  ASSERT_EQ(h.Post(kUsername, R"({"username":"jaspersmarket"})").status, 200);
  EXPECT_EQ(ParseOrDie(UsernameDelete(h, "requested_username").body), Json::parse(R"({"success":true})"));
  EXPECT_EQ(ParseOrDie(UsernameDelete(h, "requested_username").body), Json::parse(R"({"success":false})"));
  EXPECT_EQ(ParseOrDie(h.Get(kUsername).body), Json::parse(R"({"username":""})"));
}

TEST(UsernameHandlersTest, AnUnverifiedBusinessIsIneligible) {
  PipelineHarness h;
  auto r = h.Post(kUsername, R"({"username":"jaspersmarket"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body),
            Json::parse(R"({"status":"REJECTED","rejection_reasons":["ACCOUNT_INELIGIBLE"]})"));
}

TEST(UsernameHandlersTest, AMissingOrMalformedUsernameIsAnInvalidParameter) {
  PipelineHarness h;
  VerifyBusiness(h);
  EXPECT_GRAPH_ERROR(h.Post(kUsername, R"({})"), ErrorCode::kInvalidParameter);
  EXPECT_GRAPH_ERROR(h.Post(kUsername, R"({"username":7})"), ErrorCode::kInvalidParameter);
  auto bad = h.Post(kUsername, R"({"username":"jaspers.com"})");
  EXPECT_GRAPH_ERROR(bad, ErrorCode::kInvalidParameter);
  EXPECT_NE(bad.body.find("domain"), std::string::npos) << bad.body;
}

TEST(UsernameHandlersTest, SuggestionsComeInMetasDataShape) {
  PipelineHarness h;
  auto r = h.Get(std::string(D::kPhoneNumberId) + "/username_suggestions");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body), Json::parse(R"({"data":[{"username_suggestions":["wasimtestbusiness"]}]})"));
}

}  // namespace
}  // namespace wasim::testing
