// Inbound media webhooks carry the media's URL (Meta, changelog 2025-10-16;
// webhooks/reference/messages/image): the app downloads it with its token,
// straight from the webhook, without GET /{media-id} first.
#include <gtest/gtest.h>

#include "simulator/core/ids.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

ServeConfig InboundConfig(const std::string& url) {
  ServeConfig c;
  c.webhook_url = url;
  c.app_secret = "media-url-secret";
  c.verify_token = "vt";
  c.webhook_timeout_ms = 2000;
  return c;
}

Json InboundImage(const std::string& bytes) {
  return {{"from", D::kCustomerWaId},
          {"phone_number_id", D::kPhoneNumberId},
          {"type", "image"},
          {"image", {{"mime_type", "image/jpeg"}, {"caption", "Taj Mahal"}, {"data", Base64Encode(bytes)}}}};
}

// The `image` object of the first messages webhook with one.
Json ImageOf(WebhookReceiver& rx) {
  for (const auto& p : rx.posts()) {
    Json j = Json::parse(p.body);
    const Json& v = j["entry"][0]["changes"][0]["value"];
    if (v.contains("messages") && v["messages"][0].contains("image")) return v["messages"][0]["image"];
  }
  return Json();
}

TEST(InboundMediaUrlTest, TheWebhooksUrlDownloadsTheCustomersBytesWithTheToken) {
  WebhookReceiver rx;
  LoopbackServer server(InboundConfig(rx.url()));
  std::string photo = "\xFF\xD8\xFF a customer's photo";
  auto posted = server.client().Post("/_sim/inbound", InboundImage(photo).dump(), "application/json");
  ASSERT_EQ(posted->status, 200) << posted->body;
  Json image = ImageOf(rx);
  ASSERT_TRUE(image.is_object()) << "no image webhook";
  // Meta's key order: caption, mime_type, sha256, id, url.
  std::vector<std::string> keys;
  for (const auto& [k, v] : image.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"caption", "mime_type", "sha256", "id", "url"}));
  std::string url = image["url"];
  std::string prefix =
      server.base() + "/whatsapp_business/attachments/?mid=" + image["id"].get<std::string>();
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;

  std::string path = url.substr(server.base().size());
  auto dl = server.client().Get(path.c_str(), {{"Authorization", std::string("Bearer ") + D::kAccessToken}});
  ASSERT_EQ(dl->status, 200);
  EXPECT_EQ(dl->body, photo);
  EXPECT_EQ(server.client().Get(path.c_str())->status, 404);  // Meta: the token is required

  // Assumption: the URL lives as long as the media id (Meta: 7 days), then 404.
  ASSERT_EQ(server.Advance("6d23h")->status, 200);
  EXPECT_EQ(server.client()
                .Get(path.c_str(), {{"Authorization", std::string("Bearer ") + D::kAccessToken}})
                ->status,
            200);
  ASSERT_EQ(server.Advance("1h")->status, 200);
  EXPECT_EQ(server.client()
                .Get(path.c_str(), {{"Authorization", std::string("Bearer ") + D::kAccessToken}})
                ->status,
            404);
}

TEST(InboundMediaUrlTest, APublicUrlNamesTheHostAppsReachUsAt) {
  WebhookReceiver rx;
  ServeConfig c = InboundConfig(rx.url());
  c.public_url = "http://wasim.test:9999/";
  LoopbackServer server(c);
  ASSERT_EQ(
      server.client().Post("/_sim/inbound", InboundImage("\xFF\xD8\xFF").dump(), "application/json")->status,
      200);
  std::string url = ImageOf(rx)["url"];
  EXPECT_EQ(url.rfind("http://wasim.test:9999/whatsapp_business/attachments/?mid=", 0), 0u) << url;
  // A reset (or a scenario load) keeps it: it is not part of the world.
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  std::string after;
  server.sim().WithLock([&](Ctx& ctx) { after = ctx.state.public_base_url; });
  EXPECT_EQ(after, "http://wasim.test:9999");
}

}  // namespace
}  // namespace wasim::testing
