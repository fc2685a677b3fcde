#include "simulator/http/media_download.h"

#include <algorithm>
#include <cctype>

#include "simulator/domain/auth/auth.h"
#include "simulator/domain/media/service.h"

namespace wasim {
namespace {

// Only a plain host[:port] is echoed into URLs (no injection via Host).
bool IsPlainHost(const std::string& h) {
  return !h.empty() && h.size() <= 255 && std::all_of(h.begin(), h.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

// Meta: the download needs the access token in the Authorization header.
std::string BearerOf(const HttpRequest& req) {
  std::string auth = req.Header("authorization");
  if (auth.size() <= 7) return "";
  std::string scheme = auth.substr(0, 7);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return scheme == "bearer " ? auth.substr(7) : "";
}

HttpResponse NotFound() {
  HttpResponse r;
  r.status = 404;
  r.content_type = "text/plain";
  return r;
}

}  // namespace

bool IsMediaDownloadPath(const std::string& path) {
  return path == kMediaDownloadPath || path == "/whatsapp_business/attachments";
}

std::string RequestHost(const HttpRequest& req) {
  std::string host = req.Header("host");
  return IsPlainHost(host) ? host : "localhost";
}

std::string MediaDownloadUrl(const HttpRequest& req, const std::string& media_id, TimeMs expires_at,
                             const std::string& token) {
  return media::DownloadUrl("http://" + RequestHost(req), media_id, expires_at, token);
}

HttpResponse HandleMediaDownload(Simulator& sim, const HttpRequest& req) {
  if (req.method != "GET") return NotFound();
  std::string token = BearerOf(req);
  std::string mid = req.Query("mid"), hash = req.Query("hash");
  if (token.empty() || mid.empty() || hash.empty()) return NotFound();
  struct Target {
    std::string sha256, mime_type;
  };
  // Under the lock: who may read what; the bytes are fetched after it.
  auto target = sim.WithLock([&](Ctx& ctx) -> std::optional<Target> {
    auto principal = Authenticate(ctx.state.accounts, token, ctx.now());
    if (!principal) return std::nullopt;
    const MediaObject* m = media::ResolveDownload(ctx, mid, hash, principal->waba_ids);
    if (!m) return std::nullopt;
    return Target{m->sha256, m->mime_type};
  });
  if (!target) return NotFound();
  // Null only when the media was deleted, expired or reset in between: the
  // 404 it would have got a moment later.
  Blob bytes = sim.blobs().Get(target->sha256);
  if (!bytes) return NotFound();
  HttpResponse r;
  r.status = 200;
  r.content_type = target->mime_type;
  r.body = *bytes;  // binary, never through JSON; the one copy (HttpResponse owns its body)
  return r;
}

}  // namespace wasim
