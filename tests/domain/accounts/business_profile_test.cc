// Business profile updates: OpenAPI's limits (WhatsAppBusinessProfileUpdateRequest),
// only the fields sent change, and a refused body changes nothing.
#include "simulator/domain/accounts/business_profile.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/uploads/service.h"
#include "simulator/domain/world/default_world.h"

namespace wasim::accounts {
namespace {

using D = DefaultIds;

Json BpBody(const std::string& extra_json_fields) {
  return Json::parse(R"({"messaging_product":"whatsapp")" +
                     (extra_json_fields.empty() ? "" : "," + extra_json_fields) + "}");
}

std::string BpErrorOf(const Json& body) {
  auto r = ParseBusinessProfileUpdate(body);
  if (r) return "";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(r.error().http_status, 400);
  return r.error().message;
}

TEST(BusinessProfileRulesTest, MessagingProductIsRequiredAndMustBeWhatsapp) {
  EXPECT_EQ(BpErrorOf(Json::parse(R"({"about":"x"})")),
            "(#100) The parameter messaging_product is required.");
  EXPECT_EQ(BpErrorOf(Json::parse(R"({"messaging_product":"instagram"})")),
            "(#100) Param messaging_product must be one of {WHATSAPP} - got \"instagram\".");
  EXPECT_EQ(BpErrorOf(BpBody("")), "");
}

TEST(BusinessProfileRulesTest, AboutIsOneTo139Characters) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("about":")" + std::string(139, 'a') + "\"")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("about":")" + std::string(140, 'a') + "\"")),
            "(#100) Param about must be at most 139 characters long.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("about":"")")), "(#100) Param about must be at least 1 characters long.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("about":5)")), "(#100) Param about must be a string.");
}

TEST(BusinessProfileRulesTest, LengthsCountCharactersNotBytes) {
  // 139 two-byte characters are 139 characters.
  std::string about;
  for (int i = 0; i < 139; ++i) about += "\xC3\xA9";
  Json body = BpBody("");
  body["about"] = about;
  EXPECT_EQ(BpErrorOf(body), "");
}

TEST(BusinessProfileRulesTest, AddressDescriptionAndEmailLimits) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("address":")" + std::string(256, 'a') + "\"")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("address":")" + std::string(257, 'a') + "\"")),
            "(#100) Param address must be at most 256 characters long.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("description":")" + std::string(256, 'a') + "\"")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("description":")" + std::string(257, 'a') + "\"")),
            "(#100) Param description must be at most 256 characters long.");
  const std::string local(128 - std::string("@x.io").size(), 'a');
  EXPECT_EQ(BpErrorOf(BpBody(R"("email":")" + local + "@x.io\"")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("email":")" + local + "a@x.io\"")),
            "(#100) Param email must be at most 128 characters long.");
}

TEST(BusinessProfileRulesTest, EmailMustLookLikeAnAddress) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("email":"lucky@luckyshrub.com")")), "");
  for (const char* bad : {"lucky", "@luckyshrub.com", "lucky@", "lucky@shrub", "a@b@c.com", "lu cky@x.com"})
    EXPECT_EQ(BpErrorOf(BpBody(std::string(R"("email":")") + bad + "\"")),
              "(#100) Param email must be a valid email address.")
        << bad;
}

TEST(BusinessProfileRulesTest, AtMostTwoHttpWebsitesOf256Characters) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":["https://a.example","http://b.example/x"])")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":["https://a.example","https://b.example","https://c.example"])")),
            "(#100) Param websites must contain at most 2 elements.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":["ftp://a.example"])")),
            "(#100) Param websites[0] must be a valid URL.");
  const std::string long_url = "https://a.example/" + std::string(256 - 18 + 1, 'p');
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":["https://ok.example",")" + long_url + "\"]")),
            "(#100) Param websites[1] must be at most 256 characters long.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":"https://a.example")")),
            "(#100) Param websites must be an array.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("websites":[7])")), "(#100) Param websites[0] must be a string.");
}

TEST(BusinessProfileRulesTest, WebsitesMayComeAsAJsonStringAsInMetasExample) {
  // Meta's example request: "websites": "[\n  \"https://www.luckyshrub.com\"\n]".
  auto r = ParseBusinessProfileUpdate(BpBody(R"("websites":"[\n  \"https://www.luckyshrub.com\"\n]")"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->websites, std::vector<std::string>{"https://www.luckyshrub.com"});
}

TEST(BusinessProfileRulesTest, VerticalIsOneOfMetasEnum) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("vertical":"RETAIL")")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("vertical":"OTC_DRUGS")")), "");
  const std::string err = BpErrorOf(BpBody(R"("vertical":"retail")"));
  EXPECT_EQ(err.rfind("(#100) Param vertical must be one of {OTHER, AUTO, ", 0), 0u) << err;
  EXPECT_NE(err.find("OTC_DRUGS} - got \"retail\"."), std::string::npos) << err;
  EXPECT_EQ(BusinessVerticals().size(), 21u);
}

TEST(BusinessProfileRulesTest, ProfilePictureHandleIsANonEmptyString) {
  EXPECT_EQ(BpErrorOf(BpBody(R"("profile_picture_handle":"4::aW...")")), "");
  EXPECT_EQ(BpErrorOf(BpBody(R"("profile_picture_handle":"")")),
            "(#100) Param profile_picture_handle must be at least 1 characters long.");
  EXPECT_EQ(BpErrorOf(BpBody(R"("profile_picture_handle":{})")),
            "(#100) Param profile_picture_handle must be a string.");
}

class BusinessProfileUpdateTest : public ::testing::Test {
 protected:
  BusinessProfileUpdateTest() {
    Simulator::Options o;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  Status Update(const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) { return UpdateBusinessProfile(ctx, D::kPhoneNumberId, body); });
  }
  // A handle from the Resumable Upload API (both steps).
  std::string Uploaded(const std::string& type = "image/png") {
    return sim_->WithLock([&](Ctx& ctx) {
      auto id = uploads::StartSession(ctx, D::kAppId, Json{{"file_length", "4"}, {"file_type", type}});
      if (!id) return std::string();
      auto done = uploads::Append(ctx, *id, std::string("0"), "DATA");
      return done ? done->handle : std::string();
    });
  }
  BusinessProfile Profile() {
    return sim_->WithLock(
        [](Ctx& ctx) { return ctx.state.accounts.FindPhone(D::kPhoneNumberId)->business_profile; });
  }
  std::unique_ptr<Simulator> sim_;
};

TEST_F(BusinessProfileUpdateTest, OnlyTheFieldsSentChange) {
  const BusinessProfile before = Profile();
  ASSERT_EQ(before.vertical, "RETAIL");
  ASSERT_TRUE(Update(BpBody(R"("about":"New about","vertical":"RESTAURANT","websites":[])")));
  const BusinessProfile after = Profile();
  EXPECT_EQ(after.about, "New about");
  EXPECT_EQ(after.vertical, "RESTAURANT");
  EXPECT_TRUE(after.websites.empty());
  EXPECT_EQ(after.address, before.address);
  EXPECT_EQ(after.description, before.description);
  EXPECT_EQ(after.email, before.email);
}

TEST_F(BusinessProfileUpdateTest, AHandleBecomesAStablePictureUrlPerHandle) {
  const std::string one = Uploaded(), two = Uploaded("image/jpeg");
  ASSERT_FALSE(one.empty());
  ASSERT_NE(one, two);
  ASSERT_TRUE(Update(BpBody(R"("profile_picture_handle":")" + one + "\"")));
  const std::string first = Profile().profile_picture_url;
  EXPECT_EQ(first, ProfilePictureUrl(D::kPhoneNumberId, one));
  EXPECT_EQ(first.rfind("https://pps.whatsapp.net/", 0), 0u) << first;
  ASSERT_TRUE(Update(BpBody(R"("profile_picture_handle":")" + two + "\"")));
  EXPECT_NE(Profile().profile_picture_url, first);
}

TEST_F(BusinessProfileUpdateTest, AnUnknownOrNonImageHandleIsRefusedAndChangesNothing) {
  const BusinessProfile before = Profile();
  EXPECT_FALSE(Update(BpBody(R"("about":"Changed","profile_picture_handle":"4::aW...")")));
  const std::string pdf = Uploaded("application/pdf");
  ASSERT_FALSE(pdf.empty());
  EXPECT_FALSE(Update(BpBody(R"("about":"Changed","profile_picture_handle":")" + pdf + "\"")));
  EXPECT_EQ(Profile().about, before.about);
  EXPECT_EQ(Profile().profile_picture_url, before.profile_picture_url);
}

TEST_F(BusinessProfileUpdateTest, ARefusedBodyChangesNothingEvenWhenEarlierFieldsWereValid) {
  const BusinessProfile before = Profile();
  // about and address are valid; the third website fails the body.
  auto s = Update(BpBody(
      R"("about":"Changed","address":"Elsewhere","websites":["https://a.example","https://b.example","https://c.example"])"));
  ASSERT_FALSE(s);
  const BusinessProfile after = Profile();
  EXPECT_EQ(after.about, before.about);
  EXPECT_EQ(after.address, before.address);
  EXPECT_EQ(after.websites, before.websites);
}

}  // namespace
}  // namespace wasim::accounts
