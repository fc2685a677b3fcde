#include "simulator/domain/uploads/service.h"

#include <algorithm>
#include <cctype>

#include "simulator/core/hmac.h"
#include "simulator/core/ids.h"

namespace wasim::uploads {
namespace {

// A parameter as text: query and form fields are strings, JSON bodies may send numbers.
std::optional<std::string> UploadParamText(const Json& params, const char* key) {
  if (!params.contains(key)) return std::nullopt;
  const Json& v = params[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  return std::string();
}

// A non-negative decimal integer of at most 18 digits; nullopt otherwise.
std::optional<size_t> UploadDecimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return static_cast<size_t>(std::stoull(std::string(text)));
}

// base64url without padding, so an id fits in a path segment.
std::string UploadUrlSafe(std::string b64) {
  for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

// Assumption: Meta's session ids are "upload:" + base64 of
// "1:attachment:<uuid>..." (seen in its examples); ours follow that shape
// without the `?sig=` tail.
std::string NewSessionId(Ctx& ctx) {
  std::string id;
  do {
    std::string uuid = ctx.ids.Hex(8) + "-" + ctx.ids.Hex(4) + "-" + ctx.ids.Hex(4) + "-" + ctx.ids.Hex(4) +
                       "-" + ctx.ids.Hex(12);
    id = "upload:" + UploadUrlSafe(Base64Encode("1:attachment:" + uuid));
  } while (ctx.state.uploads.sessions.count(id));
  return id;
}

// Assumption: handles look like Meta's examples in the template docs
// ("4::aW..."): "4::" + base64(MIME type) + ":" + an opaque tail.
std::string NewHandle(Ctx& ctx, const std::string& file_type) {
  std::string h;
  do h = "4::" + Base64Encode(file_type) + ":" + UploadUrlSafe(Base64Encode(ctx.ids.Hex(48)));
  while (ctx.state.uploads.files.count(h));
  return h;
}

}  // namespace

bool IsAllowedFileType(std::string_view mime) {
  static constexpr std::string_view kTypes[] = {"application/pdf", "image/jpeg", "image/jpg", "image/png",
                                                "video/mp4"};
  return std::find(std::begin(kTypes), std::end(kTypes), mime) != std::end(kTypes);
}

Result<std::string> StartSession(Ctx& ctx, const std::string& app_id, const Json& params) {
  // Meta's guide (graph-api/guides/upload): file_length and file_type are
  // required; file_name is optional (the reference lists it, the guide's
  // request omits it).
  for (const char* key : {"file_length", "file_type"}) {
    auto v = UploadParamText(params, key);
    if (!v || v->empty()) return SchemaParamError(std::string("The parameter ") + key + " is required.");
  }
  auto length = UploadDecimal(*UploadParamText(params, "file_length"));
  if (!length || *length == 0)
    return SchemaParamError("Param file_length must be a positive integer.");  // wording: assumption
  if (*length > kMaxFileLength)
    return InvalidParameterError("file_length " + std::to_string(*length) + " exceeds the " +
                                 std::to_string(kMaxFileLength) + " bytes an upload session accepts.");
  std::string type = *UploadParamText(params, "file_type");
  if (!IsAllowedFileType(type))
    return SchemaParamError(
        "Param file_type must be one of {application/pdf, image/jpeg, image/jpg, "
        "image/png, video/mp4} - got \"" +
        type + "\".");
  UploadSession s;
  s.id = NewSessionId(ctx);
  s.app_id = app_id;
  s.file_name = UploadParamText(params, "file_name").value_or("");
  s.file_type = type;
  s.file_length = *length;
  s.created_at = ctx.now();
  std::string id = s.id;
  ctx.state.uploads.sessions.emplace(id, std::move(s));
  return id;
}

Result<ChunkOutcome> Append(Ctx& ctx, const std::string& session_id,
                            const std::optional<std::string>& file_offset, std::string_view bytes) {
  auto it = ctx.state.uploads.sessions.find(session_id);
  if (it == ctx.state.uploads.sessions.end()) return UnknownObjectError("post", session_id);
  UploadSession& s = it->second;
  // Meta's guide: the first upload sends file_offset: 0; a resumed one sends
  // the file_offset GET /upload:<id> returned.
  if (!file_offset) return SchemaParamError("The parameter file_offset is required.");
  auto offset = UploadDecimal(*file_offset);
  if (!offset) return SchemaParamError("Param file_offset must be a non-negative integer.");
  // Assumption: an offset other than the bytes received so far, bytes past
  // file_length, an empty chunk or a chunk for a finished session are code 100.
  if (!s.handle.empty())
    return InvalidParameterError("The upload session " + session_id + " is already complete.");
  if (*offset != s.bytes.size())
    return InvalidParameterError("file_offset " + std::to_string(*offset) +
                                 " does not match the session's offset " + std::to_string(s.bytes.size()) +
                                 ".");
  if (bytes.empty()) return InvalidParameterError("The request has no file data.");
  if (bytes.size() > s.file_length - s.bytes.size())
    return InvalidParameterError("The data runs past file_length " + std::to_string(s.file_length) + ".");
  s.bytes.append(bytes);
  ChunkOutcome out;
  out.file_offset = s.bytes.size();
  if (s.bytes.size() < s.file_length) return out;
  UploadedFile f;
  f.handle = NewHandle(ctx, s.file_type);
  f.session_id = s.id;
  f.app_id = s.app_id;
  f.file_name = s.file_name;
  f.file_type = s.file_type;
  f.size = s.bytes.size();
  f.sha256 = Sha256Hex(s.bytes);
  s.handle = f.handle;
  // Only the size and the digest are kept: a finished session holds no bytes.
  std::string().swap(s.bytes);
  out.complete = true;
  out.handle = f.handle;
  ctx.state.uploads.files.emplace(f.handle, std::move(f));
  return out;
}

const UploadSession* FindSession(const SimState& state, const std::string& session_id) {
  auto it = state.uploads.sessions.find(session_id);
  return it == state.uploads.sessions.end() ? nullptr : &it->second;
}

const UploadedFile* FindFile(const SimState& state, const std::string& handle) {
  auto it = state.uploads.files.find(handle);
  return it == state.uploads.files.end() ? nullptr : &it->second;
}

}  // namespace wasim::uploads
