// Uploaded and received media: bytes, type and lifetime. State only; rules
// live in media/service.
#pragma once
#include <map>
#include <string>

#include "simulator/core/time.h"

namespace wasim {

struct MediaObject {
  std::string id;
  std::string phone_number_id;  // uploader (or receiving number for inbound media)
  std::string waba_id;
  std::string mime_type;
  std::string filename;
  std::string bytes;
  std::string sha256;  // hex
  TimeMs uploaded_at = 0;
  TimeMs expires_at = 0;  // Meta: uploaded media persists 30 days
  bool inbound = false;   // received from a customer (downloadable 7 days)
  // Latest download URL token and its expiry (Meta: URL valid 5 minutes).
  std::string url_token;
  TimeMs url_expires_at = 0;
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
};

}  // namespace wasim
