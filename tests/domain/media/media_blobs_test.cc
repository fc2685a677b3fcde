// Media and the blob store: a media id holds one reference to its bytes;
// delete, expiry and reset release them; a refused upload stores nothing.
// Download URL tokens are indexed by expiry and media, so dropping them
// needs no scan and they do not pile up.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "simulator/core/hmac.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/world.h"

namespace wasim::media {
namespace {

using D = DefaultIds;
using wasim::testing::EditWorld;

class MediaBlobsTest : public ::testing::Test {
 protected:
  MediaBlobsTest() {
    Simulator::Options o;
    o.seed = 5;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }

  // `bytes` must outlive the call (the request views them).
  static UploadRequest Png(const std::string& bytes) {
    UploadRequest r;
    r.messaging_product = "whatsapp";
    r.has_file = true;
    r.file_content_type = "image/png";
    r.bytes = bytes;
    return r;
  }
  Result<std::string> Store(const UploadRequest& r) {
    PreparedBlob blob = sim_->blobs().PrepareFrom(r.bytes);
    return sim_->WithLock([&](Ctx& ctx) { return Upload(ctx, D::kPhoneNumberId, r, blob); });
  }
  std::string Sha(const std::string& id) {
    return sim_->WithLock([&](Ctx& ctx) { return ctx.state.media.by_id.at(id).sha256; });
  }
  size_t Tokens() {
    return sim_->WithLock([](Ctx& ctx) {
      EXPECT_EQ(ctx.state.media.by_url_token.size(), ctx.state.media.url_tokens_by_expiry.size());
      return ctx.state.media.by_url_token.size();
    });
  }
  Result<IssuedUrl> Issue(const std::string& id) {
    return sim_->WithLock([&](Ctx& ctx) { return IssueUrl(ctx, id, ""); });
  }

  std::unique_ptr<Simulator> sim_;
};

TEST_F(MediaBlobsTest, TheStateKeepsHashAndSizeAndTheStoreTheBytes) {
  std::string bytes = "\x89PNG bytes";
  auto id = Store(Png(bytes));
  ASSERT_TRUE(id.ok()) << id.error().details;
  sim_->WithLock([&](Ctx& ctx) {
    const MediaObject& m = ctx.state.media.by_id.at(*id);
    EXPECT_EQ(m.sha256, Sha256Hex(bytes));
    EXPECT_EQ(m.size, bytes.size());
  });
  ASSERT_NE(sim_->blobs().Get(Sha256Hex(bytes)), nullptr);
  EXPECT_EQ(*sim_->blobs().Get(Sha256Hex(bytes)), bytes);
}

TEST_F(MediaBlobsTest, TwoIdsWithTheSameBytesShareOneBlobUntilBothAreGone) {
  std::string bytes = "same png";
  auto a = Store(Png(bytes));
  auto b = Store(Png(bytes));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  std::string sha = Sha256Hex(bytes);
  EXPECT_EQ(sim_->blobs().size(), 1u);
  EXPECT_EQ(sim_->blobs().refs(sha), 2u);
  sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(Delete(ctx, *a, "").ok()); });
  EXPECT_EQ(sim_->blobs().refs(sha), 1u);
  EXPECT_EQ(*sim_->blobs().Get(sha), bytes);  // b still downloads
  sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(Delete(ctx, *b, "").ok()); });
  EXPECT_EQ(sim_->blobs().Get(sha), nullptr);
  EXPECT_EQ(sim_->blobs().size(), 0u);
}

TEST_F(MediaBlobsTest, ExpiryReleasesTheBytes) {
  std::string bytes = "expiring";
  auto id = Store(Png(bytes));
  ASSERT_TRUE(id.ok());
  std::string inbound = sim_->WithLock(
      [&](Ctx& ctx) { return StoreInbound(ctx, D::kPhoneNumberId, "image/jpeg", "from user"); });
  EXPECT_EQ(sim_->blobs().size(), 2u);
  sim_->AdvanceBy(7 * kDay);  // Meta: inbound media 7 days
  EXPECT_EQ(sim_->blobs().Get(Sha256Hex("from user")), nullptr);
  EXPECT_EQ(sim_->blobs().size(), 1u);
  EXPECT_EQ(sim_->blobs().retired(), 0u);  // freed after the step, without the lock
  sim_->AdvanceBy(23 * kDay);              // uploads: 30 days
  EXPECT_EQ(sim_->blobs().size(), 0u);
  EXPECT_EQ(sim_->blobs().retired(), 0u);
}

TEST_F(MediaBlobsTest, ResetDropsTheBytes) {
  std::string bytes = "before reset";
  ASSERT_TRUE(Store(Png(bytes)).ok());
  ASSERT_EQ(sim_->blobs().size(), 1u);
  sim_->Reset();
  EXPECT_EQ(sim_->blobs().size(), 0u);
  EXPECT_EQ(sim_->blobs().Get(Sha256Hex(bytes)), nullptr);
}

// The state can change between CheckUpload and Upload: the second check
// refuses, and the prepared bytes never reach the store.
TEST_F(MediaBlobsTest, AnUploadRefusedAtCommitStoresNothing) {
  std::string bytes = "png";
  UploadRequest r = Png(bytes);
  ASSERT_TRUE(sim_->WithLock([&](Ctx& ctx) { return CheckUpload(ctx, D::kPhoneNumberId, r); }).ok());
  PreparedBlob blob = sim_->blobs().PrepareFrom(r.bytes);
  EditWorld(*sim_, WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.deleted = true; }));
  auto id = sim_->WithLock([&](Ctx& ctx) { return Upload(ctx, D::kPhoneNumberId, r, blob); });
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kPhoneNumberDeleted);
  EXPECT_EQ(sim_->blobs().size(), 0u);
  EXPECT_TRUE(sim_->WithLock([](Ctx& ctx) { return ctx.state.media.by_id.empty(); }));
  // A number gone altogether (a reset in between) is an unknown object, not a crash.
  auto gone = sim_->WithLock([&](Ctx& ctx) { return Upload(ctx, "999999999999999", r, blob); });
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().subcode, 33);
  EXPECT_EQ(sim_->blobs().size(), 0u);
}

TEST_F(MediaBlobsTest, ExpiredUrlTokensAreDroppedWhenTheNextIsIssued) {
  std::string bytes = "png";
  auto id = Store(Png(bytes));
  ASSERT_TRUE(id.ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Issue(*id).ok());
  EXPECT_EQ(Tokens(), 3u);  // several URLs are valid at once
  sim_->AdvanceBy(5 * kMinute);
  auto fresh = Issue(*id);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(Tokens(), 1u);  // the three expired ones are gone
  sim_->WithLock([&](Ctx& ctx) {
    const MediaObject& m = ctx.state.media.by_id.at(*id);
    EXPECT_EQ(m.url_tokens, std::set<std::string>{fresh->token});
  });
  // Many issues within one lifetime, then one after it: nothing piles up.
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(Issue(*id).ok());
  EXPECT_EQ(Tokens(), 201u);
  sim_->AdvanceBy(5 * kMinute);
  ASSERT_TRUE(Issue(*id).ok());
  EXPECT_EQ(Tokens(), 1u);
}

TEST_F(MediaBlobsTest, DeleteAndExpiryDropTheMediasTokensOnly) {
  std::string one = "one", two = "two";
  auto a = Store(Png(one));
  auto b = Store(Png(two));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(Issue(*a).ok());
  ASSERT_TRUE(Issue(*a).ok());
  auto kept = Issue(*b);
  ASSERT_TRUE(kept.ok());
  sim_->WithLock([&](Ctx& ctx) { ASSERT_TRUE(Delete(ctx, *a, "").ok()); });
  EXPECT_EQ(Tokens(), 1u);
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_NE(ResolveDownload(ctx, *b, kept->token, {D::kWabaId}), nullptr);
    EXPECT_EQ(ctx.state.media.by_url_token.at(kept->token).media_id, *b);
  });
}

}  // namespace
}  // namespace wasim::media
