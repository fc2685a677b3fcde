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

Result<GraphReply> PostMedia(Ctx& ctx, GraphCall& call) {
  media::UploadRequest up;
  up.messaging_product = ParamString(call.params, "messaging_product");
  up.type = ParamString(call.params, "type");
  if (const MultipartPart* f = FilePart(call.http)) {
    up.has_file = true;
    up.file_content_type = f->content_type;
    up.filename = f->filename;
    up.bytes = f->content;
  }
  auto id = media::Upload(ctx, call.node_id, up);
  if (!id) return id.error();
  Json out;
  out["id"] = *id;  // Meta: {"id":"<MEDIA_ID>"}
  return GraphReply::Of(std::move(out));
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
  out["file_size"] = std::to_string(m.bytes.size());
  out["id"] = m.id;
  return GraphReply::Of(std::move(out));
}

Result<GraphReply> DeleteMedia(Ctx& ctx, GraphCall& call) {
  auto s = media::Delete(ctx, call.node_id, ParamString(call.params, "phone_number_id"));
  if (!s) return s.error();
  return SuccessReply();
}

}  // namespace

void RegisterMediaRoutes(GraphRouter& r) {
  r.Add(NodeKind::kPhoneNumber, "POST", "media", PostMedia);
  r.Add(NodeKind::kMedia, "GET", "", GetMedia);
  r.Add(NodeKind::kMedia, "DELETE", "", DeleteMedia);
}

}  // namespace wasim
