// Resumable Upload API routes (Meta's guide "Upload a file",
// developers.facebook.com/docs/graph-api/guides/upload):
//   POST /{app-id}/uploads   -> {"id":"upload:<id>"}
//   POST /upload:<id>        -> {"h":"<handle>"} once every byte has arrived
//   GET  /upload:<id>        -> {"id":"upload:<id>","file_offset":N}
// Meta's step 2 authenticates with "Authorization: OAuth <token>"; the pipeline
// reads that header as it reads "Bearer".
#include "simulator/domain/uploads/service.h"
#include "simulator/http/graph_router.h"

namespace wasim {
namespace {

Result<GraphReply> PostAppUploads(Ctx& ctx, GraphCall& call) {
  auto id = uploads::StartSession(ctx, call.node_id, call.params);
  if (!id) return id.error();
  Json out;
  out["id"] = *id;
  return GraphReply::Of(std::move(out));
}

Json SessionOffset(const std::string& id, size_t offset) {
  Json out;
  out["id"] = id;
  out["file_offset"] = offset;
  return out;
}

// The body is the file's bytes (the pipeline does not parse it as parameters).
Result<GraphReply> PostUploadSession(Ctx& ctx, GraphCall& call) {
  std::optional<std::string> offset;
  if (call.http.headers.count("file_offset")) offset = call.http.Header("file_offset");
  auto r = uploads::Append(ctx, call.node_id, offset, call.http.body);
  if (!r) return r.error();
  if (r->complete) {
    Json out;
    out["h"] = r->handle;  // Meta: {"h":"<UPLOADED_FILE_HANDLE>"}
    return GraphReply::Of(std::move(out));
  }
  // Assumption: a chunk that leaves the file incomplete answers with the
  // session's new offset, in the shape of the resume query (Meta's guide only
  // shows whole-file uploads).
  return GraphReply::Of(SessionOffset(call.node_id, r->file_offset));
}

Result<GraphReply> GetUploadSession(Ctx& ctx, GraphCall& call) {
  const uploads::UploadSession* s = uploads::FindSession(ctx.state, call.node_id);
  if (!s) return UnknownObjectError("get", call.node_id);
  return GraphReply::Of(SessionOffset(s->id, s->offset()));
}

}  // namespace

void RegisterUploadRoutes(GraphRouter& r) {
  r.Add(NodeKind::kApp, "POST", "uploads", PostAppUploads);
  r.Add(NodeKind::kUploadSession, "POST", "", PostUploadSession);
  r.Add(NodeKind::kUploadSession, "GET", "", GetUploadSession);
}

}  // namespace wasim
