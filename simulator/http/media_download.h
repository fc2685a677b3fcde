// The media download URL, mimicking Meta's lookaside URL on our own host:
//   http://<Host>/whatsapp_business/attachments/?mid=<id>&ext=<unix secs>&hash=<token>
// It is not a Graph node: GraphPipeline::Handle hands such paths here first.
// Meta: the caller must send `Authorization: Bearer <token>`; every failure
// (no/foreign token, expired or unknown URL) is a bare 404.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/time.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/simulator.h"
#include "simulator/http/http_types.h"

namespace wasim {

using media::kMediaDownloadPath;

bool IsMediaDownloadPath(const std::string& path);

// The Host header when it is a plain host[:port], else "localhost"
// (so a client cannot inject text into URLs we render).
std::string RequestHost(const HttpRequest& req);

// The URL for a media id, on the host the client called (Host header;
// "localhost" when absent or not a plain host[:port]).
std::string MediaDownloadUrl(const HttpRequest& req, const std::string& media_id, TimeMs expires_at,
                             const std::string& token);

// Serves the bytes with their Content-Type, or 404.
HttpResponse HandleMediaDownload(Simulator& sim, const HttpRequest& req);

}  // namespace wasim
