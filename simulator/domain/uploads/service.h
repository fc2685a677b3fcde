// Resumable Upload API, in domain terms (Meta's guide "Upload a file",
// developers.facebook.com/docs/graph-api/guides/upload, and the reference
// graph-api/reference/application/uploads):
//   1. POST /{app-id}/uploads?file_name&file_length&file_type -> {"id":"upload:<id>"}
//   2. POST /upload:<id> with header file_offset and the bytes -> {"h":"<handle>"}
//   3. GET /upload:<id> -> {"id":"upload:<id>","file_offset":N} (to resume)
// Errors are code 100 (the reference lists 100 "Invalid parameter"; the
// wording of each is our assumption).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"
#include "simulator/domain/uploads/upload_store.h"

namespace wasim::uploads {

// Meta's guide: file_type is one of application/pdf, image/jpeg, image/jpg,
// image/png, video/mp4.
bool IsAllowedFileType(std::string_view mime);

// Assumption: Meta documents no size limit for a session; we cap file_length
// at 100 MB (the largest WhatsApp media, documents).
constexpr size_t kMaxFileLength = 100u * 1024 * 1024;

// Step 1. `params`: file_name, file_length, file_type (strings or numbers,
// as Graph reads query and form fields). Returns the session id.
Result<std::string> StartSession(Ctx& ctx, const std::string& app_id, const Json& params);

// Step 2. `file_offset` is the header's text (nullopt when absent): it must be
// the session's current offset. Appends `bytes`.
struct ChunkOutcome {
  bool complete = false;
  std::string handle;  // when complete
  size_t file_offset = 0;
};
Result<ChunkOutcome> Append(Ctx& ctx, const std::string& session_id,
                            const std::optional<std::string>& file_offset, std::string_view bytes);

// The session (step 3), or nullptr.
const UploadSession* FindSession(const SimState& state, const std::string& session_id);
// A handle step 2 issued, or nullptr.
const UploadedFile* FindFile(const SimState& state, const std::string& handle);

}  // namespace wasim::uploads
