// Media domain rules: Meta's allow list and size limits, 30-day lifetime,
// 5-minute URLs, owner filter, delete, inbound media.
#include <gtest/gtest.h>

#include <deque>
#include <memory>

#include "simulator/core/hmac.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/world/default_world.h"

namespace wasim::media {
namespace {

using D = DefaultIds;

class MediaServiceTest : public ::testing::Test {
 protected:
  MediaServiceTest() {
    Simulator::Options o;
    o.seed = 3;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }

  // The request only views its bytes (as it views the HTTP part): kept here.
  UploadRequest Req(std::string mime, std::string bytes, std::string type = "") {
    UploadRequest r;
    r.messaging_product = "whatsapp";
    r.has_file = true;
    r.file_content_type = std::move(mime);
    r.type = std::move(type);
    r.filename = "f.bin";
    r.bytes = kept_.emplace_back(std::move(bytes));
    return r;
  }

  // Both steps as the HTTP handler runs them: check, hash without the lock, store.
  Result<std::string> Upload(const UploadRequest& r) {
    auto checked = sim_->WithLock([&](Ctx& ctx) { return CheckUpload(ctx, D::kPhoneNumberId, r); });
    if (!checked) return checked.error();
    PreparedBlob blob = sim_->blobs().PrepareFrom(r.bytes);
    return sim_->WithLock([&](Ctx& ctx) { return media::Upload(ctx, D::kPhoneNumberId, r, blob); });
  }
  const MediaObject* Live(const std::string& id) {
    return sim_->WithLock([&](Ctx& ctx) { return Find(ctx, id); });
  }
  size_t Count() {
    return sim_->WithLock([](Ctx& ctx) { return ctx.state.media.by_id.size(); });
  }

  std::unique_ptr<Simulator> sim_;
  std::deque<std::string> kept_;
};

constexpr size_t kMB = 1024 * 1024;

TEST(MediaRulesTest, AllowListFollowsMetasTable) {
  EXPECT_EQ(RuleForMime("image/jpeg")->kind, MediaKind::kImage);
  EXPECT_EQ(RuleForMime("IMAGE/PNG")->max_bytes, 5 * kMB);
  EXPECT_EQ(RuleForMime("audio/mpeg")->max_bytes, 16 * kMB);
  EXPECT_EQ(RuleForMime("application/pdf")->max_bytes, 100 * kMB);
  EXPECT_EQ(RuleForMime("video/3gpp")->kind, MediaKind::kVideo);
  EXPECT_EQ(RuleForMime("image/webp")->kind, MediaKind::kSticker);
  EXPECT_NE(RuleForMime("audio/ogg; codecs=opus"), nullptr);
  EXPECT_EQ(RuleForMime("audio/ogg; codecs=vorbis"), nullptr);  // Meta: OPUS only
  EXPECT_EQ(RuleForMime("image/gif"), nullptr);
  EXPECT_EQ(RuleForMime("application/zip"), nullptr);
  EXPECT_EQ(RuleForMime(""), nullptr);
}

TEST(MediaRulesTest, StickerLimitDependsOnAnimation) {
  std::string animated =
      std::string("RIFF") + std::string(4, '\0') + "WEBPVP8X" + std::string(4, '\0') + '\x02';
  animated += std::string(8, '\0');
  EXPECT_TRUE(IsAnimatedWebp(animated));
  std::string still = animated;
  still[20] = '\0';
  EXPECT_FALSE(IsAnimatedWebp(still));
  const TypeRule& webp = *RuleForMime("image/webp");
  EXPECT_EQ(MaxBytesFor(webp, animated), 500u * 1024);
  EXPECT_EQ(MaxBytesFor(webp, still), 100u * 1024);
}

TEST_F(MediaServiceTest, UploadStoresBytesHashAndThirtyDayLifetime) {
  auto id = Upload(Req("image/jpeg", "\xFF\xD8\xFFjpegbytes"));
  ASSERT_TRUE(id.ok()) << id.error().details;
  EXPECT_EQ(id->size(), 16u);
  EXPECT_EQ(id->find_first_not_of("0123456789"), std::string::npos);
  const MediaObject* m = Live(*id);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->mime_type, "image/jpeg");
  EXPECT_EQ(m->sha256, Sha256Hex("\xFF\xD8\xFFjpegbytes"));
  EXPECT_EQ(m->waba_id, D::kWabaId);
  EXPECT_EQ(m->expires_at - m->uploaded_at, 30 * kDay);
}

TEST_F(MediaServiceTest, MissingOrWrongMessagingProductAndMissingFile) {
  auto r = Req("image/png", "x");
  r.messaging_product = "";
  // The same code and wording as /messages (code 100, Graph's schema shape).
  auto missing = Upload(r);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(missing.error().message, "(#100) The parameter messaging_product is required.");
  r.messaging_product = "instagram";
  auto wrong = Upload(r);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidParameter);
  EXPECT_EQ(wrong.error().message,
            "(#100) Param messaging_product must be one of {WHATSAPP} - got \"instagram\".");
  r.messaging_product = "whatsapp";
  r.has_file = false;
  EXPECT_EQ(Upload(r).error().code, ErrorCode::kRequiredParameterMissing);
  EXPECT_EQ(Count(), 0u);
}

TEST_F(MediaServiceTest, UnsupportedOrMismatchedTypeIs131053AndStoresNothing) {
  auto gif = Upload(Req("image/gif", "GIF89a"));
  ASSERT_FALSE(gif.ok());
  EXPECT_EQ(gif.error().code, ErrorCode::kMediaUploadError);
  EXPECT_NE(gif.error().details.find("image/gif"), std::string::npos);
  auto mismatch = Upload(Req("image/png", "png", "image/jpeg"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, ErrorCode::kMediaUploadError);
  EXPECT_EQ(Upload(Req("", "bytes")).error().code, ErrorCode::kMediaUploadError);
  EXPECT_EQ(Count(), 0u);
}

TEST_F(MediaServiceTest, GenericPartTypeFallsBackToTypeField) {
  auto id = Upload(Req("application/octet-stream", "%PDF-1.4", "application/pdf"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(Live(*id)->mime_type, "application/pdf");
}

TEST_F(MediaServiceTest, SizeLimitsPerType) {
  EXPECT_TRUE(Upload(Req("image/jpeg", std::string(5 * kMB, 'a'))).ok());
  auto big = Upload(Req("image/jpeg", std::string(5 * kMB + 1, 'a')));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::kMediaUploadError);
  EXPECT_FALSE(Upload(Req("image/webp", std::string(100 * 1024 + 1, 'a'))).ok());  // static sticker
  EXPECT_FALSE(Upload(Req("audio/aac", std::string(16 * kMB + 1, 'a'))).ok());
  EXPECT_FALSE(Upload(Req("text/plain", "")).ok());  // empty file
  EXPECT_EQ(Count(), 1u);
}

TEST_F(MediaServiceTest, IdExpiresAfterThirtyVirtualDays) {
  auto id = Upload(Req("video/mp4", "mp4"));
  ASSERT_TRUE(id.ok());
  sim_->AdvanceBy(30 * kDay - 1);
  EXPECT_NE(Live(*id), nullptr);
  sim_->AdvanceBy(1);
  EXPECT_EQ(Live(*id), nullptr);
  EXPECT_EQ(Count(), 0u);  // purged, so the id resolves like an unknown object
}

TEST_F(MediaServiceTest, UrlIsValidFiveMinutesForTheOwningWabaOnly) {
  auto id = Upload(Req("audio/mpeg", "mp3"));
  ASSERT_TRUE(id.ok());
  auto url = sim_->WithLock([&](Ctx& ctx) { return IssueUrl(ctx, *id, ""); });
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->expires_at, kDefaultManualStart + 5 * kMinute);
  std::vector<std::string> mine = {D::kWabaId}, foreign = {"999"};
  auto resolve = [&](const std::string& mid, const std::string& token,
                     const std::vector<std::string>& wabas) {
    return sim_->WithLock([&](Ctx& ctx) { return ResolveDownload(ctx, mid, token, wabas); });
  };
  EXPECT_NE(resolve(*id, url->token, mine), nullptr);
  EXPECT_EQ(resolve(*id, url->token, foreign), nullptr);
  EXPECT_EQ(resolve(*id, "ATforged", mine), nullptr);
  EXPECT_EQ(resolve("123", url->token, mine), nullptr);
  sim_->AdvanceBy(5 * kMinute - 1);
  EXPECT_NE(resolve(*id, url->token, mine), nullptr);
  sim_->AdvanceBy(1);
  EXPECT_EQ(resolve(*id, url->token, mine), nullptr);
}

TEST_F(MediaServiceTest, PhoneNumberFilterRefusesOtherNumbers) {
  auto id = Upload(Req("image/png", "png"));
  ASSERT_TRUE(id.ok());
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_TRUE(IssueUrl(ctx, *id, D::kPhoneNumberId).ok());
    auto wrong = IssueUrl(ctx, *id, "111111111111111");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidParameter);
    EXPECT_FALSE(Delete(ctx, *id, "111111111111111").ok());
    EXPECT_NE(Find(ctx, *id), nullptr);
  });
}

TEST_F(MediaServiceTest, DeleteRemovesMediaAndItsUrls) {
  auto id = Upload(Req("image/png", "png"));
  ASSERT_TRUE(id.ok());
  sim_->WithLock([&](Ctx& ctx) {
    auto url = IssueUrl(ctx, *id, "");
    ASSERT_TRUE(url.ok());
    std::string token = url->token;
    EXPECT_TRUE(Delete(ctx, *id, D::kPhoneNumberId).ok());
    EXPECT_EQ(Find(ctx, *id), nullptr);
    EXPECT_EQ(ctx.state.media.by_url_token.count(token), 0u);
    auto again = Delete(ctx, *id, "");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().subcode, 33);
  });
}

TEST_F(MediaServiceTest, InboundMediaLivesSevenDays) {
  std::string id = sim_->WithLock(
      [&](Ctx& ctx) { return StoreInbound(ctx, D::kPhoneNumberId, "image/jpeg", "customer photo"); });
  const MediaObject* m = Live(id);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->inbound);
  EXPECT_EQ(m->waba_id, D::kWabaId);
  sim_->AdvanceBy(7 * kDay - 1);
  EXPECT_NE(Live(id), nullptr);
  sim_->AdvanceBy(1);
  EXPECT_EQ(Live(id), nullptr);
}

}  // namespace
}  // namespace wasim::media
