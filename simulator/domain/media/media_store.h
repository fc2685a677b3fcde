// Uploaded and received media: type, hash and lifetime. State only; rules
// live in media/service. The bytes are not state: they live in the
// Simulator's BlobStore under sha256 (media/blob_store.h).
#pragma once
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "simulator/core/time.h"

namespace wasim {

struct MediaObject {
  std::string id;
  std::string phone_number_id;  // uploader (or receiving number for inbound media)
  std::string waba_id;
  std::string mime_type;
  std::string filename;
  std::string sha256;  // hex; names the bytes in the BlobStore (one reference per media id)
  size_t size = 0;     // bytes
  TimeMs uploaded_at = 0;
  TimeMs expires_at = 0;  // Meta: uploaded media persists 30 days
  bool inbound = false;   // received from a customer (downloadable 7 days)
  // Its download URL tokens not yet dropped (Meta: a URL is valid 5 minutes).
  std::set<std::string> url_tokens;
};

// One issued download URL (several may be valid at once for one media id).
struct MediaUrlToken {
  std::string media_id;
  TimeMs expires_at = 0;
};

struct MediaStore {
  std::map<std::string, MediaObject> by_id;
  // url_token (the URL's `hash`) -> media id and expiry
  std::map<std::string, MediaUrlToken> by_url_token;
  // The same tokens by expiry, so expired ones are dropped without a scan.
  std::set<std::pair<TimeMs, std::string>> url_tokens_by_expiry;
};

}  // namespace wasim
