// Media service: upload, look-up, URL issue, download check and delete of
// media objects, in domain terms (no HTTP types). Other modules use Find and
// StoreInbound (customer-sent media).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::media {

enum class MediaKind { kAudio, kDocument, kImage, kSticker, kVideo };
const char* MediaKindName(MediaKind kind);

// One row of Meta's supported-media-types table.
struct TypeRule {
  std::string_view mime;
  MediaKind kind;
  size_t max_bytes;
};

// Meta's allow list (media.md "Supported media types"). `mime` may carry
// parameters ("audio/ogg; codecs=opus"); case-insensitive. nullptr: not allowed.
const TypeRule* RuleForMime(std::string_view mime);
// "image/JPEG; x=y" -> "image/jpeg".
std::string BaseMime(std::string_view mime);
// Size limit for these bytes of this type: animated WebP stickers get 500 KB,
// static ones 100 KB (Meta's two sticker limits).
size_t MaxBytesFor(const TypeRule& rule, std::string_view bytes);
// WebP with the VP8X animation flag set.
bool IsAnimatedWebp(std::string_view bytes);

// Meta: inbound (webhook) media ids are downloadable for 7 days.
constexpr DurationMs kInboundMediaTtl = 7 * kDay;

struct UploadRequest {
  std::string messaging_product;  // must be "whatsapp"
  bool has_file = false;
  std::string file_content_type;  // Content-Type of the `file` part
  std::string type;               // optional `type` form field
  std::string filename;
  // The file's bytes, read by the checks only (size, WebP header). Not owned:
  // a view of the caller's buffer (the HTTP request's part).
  std::string_view bytes;
};

// POST /{phone-number-id}/media, in two steps so the bytes are hashed without
// the state lock: CheckUpload under the lock (Meta's order of errors; stores
// nothing), then PrepareBlob/BlobStore::PrepareFrom without it, then Upload
// under it. Returns the MIME type the media will be stored with.
Result<std::string> CheckUpload(const Ctx& ctx, const std::string& phone_number_id, const UploadRequest& req);

// Checks again (the state may have changed since CheckUpload) and stores the
// media, referencing `blob` in ctx.blobs. Returns the new media id. On error
// nothing is stored (the caller drops `blob`).
// REQUIRES: blob holds req.bytes.
Result<std::string> Upload(Ctx& ctx, const std::string& phone_number_id, const UploadRequest& req,
                           const PreparedBlob& blob);

// Live media (known, not deleted, not expired); nullptr otherwise.
const MediaObject* Find(const Ctx& ctx, const std::string& media_id);

// Stores media a customer sent to `phone_number_id` (kept 7 days); returns its id.
std::string StoreInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& mime_type,
                         const PreparedBlob& blob, const std::string& filename = "");
// The same for a few bytes made under the lock (generated placeholders):
// hashed here. Large bytes: PrepareBlob them before taking the lock.
std::string StoreInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& mime_type,
                         std::string bytes, const std::string& filename = "");

// A freshly issued download URL: the HTTP layer renders it on its own host.
struct IssuedUrl {
  const MediaObject* media = nullptr;
  std::string token;  // the URL's `hash`
  TimeMs expires_at;  // the URL's `ext` (unix seconds)
};

// GET /{media-id}[?phone_number_id=]: checks the optional owner filter and
// issues a URL valid config.media_url_ttl.
Result<IssuedUrl> IssueUrl(Ctx& ctx, const std::string& media_id, const std::string& phone_number_id);

// The URL an inbound media webhook carries (Meta: `url`, changelog 2025-10-16).
// Assumption: valid as long as the media id (7 days); Meta gives no lifetime.
// REQUIRES: media_id is live.
IssuedUrl IssueInboundUrl(Ctx& ctx, const std::string& media_id);

// Meta's lookaside path, served by the HTTP layer (http/media_download.h).
constexpr const char* kMediaDownloadPath = "/whatsapp_business/attachments/";
// "<base>/whatsapp_business/attachments/?mid=<id>&ext=<unix secs>&hash=<token>".
std::string DownloadUrl(const std::string& base, const std::string& media_id, TimeMs expires_at,
                        const std::string& token);

// DELETE /{media-id}[?phone_number_id=].
Status Delete(Ctx& ctx, const std::string& media_id, const std::string& phone_number_id);

// Download check for GET <media url>: the token must be live, name `mid`, and
// the media must belong to one of `waba_ids` (the caller's token). nullptr: 404.
// The bytes are then read from the BlobStore by the media's sha256.
const MediaObject* ResolveDownload(const Ctx& ctx, const std::string& mid, const std::string& token,
                                   const std::vector<std::string>& waba_ids);

// Runs this area's timeline records (wiring time).
void RegisterTimelineHandlers(TimelineHandlers& handlers);

}  // namespace wasim::media
