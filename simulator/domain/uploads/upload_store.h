// Resumable Upload API state (Meta: developers.facebook.com/docs/graph-api/guides/upload):
// upload sessions an app opened with POST /{app-id}/uploads, the bytes each
// has received so far, and the file handles finished uploads produced (used
// as example.header_handle when creating templates with media headers, per
// documentation/whatsapp/templates/components.mdx). Plain data inside
// SimState, under the Simulator lock; the rules are in uploads/service.cc.
#pragma once
#include <cstddef>
#include <map>
#include <string>

#include "simulator/core/time.h"

namespace wasim::uploads {

struct UploadSession {
  std::string id;  // "upload:<opaque>", as Meta returns it
  std::string app_id;
  std::string file_name;
  std::string file_type;  // MIME type declared when the session was opened
  size_t file_length = 0;
  std::string bytes;   // received so far (dropped once the handle is issued)
  std::string handle;  // set once every byte has arrived
  TimeMs created_at = 0;
  // The session's file_offset: the bytes received so far.
  size_t offset() const { return handle.empty() ? bytes.size() : file_length; }
};

// A finished upload, by its handle ("h").
struct UploadedFile {
  std::string handle;
  std::string session_id;
  std::string app_id;
  std::string file_name;
  std::string file_type;
  size_t size = 0;
  std::string sha256;
};

struct UploadStore {
  std::map<std::string, UploadSession> sessions;  // by id
  std::map<std::string, UploadedFile> files;      // by handle
};

}  // namespace wasim::uploads
