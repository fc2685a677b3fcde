// Media routes through the Graph pipeline (no socket): upload, GET, download
// URL, DELETE, and the tenant boundary on downloads.
#include <gtest/gtest.h>

#include <memory>

#include "simulator/core/hmac.h"
#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

// POST multipart/form-data as the server hands it to the pipeline (parts split).
HttpResponse PostMultipart(PipelineHarness& h, const std::string& path, std::vector<MultipartPart> parts,
                           const std::string& token = D::kAccessToken) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v23.0/" + path;
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  r.headers.emplace("content-type", "multipart/form-data; boundary=xyz");
  r.headers.emplace("host", "wasim.test:8080");
  r.parts = std::move(parts);
  return h.Send(r);
}

HttpResponse Upload(PipelineHarness& h, const std::string& mime, const std::string& bytes) {
  return PostMultipart(h, std::string(D::kPhoneNumberId) + "/media",
                       {{"messaging_product", "", "", "whatsapp"}, {"file", "photo.jpg", mime, bytes}});
}

HttpResponse Download(PipelineHarness& h, const std::string& url, const std::string& token) {
  HttpRequest r;
  r.method = "GET";
  std::string rest = url.substr(url.find("/whatsapp_business"));
  r.path = rest.substr(0, rest.find('?'));
  r.query = ParseQueryString(rest.substr(rest.find('?') + 1));
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  return h.Send(r);
}

HttpResponse GetWithHost(PipelineHarness& h, const std::string& path) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/v23.0/" + path.substr(0, path.find('?'));
  if (path.find('?') != std::string::npos) r.query = ParseQueryString(path.substr(path.find('?') + 1));
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  r.headers.emplace("host", "wasim.test:8080");
  return h.Send(r);
}

// A second tenant: its own WABA, number and token.
void AddForeignTenant(PipelineHarness& h) {
  Waba w;
  w.id = "200000000000001";
  w.business_id = D::kBusinessId;
  AccessToken t;
  t.token = "EAAforeignToken";
  t.app_id = D::kAppId;
  t.waba_ids = {w.id};
  EditWorld(h.sim(), WorldBuilder().Add(w).Add(t));
}

TEST(MediaHandlersTest, UploadGetDownloadDelete) {
  PipelineHarness h;
  std::string bytes("\xFF\xD8\xFF\x00\x01binary\x00", 11);
  auto up = Upload(h, "image/jpeg", bytes);
  ASSERT_EQ(up.status, 200) << up.body;
  Json upj = ParseOrDie(up.body);
  ASSERT_EQ(upj.size(), 1u);
  std::string id = upj["id"];
  EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos);

  auto get = GetWithHost(h, id);
  ASSERT_EQ(get.status, 200) << get.body;
  Json j = ParseOrDie(get.body);
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"messaging_product", "url", "mime_type", "sha256", "file_size", "id"}));
  EXPECT_EQ(j["messaging_product"], "whatsapp");
  EXPECT_EQ(j["mime_type"], "image/jpeg");
  EXPECT_EQ(j["sha256"], Sha256Hex(bytes));
  EXPECT_EQ(j["file_size"], "11");  // Meta types file_size as a string
  EXPECT_EQ(j["id"], id);
  std::string url = j["url"];
  EXPECT_EQ(url.rfind("http://wasim.test:8080/whatsapp_business/attachments/?mid=" + id + "&ext=", 0), 0u)
      << url;
  EXPECT_NE(get.body.find("http:\\/\\/wasim.test"), std::string::npos);  // Meta escapes '/'

  auto dl = Download(h, url, D::kAccessToken);
  ASSERT_EQ(dl.status, 200);
  EXPECT_EQ(dl.body, bytes);
  EXPECT_EQ(dl.content_type, "image/jpeg");
  EXPECT_EQ(Download(h, url, "").status, 404);

  HttpRequest del;
  del.method = "DELETE";
  del.path = "/v23.0/" + id;
  del.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  auto d = h.Send(del);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(ParseOrDie(d.body), Json::parse(R"({"success":true})"));
  auto gone = h.Get(id);
  EXPECT_GRAPH_ERROR(gone, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(gone.body)["error"]["error_subcode"], 33);
  EXPECT_EQ(Download(h, url, D::kAccessToken).status, 404);
}

TEST(MediaHandlersTest, ForeignTokenCannotSeeOrDownload) {
  PipelineHarness h;
  AddForeignTenant(h);
  std::string id = ParseOrDie(Upload(h, "application/pdf", "%PDF").body)["id"];
  std::string url = ParseOrDie(GetWithHost(h, id).body)["url"];
  EXPECT_EQ(Download(h, url, "EAAforeignToken").status, 404);
  EXPECT_EQ(Download(h, url, "garbage").status, 404);
  auto peek = h.Get(id, "EAAforeignToken");
  EXPECT_GRAPH_ERROR(peek, ErrorCode::kInvalidParameter);  // 100/33, like an unknown id
}

TEST(MediaHandlersTest, DownloadUrlExpiresAfterFiveVirtualMinutes) {
  PipelineHarness h;
  std::string id = ParseOrDie(Upload(h, "audio/mpeg", "ID3").body)["id"];
  std::string url = ParseOrDie(GetWithHost(h, id).body)["url"];
  h.sim().AdvanceBy(5 * kMinute - 1);
  EXPECT_EQ(Download(h, url, D::kAccessToken).status, 200);
  h.sim().AdvanceBy(1);
  EXPECT_EQ(Download(h, url, D::kAccessToken).status, 404);
  std::string fresh = ParseOrDie(GetWithHost(h, id).body)["url"];  // Meta: get a new URL
  EXPECT_NE(fresh, url);
  EXPECT_EQ(Download(h, fresh, D::kAccessToken).status, 200);
}

TEST(MediaHandlersTest, PhoneNumberIdFilterAndUploadErrors) {
  PipelineHarness h;
  std::string id = ParseOrDie(Upload(h, "image/png", "png").body)["id"];
  EXPECT_EQ(GetWithHost(h, id + "?phone_number_id=" + D::kPhoneNumberId).status, 200);
  EXPECT_GRAPH_ERROR(GetWithHost(h, id + "?phone_number_id=123456789012345"), ErrorCode::kInvalidParameter);

  EXPECT_GRAPH_ERROR(Upload(h, "image/gif", "GIF89a"), ErrorCode::kMediaUploadError);
  EXPECT_GRAPH_ERROR(Upload(h, "image/png", std::string(5 * 1024 * 1024 + 1, 'p')),
                     ErrorCode::kMediaUploadError);
  auto no_file = PostMultipart(h, std::string(D::kPhoneNumberId) + "/media",
                               {{"messaging_product", "", "", "whatsapp"}});
  EXPECT_GRAPH_ERROR(no_file, ErrorCode::kRequiredParameterMissing);
  auto typed = PostMultipart(h, std::string(D::kPhoneNumberId) + "/media",
                             {{"messaging_product", "", "", "whatsapp"},
                              {"type", "", "", "video/mp4"},
                              {"file", "clip.mp4", "application/octet-stream", "mp4"}});
  ASSERT_EQ(typed.status, 200) << typed.body;
  std::string vid = ParseOrDie(typed.body)["id"];
  EXPECT_EQ(ParseOrDie(GetWithHost(h, vid).body)["mime_type"], "video/mp4");
}

// Issue #11 item 9: a media upload without messaging_product gets exactly the
// error /messages gives for the same omission (code 100, same body).
TEST(MediaHandlersTest, MissingMessagingProductIsTheSameErrorAsMessages) {
  PipelineHarness h;
  auto media =
      PostMultipart(h, std::string(D::kPhoneNumberId) + "/media", {{"file", "a.png", "image/png", "png"}});
  auto messages = h.Post(std::string(D::kPhoneNumberId) + "/messages",
                         R"({"to":"15550001111","type":"text","text":{"body":"hi"}})");
  EXPECT_GRAPH_ERROR(media, ErrorCode::kInvalidParameter);
  EXPECT_EQ(media.status, messages.status);
  Json m = ParseOrDie(media.body)["error"], g = ParseOrDie(messages.body)["error"];
  EXPECT_EQ(m["message"], "(#100) The parameter messaging_product is required.");
  EXPECT_EQ(m["message"], g["message"]);
  EXPECT_EQ(m["code"], g["code"]);
  EXPECT_EQ(m.contains("error_data"), g.contains("error_data"));
}

TEST(MediaHandlersTest, MediaIdIsGoneAfterThirtyVirtualDays) {
  PipelineHarness h;
  std::string id = ParseOrDie(Upload(h, "text/plain", "hello").body)["id"];
  h.sim().AdvanceBy(30 * kDay);
  auto r = h.Get(id);
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(r.body)["error"]["error_subcode"], 33);
}

TEST(MediaHandlersTest, DownloadPathIsNotAGraphNode) {
  PipelineHarness h;
  HttpRequest r;
  r.method = "GET";
  r.path = "/whatsapp_business/attachments/";
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  auto resp = h.Send(r);
  EXPECT_EQ(resp.status, 404);
  EXPECT_TRUE(resp.body.empty());
}

// Refused uploads, whichever check refuses them (auth and node in the
// pipeline, the media checks in the handler), leave no media and no bytes.
TEST(MediaHandlersTest, RefusedUploadsLeaveNoBytesBehind) {
  PipelineHarness h;
  std::string media = std::string(D::kPhoneNumberId) + "/media";
  auto file = [](const std::string& mime, const std::string& bytes) {
    return std::vector<MultipartPart>{{"messaging_product", "", "", "whatsapp"}, {"file", "f", mime, bytes}};
  };
  EXPECT_GRAPH_ERROR(PostMultipart(h, media, file("image/png", "png"), "EAAbadToken"),
                     ErrorCode::kAccessTokenInvalid);
  EXPECT_GRAPH_ERROR(PostMultipart(h, media, file("image/png", "png"), ""), ErrorCode::kAccessTokenRequired);
  EXPECT_GRAPH_ERROR(PostMultipart(h, "999999999999999/media", file("image/png", "png")),
                     ErrorCode::kInvalidParameter);
  EXPECT_GRAPH_ERROR(PostMultipart(h, media, {{"file", "f", "image/png", "png"}}),
                     ErrorCode::kInvalidParameter);  // no messaging_product: 100, as /messages
  EXPECT_GRAPH_ERROR(Upload(h, "image/gif", "GIF89a"), ErrorCode::kMediaUploadError);
  EXPECT_GRAPH_ERROR(Upload(h, "image/png", std::string(5 * 1024 * 1024 + 1, 'p')),
                     ErrorCode::kMediaUploadError);
  EXPECT_GRAPH_ERROR(Upload(h, "text/plain", ""), ErrorCode::kMediaUploadError);
  EXPECT_EQ(h.sim().blobs().size(), 0u);
  EXPECT_TRUE(h.sim().WithLock([](Ctx& ctx) { return ctx.state.media.by_id.empty(); }));
}

TEST(MediaHandlersTest, SameBytesUploadedTwiceAreStoredOnce) {
  PipelineHarness h;
  std::string bytes(64 * 1024, '\0');
  std::string a = ParseOrDie(Upload(h, "image/png", bytes).body)["id"];
  std::string b = ParseOrDie(Upload(h, "image/png", bytes).body)["id"];
  EXPECT_NE(a, b);
  EXPECT_EQ(h.sim().blobs().size(), 1u);
  EXPECT_EQ(h.sim().blobs().total_bytes(), bytes.size());
  std::string url_b = ParseOrDie(GetWithHost(h, b).body)["url"];
  HttpRequest del;
  del.method = "DELETE";
  del.path = "/v23.0/" + a;
  del.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  ASSERT_EQ(h.Send(del).status, 200);
  auto dl = Download(h, url_b, D::kAccessToken);
  ASSERT_EQ(dl.status, 200);  // b still has its bytes
  EXPECT_EQ(dl.body, bytes);
  EXPECT_EQ(h.sim().blobs().size(), 1u);
}

TEST(MediaHandlersTest, DeleteFreesTheBytesAfterTheLock) {
  PipelineHarness h;
  std::string id = ParseOrDie(Upload(h, "application/pdf", std::string(1 << 20, 'd')).body)["id"];
  std::weak_ptr<const std::string> watch = h.sim().blobs().Get(Sha256Hex(std::string(1 << 20, 'd')));
  ASSERT_FALSE(watch.expired());
  HttpRequest del;
  del.method = "DELETE";
  del.path = "/v23.0/" + id;
  del.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  ASSERT_EQ(h.Send(del).status, 200);
  EXPECT_EQ(h.sim().blobs().size(), 0u);
  EXPECT_EQ(h.sim().blobs().retired(), 0u);
  EXPECT_TRUE(watch.expired());
}

// The download checks token and URL under the lock and reads the bytes after
// it: bytes gone by then (a reset in between) answer the same bare 404.
TEST(MediaHandlersTest, DownloadOfBytesGoneAfterTheCheckIs404) {
  PipelineHarness h;
  std::string id = ParseOrDie(Upload(h, "image/png", "png").body)["id"];
  std::string url = ParseOrDie(GetWithHost(h, id).body)["url"];
  h.sim().blobs().Clear();  // as if released between the check and the read
  auto dl = Download(h, url, D::kAccessToken);
  EXPECT_EQ(dl.status, 404);
  EXPECT_TRUE(dl.body.empty());
}

}  // namespace
}  // namespace wasim::testing
