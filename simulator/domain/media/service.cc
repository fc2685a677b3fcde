#include "simulator/domain/media/service.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace wasim::media {
namespace {

// Assumption: Meta's "MB"/"KB" are binary units (the more lenient reading).
constexpr size_t kKB = 1024;
constexpr size_t kMB = 1024 * 1024;

// Meta: media.md "Supported media types" (updated Dec 2025).
constexpr std::array<TypeRule, 18> kRules = {{
    {"audio/aac", MediaKind::kAudio, 16 * kMB},
    {"audio/amr", MediaKind::kAudio, 16 * kMB},
    {"audio/mpeg", MediaKind::kAudio, 16 * kMB},
    {"audio/mp4", MediaKind::kAudio, 16 * kMB},
    {"audio/ogg", MediaKind::kAudio, 16 * kMB},  // OPUS codecs only
    {"text/plain", MediaKind::kDocument, 100 * kMB},
    {"application/vnd.ms-excel", MediaKind::kDocument, 100 * kMB},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaKind::kDocument, 100 * kMB},
    {"application/msword", MediaKind::kDocument, 100 * kMB},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", MediaKind::kDocument,
     100 * kMB},
    {"application/vnd.ms-powerpoint", MediaKind::kDocument, 100 * kMB},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", MediaKind::kDocument,
     100 * kMB},
    {"application/pdf", MediaKind::kDocument, 100 * kMB},
    {"image/jpeg", MediaKind::kImage, 5 * kMB},
    {"image/png", MediaKind::kImage, 5 * kMB},
    {"image/webp", MediaKind::kSticker, 500 * kKB},  // animated; static: 100 KB (MaxBytesFor)
    {"video/3gpp", MediaKind::kVideo, 16 * kMB},
    {"video/mp4", MediaKind::kVideo, 16 * kMB},
}};
constexpr size_t kStaticStickerMax = 100 * kKB;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// "codecs=vorbis" in "audio/ogg; codecs=vorbis" (lowercased), or "".
std::string CodecsParam(std::string_view mime) {
  std::string m = Lower(mime);
  size_t p = m.find("codecs=");
  if (p == std::string::npos) return "";
  std::string v = m.substr(p + 7);
  v = v.substr(0, v.find(';'));
  v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
  return Trim(v);
}

std::string AllowedList() {
  std::string out;
  for (const auto& r : kRules) out += (out.empty() ? "" : ", ") + std::string(r.mime);
  return out;
}

std::string SizeText(size_t bytes) {
  return bytes % kMB == 0 ? std::to_string(bytes / kMB) + " MB" : std::to_string(bytes / kKB) + " KB";
}

// The MIME type the upload is stored with, or a 131053.
Result<std::string> ResolveMime(const UploadRequest& req) {
  std::string part = BaseMime(req.file_content_type);
  std::string declared = req.type.find('/') != std::string::npos ? BaseMime(req.type) : "";
  bool part_generic = part.empty() || part == "application/octet-stream";
  // Meta: a file whose type does not match its declared type fails with 131053.
  if (!part_generic && !declared.empty() && part != declared)
    return MakeError(ErrorCode::kMediaUploadError, "Mismatched MIME type: the file was sent as '" + part +
                                                       "' but type is '" + declared + "'.");
  std::string raw = part_generic && !declared.empty() ? req.type : req.file_content_type;
  std::string mime = BaseMime(raw);
  if (!RuleForMime(raw))
    return MakeError(ErrorCode::kMediaUploadError,
                     "Param file must be a file with one of the following types: " + AllowedList() +
                         ". Received file of type '" + (mime.empty() ? std::string("unknown") : mime) + "'.");
  return mime;
}

void DropToken(MediaStore& store, const std::string& token) {
  auto it = store.by_url_token.find(token);
  if (it == store.by_url_token.end()) return;
  store.url_tokens_by_expiry.erase({it->second.expires_at, token});
  if (auto m = store.by_id.find(it->second.media_id); m != store.by_id.end())
    m->second.url_tokens.erase(token);
  store.by_url_token.erase(it);
}

void StoreUrlToken(Ctx& ctx, MediaObject& m, const std::string& token, TimeMs expires_at) {
  DropToken(ctx.state.media, token);  // a (vanishingly unlikely) reused token keeps one expiry
  m.url_tokens.insert(token);
  ctx.state.media.by_url_token[token] = MediaUrlToken{m.id, expires_at};
  ctx.state.media.url_tokens_by_expiry.emplace(expires_at, token);
}

// Expired URLs are dropped whenever a new one is issued, oldest first, so the
// tokens kept are at most those issued within one URL lifetime.
void DropExpiredTokens(Ctx& ctx) {
  auto& by_expiry = ctx.state.media.url_tokens_by_expiry;
  while (!by_expiry.empty() && by_expiry.begin()->first <= ctx.now()) {
    std::string token = by_expiry.begin()->second;
    by_expiry.erase(by_expiry.begin());
    DropToken(ctx.state.media, token);
  }
}

// Drops the media, its URLs and its reference to its bytes.
void Erase(Ctx& ctx, const std::string& id) {
  auto it = ctx.state.media.by_id.find(id);
  if (it == ctx.state.media.by_id.end()) return;
  std::set<std::string> tokens = std::move(it->second.url_tokens);
  for (const auto& token : tokens) DropToken(ctx.state.media, token);
  ctx.blobs.Release(it->second.sha256);
  ctx.state.media.by_id.erase(it);
}

// Meta: media ids stop working after their lifetime; we drop the object then,
// so the id resolves like any unknown object (Graph 100/33).
void SchedulePurge(Ctx& ctx, const std::string& id, TimeMs at) { ctx.Schedule(at, MediaExpiryDue{id}); }

void RunPurge(Ctx& ctx, const MediaExpiryDue& due) {
  auto it = ctx.state.media.by_id.find(due.media_id);
  if (it != ctx.state.media.by_id.end() && it->second.expires_at <= ctx.now()) Erase(ctx, due.media_id);
}

MediaObject& Insert(Ctx& ctx, MediaObject m, DurationMs ttl, const PreparedBlob& blob) {
  m.id = ctx.ids.NumericId();
  while (ctx.state.media.by_id.count(m.id)) m.id = ctx.ids.NumericId();
  m.sha256 = blob.sha256;
  m.size = blob.bytes->size();
  m.uploaded_at = ctx.now();
  m.expires_at = ctx.now() + ttl;
  ctx.blobs.Ref(blob);
  std::string id = m.id;
  MediaObject& stored = ctx.state.media.by_id[id] = std::move(m);
  SchedulePurge(ctx, id, stored.expires_at);
  return stored;
}

Status CheckOwnerFilter(const MediaObject& m, const std::string& phone_number_id) {
  // Meta: with phone_number_id the call only proceeds when the media belongs
  // to that number. Assumption: a mismatch is a (#100) Invalid parameter.
  if (!phone_number_id.empty() && phone_number_id != m.phone_number_id)
    return InvalidParameterError("The media " + m.id + " does not belong to phone number " + phone_number_id +
                                 ".");
  return {};
}

}  // namespace

const char* MediaKindName(MediaKind kind) {
  switch (kind) {
    case MediaKind::kAudio:
      return "audio";
    case MediaKind::kDocument:
      return "document";
    case MediaKind::kImage:
      return "image";
    case MediaKind::kSticker:
      return "sticker";
    case MediaKind::kVideo:
      return "video";
  }
  return "document";
}

std::string BaseMime(std::string_view mime) {
  std::string m = Lower(mime);
  return Trim(m.substr(0, m.find(';')));
}

const TypeRule* RuleForMime(std::string_view mime) {
  std::string base = BaseMime(mime);
  // Meta: OGG audio must be OPUS; other codecs are refused.
  if (base == "audio/ogg") {
    std::string codecs = CodecsParam(mime);
    if (!codecs.empty() && codecs != "opus") return nullptr;
  }
  for (const auto& r : kRules)
    if (r.mime == base) return &r;
  return nullptr;
}

bool IsAnimatedWebp(std::string_view b) {
  // RIFF....WEBPVP8X, then a flags byte whose bit 1 marks an animation.
  return b.size() >= 21 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP" &&
         b.substr(12, 4) == "VP8X" && (static_cast<unsigned char>(b[20]) & 0x02) != 0;
}

size_t MaxBytesFor(const TypeRule& rule, std::string_view bytes) {
  // Meta: animated stickers up to 500 KB, static stickers up to 100 KB.
  if (rule.kind == MediaKind::kSticker && !IsAnimatedWebp(bytes)) return kStaticStickerMax;
  return rule.max_bytes;
}

Result<std::string> CheckUpload(const Ctx& ctx, const std::string& phone_number_id,
                                const UploadRequest& req) {
  // The same errors as POST /{phone-number-id}/messages (messages/validation.cc),
  // code 100 in Graph's schema shape (captured: "(#100) The parameter
  // messaging_product is required."), issue #11 item 9.
  if (req.messaging_product.empty()) return SchemaParamError("The parameter messaging_product is required.");
  if (req.messaging_product != "whatsapp")
    return SchemaParamError("Param messaging_product must be one of {WHATSAPP} - got \"" +
                            req.messaging_product + "\".");
  const PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  // Gone since the pipeline resolved it (a reset between the two lock holds):
  // answered as the pipeline answers an unknown node.
  if (!phone) return UnknownObjectError("post", phone_number_id);
  if (phone->deleted) return MakeError(ErrorCode::kPhoneNumberDeleted);
  if (!req.has_file)
    return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter file is required.");
  auto mime = ResolveMime(req);
  if (!mime) return mime.error();
  const TypeRule& rule = *RuleForMime(*mime);
  // Assumption: an empty or oversized file is a 131053 media upload error
  // (Meta documents the limits but not the error an upload gets).
  if (req.bytes.empty()) return MakeError(ErrorCode::kMediaUploadError, "The uploaded file is empty.");
  size_t max = MaxBytesFor(rule, req.bytes);
  if (req.bytes.size() > max)
    return MakeError(ErrorCode::kMediaUploadError, "File of " + std::to_string(req.bytes.size()) +
                                                       " bytes exceeds the " + SizeText(max) + " limit for " +
                                                       MediaKindName(rule.kind) + " (" + *mime + ").");
  return mime;
}

Result<std::string> Upload(Ctx& ctx, const std::string& phone_number_id, const UploadRequest& req,
                           const PreparedBlob& blob) {
  auto mime = CheckUpload(ctx, phone_number_id, req);
  if (!mime) return mime.error();
  MediaObject m;
  m.phone_number_id = phone_number_id;
  m.waba_id = ctx.state.accounts.FindPhone(phone_number_id)->waba_id;
  m.mime_type = *mime;
  m.filename = req.filename;
  return Insert(ctx, std::move(m), ctx.state.config.media_ttl, blob).id;
}

const MediaObject* Find(const Ctx& ctx, const std::string& media_id) {
  auto it = ctx.state.media.by_id.find(media_id);
  if (it == ctx.state.media.by_id.end() || it->second.expires_at <= ctx.now()) return nullptr;
  return &it->second;
}

std::string StoreInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& mime_type,
                         const PreparedBlob& blob, const std::string& filename) {
  MediaObject m;
  m.phone_number_id = phone_number_id;
  const PhoneNumber* phone = ctx.state.accounts.FindPhone(phone_number_id);
  m.waba_id = phone ? phone->waba_id : "";
  m.mime_type = mime_type;
  m.filename = filename;
  m.inbound = true;
  return Insert(ctx, std::move(m), kInboundMediaTtl, blob).id;
}

std::string StoreInbound(Ctx& ctx, const std::string& phone_number_id, const std::string& mime_type,
                         std::string bytes, const std::string& filename) {
  return StoreInbound(ctx, phone_number_id, mime_type, PrepareBlob(std::move(bytes)), filename);
}

Result<IssuedUrl> IssueUrl(Ctx& ctx, const std::string& media_id, const std::string& phone_number_id) {
  auto it = ctx.state.media.by_id.find(media_id);
  if (!Find(ctx, media_id)) return UnknownObjectError("get", media_id);
  MediaObject& m = it->second;
  if (auto s = CheckOwnerFilter(m, phone_number_id); !s) return s.error();
  DropExpiredTokens(ctx);
  // Meta's lookaside `hash` looks like "ATv...": an opaque random token.
  std::string token = "AT" + ctx.ids.FbtraceId() + ctx.ids.FbtraceId();
  TimeMs expires_at = ctx.now() + ctx.state.config.media_url_ttl;
  StoreUrlToken(ctx, m, token, expires_at);
  return IssuedUrl{&m, token, expires_at};
}

IssuedUrl IssueInboundUrl(Ctx& ctx, const std::string& media_id) {
  MediaObject& m = ctx.state.media.by_id.at(media_id);
  DropExpiredTokens(ctx);
  std::string token = "AT" + ctx.ids.FbtraceId() + ctx.ids.FbtraceId();
  StoreUrlToken(ctx, m, token, m.expires_at);
  return IssuedUrl{&m, token, m.expires_at};
}

std::string DownloadUrl(const std::string& base, const std::string& media_id, TimeMs expires_at,
                        const std::string& token) {
  return base + kMediaDownloadPath + "?mid=" + media_id + "&ext=" + UnixSecondsString(expires_at) +
         "&hash=" + token;
}

Status Delete(Ctx& ctx, const std::string& media_id, const std::string& phone_number_id) {
  const MediaObject* m = Find(ctx, media_id);
  if (!m) return UnknownObjectError("delete", media_id);
  if (auto s = CheckOwnerFilter(*m, phone_number_id); !s) return s;
  Erase(ctx, media_id);
  return {};
}

const MediaObject* ResolveDownload(const Ctx& ctx, const std::string& mid, const std::string& token,
                                   const std::vector<std::string>& waba_ids) {
  auto it = ctx.state.media.by_url_token.find(token);
  if (it == ctx.state.media.by_url_token.end()) return nullptr;
  if (it->second.media_id != mid || it->second.expires_at <= ctx.now()) return nullptr;
  const MediaObject* m = Find(ctx, mid);
  if (!m || std::find(waba_ids.begin(), waba_ids.end(), m->waba_id) == waba_ids.end()) return nullptr;
  return m;
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) { handlers.On<MediaExpiryDue>(RunPurge); }

}  // namespace wasim::media
