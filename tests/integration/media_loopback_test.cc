// Media over real HTTP on loopback: multipart upload, GET, download with the
// bearer token (bytes and sha256 match), 404s, URL and id lifetimes, delete.
#include <gtest/gtest.h>

#include "simulator/core/hmac.h"
#include "simulator/core/ids.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

httplib::Headers Bearer(const std::string& token = D::kAccessToken) {
  return {{"Authorization", "Bearer " + token}};
}

std::string UrlPath(const std::string& url) {  // "http://host:port/x?y" -> "/x?y"
  return url.substr(url.find('/', std::string("http://").size()));
}

std::string Upload(LoopbackServer& s, const std::string& bytes, const std::string& mime) {
  httplib::MultipartFormDataItems items = {{"messaging_product", "whatsapp", "", ""},
                                           {"file", bytes, "picture.png", mime}};
  auto r = s.client().Post(("/v23.0/" + std::string(D::kPhoneNumberId) + "/media").c_str(), Bearer(), items);
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  return ParseOrDie(r->body).value("id", std::string());
}

TEST(MediaLoopbackTest, UploadGetDownloadAndDelete) {
  LoopbackServer server;
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes += std::string("\x00\x01\x02\xff binary \x00 tail", 16);
  std::string id = Upload(server, bytes, "image/png");
  ASSERT_FALSE(id.empty());

  auto meta = server.GetGraph(id);
  ASSERT_EQ(meta->status, 200) << meta->body;
  Json j = ParseOrDie(meta->body);
  EXPECT_EQ(j["mime_type"], "image/png");
  EXPECT_EQ(j["file_size"], std::to_string(bytes.size()));
  EXPECT_EQ(j["sha256"], Sha256Hex(bytes));
  std::string url = j["url"];
  EXPECT_EQ(url.rfind(server.base() + "/whatsapp_business/attachments/?mid=" + id, 0), 0u) << url;

  auto dl = server.client().Get(UrlPath(url).c_str(), Bearer());
  ASSERT_TRUE(dl);
  ASSERT_EQ(dl->status, 200);
  EXPECT_EQ(dl->body, bytes);
  EXPECT_EQ(Sha256Hex(dl->body), j["sha256"]);
  EXPECT_EQ(dl->get_header_value("Content-Type"), "image/png");

  auto anonymous = server.client().Get(UrlPath(url).c_str());
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 404);  // Meta: without the token the download fails

  auto del = server.client().Delete(("/v23.0/" + id).c_str(), Bearer());
  ASSERT_EQ(del->status, 200) << del->body;
  EXPECT_EQ(ParseOrDie(del->body)["success"], true);
  EXPECT_GRAPH_ERROR(*server.GetGraph(id), ErrorCode::kInvalidParameter);
  EXPECT_EQ(server.client().Get(UrlPath(url).c_str(), Bearer())->status, 404);
}

TEST(MediaLoopbackTest, UrlExpiresAfterFiveVirtualMinutesAndIdAfterThirtyDays) {
  LoopbackServer server;
  std::string id = Upload(server, "%PDF-1.7 fake", "application/pdf");
  std::string url = ParseOrDie(server.GetGraph(id)->body)["url"];
  ASSERT_EQ(server.Advance("4m")->status, 200);
  EXPECT_EQ(server.client().Get(UrlPath(url).c_str(), Bearer())->status, 200);
  ASSERT_EQ(server.Advance("1m")->status, 200);
  EXPECT_EQ(server.client().Get(UrlPath(url).c_str(), Bearer())->status, 404);
  ASSERT_EQ(server.Advance("30d")->status, 200);
  auto gone = server.GetGraph(id);
  EXPECT_GRAPH_ERROR(*gone, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(gone->body)["error"]["error_subcode"], 33);
}

TEST(MediaLoopbackTest, UnsupportedTypeIs131053) {
  LoopbackServer server;
  httplib::MultipartFormDataItems items = {{"messaging_product", "whatsapp", "", ""},
                                           {"file", "GIF89a", "anim.gif", "image/gif"}};
  auto r =
      server.client().Post(("/v23.0/" + std::string(D::kPhoneNumberId) + "/media").c_str(), Bearer(), items);
  ASSERT_TRUE(r);
  EXPECT_GRAPH_ERROR(*r, ErrorCode::kMediaUploadError);
}

// 4 MB of every byte value, through multipart, the blob store and back.
TEST(MediaLoopbackTest, LargeBinaryRoundTripIsByteIdentical) {
  LoopbackServer server;
  std::string bytes(4 * 1024 * 1024, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  std::string id = Upload(server, bytes, "video/mp4");
  ASSERT_FALSE(id.empty());
  Json j = ParseOrDie(server.GetGraph(id)->body);
  EXPECT_EQ(j["file_size"], std::to_string(bytes.size()));
  auto dl = server.client().Get(UrlPath(j["url"].get<std::string>()).c_str(), Bearer());
  ASSERT_TRUE(dl);
  ASSERT_EQ(dl->status, 200);
  EXPECT_TRUE(dl->body == bytes);  // (not EXPECT_EQ: 4 MB in a failure message)
  EXPECT_EQ(server.sim().blobs().total_bytes(), bytes.size());
}

// Media a customer sends through the admin API lands in the same store and
// downloads like an upload; a reset drops every byte.
TEST(MediaLoopbackTest, AdminInboundMediaUsesTheSameStoreAndResetClearsIt) {
  LoopbackServer server;
  std::string photo = "\xFF\xD8\xFF customer photo";
  Json in = {{"from", D::kCustomerWaId},
             {"phone_number_id", D::kPhoneNumberId},
             {"type", "image"},
             {"image", {{"mime_type", "image/jpeg"}, {"data", Base64Encode(photo)}}}};
  auto posted = server.client().Post("/_sim/inbound", in.dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;
  std::string inbound_id = ParseOrDie(posted->body)["media_id"];
  ASSERT_FALSE(Upload(server, "%PDF-1.7 upload", "application/pdf").empty());
  EXPECT_EQ(server.sim().blobs().size(), 2u);

  Json j = ParseOrDie(server.GetGraph(inbound_id)->body);
  EXPECT_EQ(j["sha256"], Sha256Hex(photo));
  auto dl = server.client().Get(UrlPath(j["url"].get<std::string>()).c_str(), Bearer());
  ASSERT_TRUE(dl);
  ASSERT_EQ(dl->status, 200);
  EXPECT_EQ(dl->body, photo);

  auto reset = server.client().Post("/_sim/reset", "", "application/json");
  ASSERT_TRUE(reset);
  ASSERT_EQ(reset->status, 200);
  EXPECT_EQ(server.sim().blobs().size(), 0u);
  EXPECT_EQ(server.client().Get(UrlPath(j["url"].get<std::string>()).c_str(), Bearer())->status, 404);
}

}  // namespace
}  // namespace wasim::testing
