// Media routes: POST /{phone-number-id}/media, GET and DELETE /{media-id}.
// The download URL itself is served by media_download.cc.
#include "simulator/domain/media/service.h"
#include "simulator/http/graph_router.h"
#include "simulator/http/media_download.h"

namespace wasim {
namespace {

const MultipartPart* FilePart(const HttpRequest& req) {
  for (const auto& p : req.parts)
    if (p.name == "file") return &p;
  return nullptr;
}

// Views into the request (the bytes are not copied here).
media::UploadRequest ReadUpload(const GraphCall& call) {
  media::UploadRequest up;
  up.messaging_product = ParamString(call.params, "messaging_product");
  up.type = ParamString(call.params, "type");
  if (const MultipartPart* f = FilePart(call.http)) {
    up.has_file = true;
    up.file_content_type = f->content_type;
    up.filename = f->filename;
    up.bytes = f->content;
  }
  return up;
}

// Checked under the lock (nothing stored on error, nothing hashed); the bytes
// are hashed and copied into the blob store (once, and only when new) without
// it; then checked again and committed under it. `up` views the request,
// which outlives the continuation (the pipeline runs it before it answers).
Result<GraphReply> PostMedia(Ctx& ctx, GraphCall& call) {
  media::UploadRequest up = ReadUpload(call);
  if (auto mime = media::CheckUpload(ctx, call.node_id, up); !mime) return mime.error();
  return GraphReply::AfterUnlock([up, phone = call.node_id](UnlockedContext& u) -> Result<GraphReply> {
    PreparedBlob blob = u.sim.blobs().PrepareFrom(up.bytes);
    auto id = u.sim.WithLock([&](Ctx& ctx) { return media::Upload(ctx, phone, up, blob); });
    if (!id) return id.error();
    Json out;
    out["id"] = *id;  // Meta: {"id":"<MEDIA_ID>"}
    return GraphReply::Of(std::move(out));
  });
}

// Meta's order: messaging_product, url, mime_type, sha256, file_size (a string), id.
Result<GraphReply> GetMedia(Ctx& ctx, GraphCall& call) {
  auto issued = media::IssueUrl(ctx, call.node_id, ParamString(call.params, "phone_number_id"));
  if (!issued) return issued.error();
  const MediaObject& m = *issued->media;
  Json out;
  out["messaging_product"] = "whatsapp";
  out["url"] = MediaDownloadUrl(call.http, m.id, issued->expires_at, issued->token);
  out["mime_type"] = m.mime_type;
  out["sha256"] = m.sha256;
  out["file_size"] = std::to_string(m.size);
  out["id"] = m.id;
  return GraphReply::Of(std::move(out));
}

// The bytes a delete released are freed after the lock (up to 100 MB: a
// free that takes tens of milliseconds).
Result<GraphReply> DeleteMedia(Ctx& ctx, GraphCall& call) {
  auto s = media::Delete(ctx, call.node_id, ParamString(call.params, "phone_number_id"));
  if (!s) return s.error();
  return GraphReply::AfterUnlock([](UnlockedContext& u) {
    u.sim.blobs().DropRetired();
    return SuccessReply();
  });
}

}  // namespace

void RegisterMediaRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "media", PostMedia);
  r.Add(NodeKind::kMedia, "GET", "", GetMedia);
  r.Add(NodeKind::kMedia, "DELETE", "", DeleteMedia);
}

}  // namespace wasim
