// GET/POST /{phone-number-id}/whatsapp_business_profile through the pipeline:
// Meta's {"data":[{...,"messaging_product":"whatsapp"}]} shape, ?fields=,
// POST then GET, refused bodies change nothing, tenant boundary.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

const std::string kProfile = std::string(D::kPhoneNumberId) + "/whatsapp_business_profile";

std::vector<std::string> BpKeysOf(const Json& j) {
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  return keys;
}

Json BpProfileOf(PipelineHarness& h, const std::string& query = "") {
  auto r = h.Get(kProfile + query);
  EXPECT_EQ(r.status, 200) << r.body;
  Json j = ParseOrDie(r.body);
  EXPECT_EQ(BpKeysOf(j), std::vector<std::string>{"data"}) << r.body;
  EXPECT_EQ(j["data"].size(), 1u) << r.body;
  return j["data"][0];
}

TEST(BusinessProfileHandlersTest, GetWithoutFieldsSendsTheDefaultFieldsThenMessagingProduct) {
  PipelineHarness h;
  Json p = BpProfileOf(h);
  // The default world has no picture: profile_picture_url is left out.
  EXPECT_EQ(BpKeysOf(p), (std::vector<std::string>{"about", "address", "description", "email", "websites",
                                                   "vertical", "messaging_product"}));
  EXPECT_EQ(p["about"], "Succulent specialists!");
  EXPECT_EQ(p["websites"], Json::parse(R"(["https://www.luckyshrub.com/"])"));
  EXPECT_EQ(p["vertical"], "RETAIL");
  EXPECT_EQ(p["messaging_product"], "whatsapp");
}

TEST(BusinessProfileHandlersTest, FieldsPicksTheFieldsInTheOrderAskedPlusMessagingProduct) {
  PipelineHarness h;
  Json p = BpProfileOf(h, "?fields=vertical,about");
  EXPECT_EQ(p,
            Json::parse(
                R"({"vertical":"RETAIL","about":"Succulent specialists!","messaging_product":"whatsapp"})"));
  Json q = BpProfileOf(h, "?fields=messaging_product,email");
  EXPECT_EQ(BpKeysOf(q), (std::vector<std::string>{"messaging_product", "email"}));
}

TEST(BusinessProfileHandlersTest, UnknownFieldIsGraphsNonexistingFieldError) {
  PipelineHarness h;
  auto r = h.Get(kProfile + "?fields=about,verified_name");
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      ParseOrDie(r.body)["error"]["message"],
      "(#100) Tried accessing nonexisting field (verified_name) on node type (WhatsAppBusinessProfile)");
}

TEST(BusinessProfileHandlersTest, PostThenGetShowsTheNewValuesAndKeepsTheOthers) {
  PipelineHarness h;
  std::string handle = h.UploadHandle();
  ASSERT_FALSE(handle.empty());
  auto r = h.Post(kProfile, R"({"messaging_product":"whatsapp","about":"Cacti too!",)"
                            R"("websites":["https://a.example","https://b.example"],"vertical":"GROCERY",)"
                            R"("profile_picture_handle":")" +
                                handle + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ParseOrDie(r.body), Json::parse(R"({"success":true})"));
  Json p = BpProfileOf(h);
  EXPECT_EQ(p["about"], "Cacti too!");
  EXPECT_EQ(p["websites"], Json::parse(R"(["https://a.example","https://b.example"])"));
  EXPECT_EQ(p["vertical"], "GROCERY");
  EXPECT_EQ(p["address"], "1 Hacker Way, Menlo Park, CA 94025");  // not sent: unchanged
  const std::string url = p["profile_picture_url"];
  EXPECT_EQ(url.rfind("https://pps.whatsapp.net/", 0), 0u) << url;
  EXPECT_EQ(BpKeysOf(p),
            (std::vector<std::string>{"about", "address", "description", "email", "profile_picture_url",
                                      "websites", "vertical", "messaging_product"}));
}

TEST(BusinessProfileHandlersTest, FormPostTakesWebsitesAsAJsonStringAsInMetasExample) {
  PipelineHarness h;
  auto r = h.Post(
      kProfile,
      "messaging_product=whatsapp&about=Form%20about&websites=%5B%22https%3A%2F%2Fwww.luckyshrub.com%22%5D",
      D::kAccessToken, "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 200) << r.body;
  Json p = BpProfileOf(h);
  EXPECT_EQ(p["about"], "Form about");
  EXPECT_EQ(p["websites"], Json::parse(R"(["https://www.luckyshrub.com"])"));
}

TEST(BusinessProfileHandlersTest, EveryRefusedBodyIs100AndChangesNothing) {
  PipelineHarness h;
  const Json before = BpProfileOf(h);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"about":"x"})", "(#100) The parameter messaging_product is required."},
      {R"({"messaging_product":"sms","about":"x"})",
       "(#100) Param messaging_product must be one of {WHATSAPP} - got \"sms\"."},
      {R"({"messaging_product":"whatsapp","about":")" + std::string(140, 'a') + "\"}",
       "(#100) Param about must be at most 139 characters long."},
      {R"({"messaging_product":"whatsapp","about":""})",
       "(#100) Param about must be at least 1 characters long."},
      {R"({"messaging_product":"whatsapp","about":"ok","address":")" + std::string(257, 'a') + "\"}",
       "(#100) Param address must be at most 256 characters long."},
      {R"({"messaging_product":"whatsapp","description":")" + std::string(257, 'a') + "\"}",
       "(#100) Param description must be at most 256 characters long."},
      {R"({"messaging_product":"whatsapp","email":"not-an-email"})",
       "(#100) Param email must be a valid email address."},
      {R"({"messaging_product":"whatsapp","websites":["https://a.example","https://b.example","https://c.example"]})",
       "(#100) Param websites must contain at most 2 elements."},
      {R"({"messaging_product":"whatsapp","websites":["www.luckyshrub.com"]})",
       "(#100) Param websites[0] must be a valid URL."},
      {R"({"messaging_product":"whatsapp","about":"ok","vertical":"SHOES"})", ""},
      {R"({"messaging_product":"whatsapp","profile_picture_handle":""})",
       "(#100) Param profile_picture_handle must be at least 1 characters long."},
  };
  for (const auto& [body, message] : cases) {
    auto r = h.Post(kProfile, body);
    EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter) << body;
    EXPECT_EQ(r.status, 400) << body;
    const std::string got = ParseOrDie(r.body)["error"]["message"];
    if (!message.empty()) {
      EXPECT_EQ(got, message) << body;
    } else {
      EXPECT_NE(got.find("Param vertical must be one of {"), std::string::npos) << got;
    }
    EXPECT_EQ(BpProfileOf(h), before) << "changed by " << body;
  }
}

TEST(BusinessProfileHandlersTest, AnotherTenantsTokenSeesNoSuchObject) {
  PipelineHarness h;
  Waba w;
  w.id = "200000000000001";
  w.business_id = D::kBusinessId;
  AccessToken t;
  t.token = "EAAforeignProfileToken";
  t.app_id = D::kAppId;
  t.waba_ids = {w.id};
  EditWorld(h.sim(), WorldBuilder().Add(w).Add(t));
  const Json before = BpProfileOf(h);
  for (const auto& r :
       {h.Get(kProfile, t.token),
        h.Post(kProfile, R"({"messaging_product":"whatsapp","about":"Hijacked"})", t.token)}) {
    EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
    EXPECT_EQ(ParseOrDie(r.body)["error"]["error_subcode"], 33) << r.body;
  }
  EXPECT_EQ(BpProfileOf(h), before);
}

// Meta (business-profiles.mdx): the picture handle comes from the Resumable
// Upload API; an unknown handle or a non-image upload is refused, changing nothing.
TEST(BusinessProfileHandlersTest, ThePictureHandleMustBeAnUploadedImage) {
  PipelineHarness h;
  const Json before = BpProfileOf(h);
  auto unknown =
      h.Post(kProfile, R"({"messaging_product":"whatsapp","about":"x","profile_picture_handle":"4::aW..."})");
  EXPECT_GRAPH_ERROR(unknown, 100);
  EXPECT_NE(ParseOrDie(unknown.body)["error"]["message"].get<std::string>().find("Resumable Upload API"),
            std::string::npos)
      << unknown.body;
  std::string pdf = h.UploadHandle("application/pdf", "%PDF-1.4");
  ASSERT_FALSE(pdf.empty());
  auto not_image = h.Post(
      kProfile, R"({"messaging_product":"whatsapp","about":"x","profile_picture_handle":")" + pdf + R"("})");
  EXPECT_GRAPH_ERROR(not_image, 100);
  EXPECT_EQ(BpProfileOf(h), before);
}

}  // namespace
}  // namespace wasim::testing
