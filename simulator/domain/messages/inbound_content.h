// Per-type content of an inbound (user -> business) message: validates what
// the operator posts to /_sim/inbound and builds the object Meta puts under
// messages[].<type> in the webhook. Pure: nothing here changes state; media
// bytes are returned (decoded and hashed) as a draft the caller stores.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/media/blob_store.h"

namespace wasim::messages {

// A media attachment not yet stored (id and hash are assigned on commit).
struct InboundMediaDraft {
  std::string mime_type;
  PreparedBlob data;             // decoded `data`; no bytes: generate placeholder bytes
  std::string caption;           // image, video, document
  std::string filename;          // document
  std::optional<bool> voice;     // audio: recorded voice note
  std::optional<bool> animated;  // sticker
};

struct InboundContent {
  Json content = Json::object();  // final object for non-media types
  std::optional<InboundMediaDraft> media;
  // For edit/revoke/reaction: the wamid this message points at.
  std::string target_message_id;
};

// Types Meta sends in messages[] that /_sim/inbound accepts.
bool IsKnownInboundType(const std::string& type);
bool IsInboundMediaType(const std::string& type);

// Meta: inbound media > 100 MB is refused (webhook error 131052).
constexpr size_t kMaxInboundMediaBytes = 100u * 1024 * 1024;

// The media item's `data` of an inbound body, decoded and hashed. The admin
// API calls it before it takes the state lock, so large bytes are never
// decoded or hashed under it. nullopt when there is no well-formed `data`
// (BuildInboundContent then reports what is wrong, as it always did).
std::optional<PreparedBlob> PrepareInboundData(const Json& body);

// Validates body[type] (except edit/revoke/reaction targets, which need the
// store: see inbound.cc) and builds the content. `data`: PrepareInboundData(body)
// when the caller ran it (else `data` is decoded and hashed here).
Result<InboundContent> BuildInboundContent(const std::string& type, const Json& body,
                                           const PreparedBlob* data = nullptr);

// The webhook object for a stored inbound media item, in Meta's key order:
// caption?, filename?, mime_type, sha256 (base64 of the digest), id, voice?/animated?.
Json InboundMediaJson(const InboundMediaDraft& d, const std::string& media_id, const std::string& sha256_hex);

}  // namespace wasim::messages
