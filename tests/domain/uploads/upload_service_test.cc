// Resumable Upload API rules (Meta's guide "Upload a file",
// graph-api/guides/upload): session parameters, offsets, completion and handles.
#include <gtest/gtest.h>

#include <memory>

#include "simulator/core/hmac.h"
#include "simulator/domain/uploads/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/world.h"

namespace wasim::uploads {
namespace {

using D = DefaultIds;

class UploadServiceTest : public ::testing::Test {
 protected:
  UploadServiceTest() {
    Simulator::Options o;
    o.seed = 11;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  Result<std::string> Start(const Json& params) {
    return sim_->WithLock([&](Ctx& ctx) { return StartSession(ctx, D::kAppId, params); });
  }
  Result<ChunkOutcome> Send(const std::string& id, std::optional<std::string> offset,
                            const std::string& bytes) {
    return sim_->WithLock([&](Ctx& ctx) { return Append(ctx, id, offset, bytes); });
  }
  size_t Offset(const std::string& id) {
    return sim_->WithLock([&](Ctx& ctx) { return FindSession(ctx.state, id)->offset(); });
  }
  size_t Sessions() {
    return sim_->WithLock([&](Ctx& ctx) { return ctx.state.uploads.sessions.size(); });
  }
  static Json Params(const std::string& length = "10", const std::string& type = "image/jpeg") {
    return {{"file_name", "photo.jpg"}, {"file_length", length}, {"file_type", type}};
  }

  std::unique_ptr<Simulator> sim_;
};

TEST_F(UploadServiceTest, StartReturnsAnUploadColonIdAndKeepsTheDeclaredFile) {
  auto id = Start(Params());
  ASSERT_TRUE(id.ok()) << id.error().details;
  EXPECT_EQ(id->rfind("upload:", 0), 0u);
  EXPECT_EQ(id->find_first_of("/+=?"), std::string::npos);  // one path segment
  sim_->WithLock([&](Ctx& ctx) {
    const UploadSession* s = FindSession(ctx.state, *id);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->app_id, D::kAppId);
    EXPECT_EQ(s->file_length, 10u);
    EXPECT_EQ(s->file_type, "image/jpeg");
    EXPECT_EQ(s->bytes.size(), 0u);
  });
  EXPECT_NE(*Start(Params()), *id);
}

TEST_F(UploadServiceTest, MissingOrInvalidParametersAreCode100AndOpenNothing) {
  for (const char* key : {"file_length", "file_type"}) {
    Json p = Params();
    p.erase(key);
    auto r = Start(p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
    EXPECT_EQ(r.error().message, std::string("(#100) The parameter ") + key + " is required.");
  }
  // Meta's guide: pdf, jpeg, jpg, png and mp4 only.
  auto gif = Start(Params("10", "image/gif"));
  ASSERT_FALSE(gif.ok());
  EXPECT_EQ(gif.error().code, ErrorCode::kInvalidParameter);
  EXPECT_NE(gif.error().details.find("image/gif"), std::string::npos);
  EXPECT_FALSE(Start(Params("0")).ok());
  EXPECT_FALSE(Start(Params("-5")).ok());
  EXPECT_FALSE(Start(Params("ten")).ok());
  EXPECT_FALSE(Start(Params(std::to_string(kMaxFileLength + 1))).ok());
  EXPECT_EQ(Sessions(), 0u);
  for (const char* ok : {"application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"})
    EXPECT_TRUE(Start(Params("10", ok)).ok()) << ok;
  Json numeric = Params();
  numeric["file_length"] = 10;  // a JSON body may send a number
  EXPECT_TRUE(Start(numeric).ok());
  Json unnamed = Params();
  unnamed.erase("file_name");  // optional: Meta's guide sends none
  EXPECT_TRUE(Start(unnamed).ok());
}

TEST_F(UploadServiceTest, ChunksAppendAtTheSessionOffsetAndTheLastOneIssuesAHandle) {
  std::string id = *Start(Params("10"));
  auto first = Send(id, "0", "01234");
  ASSERT_TRUE(first.ok()) << first.error().details;
  EXPECT_FALSE(first->complete);
  EXPECT_EQ(first->file_offset, 5u);
  EXPECT_EQ(Offset(id), 5u);
  // Resuming from a wrong offset changes nothing.
  auto wrong = Send(id, "0", "56789");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(Offset(id), 5u);
  auto last = Send(id, "5", "56789");
  ASSERT_TRUE(last.ok()) << last.error().details;
  ASSERT_TRUE(last->complete);
  EXPECT_EQ(last->handle.rfind("4::", 0), 0u);  // Meta's examples: "4::aW..."
  sim_->WithLock([&](Ctx& ctx) {
    const UploadedFile* f = FindFile(ctx.state, last->handle);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->size, 10u);
    EXPECT_EQ(f->file_type, "image/jpeg");
    EXPECT_EQ(f->sha256, Sha256Hex("0123456789"));
    EXPECT_EQ(f->app_id, D::kAppId);
  });
  // A finished session takes no more bytes, reports the whole length, and
  // holds none of them (only the file's size and digest are kept).
  EXPECT_FALSE(Send(id, "10", "x").ok());
  EXPECT_EQ(Offset(id), 10u);
  sim_->WithLock([&](Ctx& ctx) { EXPECT_TRUE(FindSession(ctx.state, id)->bytes.empty()); });
}

TEST_F(UploadServiceTest, OffsetHeaderIsRequiredAndBytesMayNotRunPastTheLength) {
  std::string id = *Start(Params("4"));
  auto none = Send(id, std::nullopt, "ab");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "(#100) The parameter file_offset is required.");
  EXPECT_FALSE(Send(id, "zero", "ab").ok());
  EXPECT_FALSE(Send(id, "0", "").ok());
  EXPECT_FALSE(Send(id, "0", "abcde").ok());
  EXPECT_EQ(Offset(id), 0u);
  EXPECT_TRUE(Send(id, "0", "abcd")->complete);
  EXPECT_EQ(Send("upload:unknown", "0", "a").error().code, ErrorCode::kInvalidParameter);
}

}  // namespace
}  // namespace wasim::uploads
