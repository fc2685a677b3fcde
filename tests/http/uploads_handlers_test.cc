// Resumable Upload API through the Graph pipeline (Meta's guide "Upload a
// file", developers.facebook.com/docs/graph-api/guides/upload): the three
// steps against Meta's examples (fixtures/graph/upload_*.json), their errors,
// and the handle as a template's media header example.
#include <gtest/gtest.h>

#include "simulator/http/pipeline.h"
#include "tests/support/golden_json.h"
#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

GoldenOptions UploadGolden() {
  GoldenOptions o;
  o.value_exempt.insert("h");
  return o;
}

// Step 1, parameters in the query string as in Meta's curl example.
HttpResponse StartUpload(PipelineHarness& h, const std::string& length, const std::string& type,
                         const std::string& token = D::kAccessToken) {
  HttpRequest r;
  r.method = "POST";
  r.path = std::string("/v23.0/") + D::kAppId + "/uploads";
  r.query = {{"file_name", "header.png"}, {"file_length", length}, {"file_type", type}};
  if (!token.empty()) r.headers.emplace("authorization", "Bearer " + token);
  return h.Send(r);
}

// Step 2: the bytes as the body, "Authorization: OAuth" and the file_offset header.
HttpResponse SendBytes(PipelineHarness& h, const std::string& id, const std::string& bytes,
                       const std::string& offset = "0") {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v23.0/" + id;
  r.headers.emplace("authorization", std::string("OAuth ") + D::kAccessToken);
  if (!offset.empty()) r.headers.emplace("file_offset", offset);
  r.headers.emplace("content-type", "application/x-www-form-urlencoded");  // curl --data-binary's default
  r.body = bytes;
  return h.Send(r);
}

HttpResponse GetSession(PipelineHarness& h, const std::string& id) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/v23.0/" + id;
  r.headers.emplace("authorization", std::string("OAuth ") + D::kAccessToken);
  return h.Send(r);
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\x00\xff", 10);

TEST(UploadsHandlersTest, ThreeStepsMatchMetasExamples) {
  PipelineHarness h;
  auto start = StartUpload(h, std::to_string(kPng.size()), "image/png");
  ASSERT_EQ(start.status, 200) << start.body;
  Json s = ParseOrDie(start.body);
  EXPECT_TRUE(GoldenDiff(LoadFixture("graph/upload_session_start.json"), s, UploadGolden()).empty())
      << s.dump();
  std::string id = s["id"];
  ASSERT_EQ(id.rfind("upload:", 0), 0u);

  auto offset = GetSession(h, id);
  ASSERT_EQ(offset.status, 200) << offset.body;
  Json o = ParseOrDie(offset.body);
  EXPECT_TRUE(GoldenDiff(LoadFixture("graph/upload_session_offset.json"), o, UploadGolden()).empty())
      << o.dump();
  EXPECT_EQ(o["id"], id);

  auto done = SendBytes(h, id, kPng);  // binary, not UTF-8: taken as the file
  ASSERT_EQ(done.status, 200) << done.body;
  Json d = ParseOrDie(done.body);
  EXPECT_TRUE(GoldenDiff(LoadFixture("graph/upload_file_handle.json"), d, UploadGolden()).empty())
      << d.dump();
  EXPECT_EQ(d["h"].get<std::string>().rfind("4::", 0), 0u);
  EXPECT_EQ(ParseOrDie(GetSession(h, id).body)["file_offset"], kPng.size());
}

TEST(UploadsHandlersTest, InterruptedUploadResumesAtTheReportedOffset) {
  PipelineHarness h;
  std::string id = ParseOrDie(StartUpload(h, "10", "application/pdf").body)["id"];
  auto part = SendBytes(h, id, "%PDF-");
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_EQ(ParseOrDie(part.body)["file_offset"], 5);
  Json resume = ParseOrDie(GetSession(h, id).body);
  EXPECT_EQ(resume["file_offset"], 5);
  EXPECT_GRAPH_ERROR(SendBytes(h, id, "1.7 x", "0"), ErrorCode::kInvalidParameter);  // wrong offset
  auto rest = SendBytes(h, id, "1.7 x", std::to_string(resume["file_offset"].get<int>()));
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_TRUE(ParseOrDie(rest.body).contains("h"));
}

TEST(UploadsHandlersTest, SessionErrorsAreCode100) {
  PipelineHarness h;
  EXPECT_GRAPH_ERROR(StartUpload(h, "10", "image/gif"), ErrorCode::kInvalidParameter);
  EXPECT_GRAPH_ERROR(StartUpload(h, "", "image/png"), ErrorCode::kInvalidParameter);
  EXPECT_GRAPH_ERROR(StartUpload(h, "10", "image/png", ""), ErrorCode::kAccessTokenRequired);
  std::string id = ParseOrDie(StartUpload(h, "3", "image/jpeg").body)["id"];
  auto no_offset = SendBytes(h, id, "abc", "");
  EXPECT_GRAPH_ERROR(no_offset, ErrorCode::kInvalidParameter);
  EXPECT_EQ(ParseOrDie(no_offset.body)["error"]["message"], "(#100) The parameter file_offset is required.");
  EXPECT_GRAPH_ERROR(SendBytes(h, id, "abcd"), ErrorCode::kInvalidParameter);  // past file_length
  // An unknown session is an unknown object, as Graph answers any unknown id.
  EXPECT_GRAPH_ERROR(GetSession(h, "upload:MTphdHRhY2htZW50Om5vbmU"), ErrorCode::kInvalidParameter);
}

TEST(UploadsHandlersTest, ChunksMayBeAsLargeAsAMediaUpload) {
  PipelineHarness h;
  GraphPipeline p(h.sim());
  EXPECT_EQ(p.BodyLimitFor("POST", "/v23.0/upload:MTphdHRhY2htZW50OjE"), p.limits().media_upload);
  EXPECT_EQ(p.BodyLimitFor("POST", std::string("/v23.0/") + D::kAppId + "/uploads"), p.limits().json);
}

TEST(UploadsHandlersTest, TemplateMediaHeaderTakesTheIssuedHandle) {
  PipelineHarness h;
  std::string id = ParseOrDie(StartUpload(h, std::to_string(kPng.size()), "image/png").body)["id"];
  std::string handle = ParseOrDie(SendBytes(h, id, kPng).body)["h"];
  auto create = [&](const std::string& name, const std::string& format, const std::string& hh) {
    Json body = {
        {"name", name},
        {"language", "en_US"},
        {"category", "MARKETING"},
        {"components",
         Json::array({{{"type", "HEADER"}, {"format", format}, {"example", {{"header_handle", {hh}}}}},
                      {{"type", "BODY"}, {"text", "Our new arrivals are in."}}})}};
    return h.Post(std::string(D::kWabaId) + "/message_templates", body.dump());
  };
  auto ok = create("arrivals", "IMAGE", handle);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_GRAPH_ERROR(create("arrivals_video", "VIDEO", handle), ErrorCode::kTemplateHeaderFormat);
  EXPECT_GRAPH_ERROR(create("arrivals_unknown", "IMAGE", "4::aW1hZ2UvcG5n:unknown"),
                     ErrorCode::kInvalidParameter);
}

}  // namespace
}  // namespace wasim::testing
