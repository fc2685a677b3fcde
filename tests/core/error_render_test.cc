#include "simulator/core/error_render.h"

#include <gtest/gtest.h>

#include <set>

#include "simulator/core/error_json.h"

namespace wasim {
namespace {

TEST(ErrorRenderTest, WhatsAppErrorMatchesMetasDocumentedEnvelope) {
  // Meta's error-codes page example, byte for byte (fbtrace id supplied).
  GraphError e = MakeError(ErrorCode::kThroughputRateLimit);
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(
      DumpMeta(RenderHttpError(e, "Az8or2yhqkZfEZ-_4Qn_Bam")),
      R"({"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,)"
      R"("error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},)"
      R"("error_subcode":2494055,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}})");
}

TEST(ErrorRenderTest, CapturedAccountNotRegisteredWording) {
  // Captured: {"error":{"message":"(#133010) Account not
  // registered","type":"OAuthException","code":133010,...}}
  GraphError e = MakeError(ErrorCode::kNotRegistered);
  Json j = RenderHttpError(e, "t");
  EXPECT_EQ(j["error"]["message"], "(#133010) Account not registered");
  EXPECT_EQ(e.http_status, 400);
}

TEST(ErrorRenderTest, GraphAuthErrorsHaveNoCodePrefixNorErrorData) {
  Json j = RenderHttpError(NoAccessTokenError(), "t");
  EXPECT_EQ(
      DumpMeta(j),
      R"({"error":{"message":"An access token is required to request this resource.","type":"OAuthException","code":104,"fbtrace_id":"t"}})");
  GraphError expired = ExpiredTokenError("2026-01-01T00:00:00.000Z");
  Json k = RenderHttpError(expired, "t");
  EXPECT_EQ(k["error"]["code"], 190);
  EXPECT_EQ(k["error"]["error_subcode"], 463);
  EXPECT_EQ(expired.http_status, 401);
  EXPECT_FALSE(k["error"].contains("error_data"));
}

TEST(ErrorRenderTest, UnknownObjectIsGraphMethodExceptionSubcode33) {
  Json j = RenderHttpError(UnknownObjectError("get", "123"), "t");
  EXPECT_EQ(j["error"]["type"], "GraphMethodException");
  EXPECT_EQ(j["error"]["code"], 100);
  EXPECT_EQ(j["error"]["error_subcode"], 33);
  EXPECT_EQ(
      j["error"]["message"].get<std::string>().rfind("Unsupported get request. Object with ID '123'", 0), 0u);
}

TEST(ErrorRenderTest, WebhookErrorMatchesCapturedStatusWebhook) {
  // Captured status webhook (fbsamples/whatsapp-business-jaspers-market#1).
  Json j = RenderWebhookError(MakeError(ErrorCode::kAccountLocked));
  EXPECT_EQ(
      DumpMeta(j),
      R"({"code":131031,"title":"Business Account locked","message":"Business Account locked",)"
      R"("error_data":{"details":"Business account has been locked."},)"
      R"("href":"https:\/\/developers.facebook.com\/docs\/whatsapp\/cloud-api\/support\/error-codes\/"})");
}

TEST(ErrorRenderTest, InternalFaultsAnswerAsMetasUnknownError) {
  // The pipeline's last-resort answer to a bug: Meta's 131000, HTTP 500, never a crash.
  GraphError e = MakeError(ErrorCode::kSomethingWentWrong, "Internal error: boom");
  EXPECT_EQ(e.http_status, 500);
  Json j = RenderHttpError(e, "t");
  EXPECT_EQ(j["error"]["message"], "(#131000) Something went wrong");
  EXPECT_EQ(j["error"]["error_data"]["details"], "Internal error: boom");
}

TEST(ErrorCatalogTest, EveryCodeHasOneRowWithAStatusAndTitle) {
  std::set<int> seen;
  for (const auto& spec : ErrorCatalog()) {
    int code = static_cast<int>(spec.code);
    EXPECT_TRUE(seen.insert(code).second) << "duplicate row " << code;
    EXPECT_FALSE(spec.title.empty()) << code;
    EXPECT_TRUE(spec.http_status == 400 || spec.http_status == 401 || spec.http_status == 403 ||
                spec.http_status == 404 || spec.http_status == 500 || spec.http_status == 503)
        << code;
  }
  // Statuses Meta's table gives that differ from 400.
  EXPECT_EQ(SpecFor(ErrorCode::kTemplateDoesNotExist).http_status, 404);
  EXPECT_EQ(SpecFor(ErrorCode::kApiMethod).http_status, 500);
  EXPECT_EQ(SpecFor(ErrorCode::kApiService).http_status, 503);
  EXPECT_EQ(SpecFor(ErrorCode::kPermissionDenied).http_status, 403);
  EXPECT_EQ(SpecFor(ErrorCode::kCountryRestricted).http_status, 403);
}

TEST(ErrorRenderTest, ATemplateManagementErrorKeepsItsShapeThroughJson) {
  GraphError e = MakeError(ErrorCode::kTemplateBodyFormat);
  ASSERT_EQ(e.flavor, ErrorFlavor::kSubcode);
  std::string why;
  auto back = GraphErrorFromJson(GraphErrorToJson(e), &why);
  ASSERT_TRUE(back) << why;
  EXPECT_EQ(RenderHttpError(*back, "T"), RenderHttpError(e, "T"));
  EXPECT_EQ(RenderHttpError(e, "T")["error"]["code"], 100);
}

}  // namespace
}  // namespace wasim
