#include "simulator/http/pipeline.h"

#include <algorithm>
#include <any>
#include <cctype>
#include <exception>

#include "simulator/core/error_render.h"
#include "simulator/core/graph_versions.h"
#include "simulator/core/hmac.h"
#include "simulator/core/http_time.h"
#include "simulator/core/ids.h"
#include "simulator/http/media_download.h"

namespace wasim {
namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

// "/v23.0/123/messages" -> "v23.0" (without splitting the whole path).
std::string FirstSegment(const std::string& path) {
  size_t begin = path.find_first_not_of('/');
  if (begin == std::string::npos) return "";
  return path.substr(begin, path.find('/', begin) - begin);
}

std::string LowerMethod(const std::string& m) {
  std::string s = m;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Every input a client controls must be valid UTF-8 before it can reach a dump().
Status CheckInputEncoding(const HttpRequest& req) {
  if (!IsValidUtf8(req.path)) return InvalidParameterError("Request path is not valid UTF-8.");
  for (const auto& [k, v] : req.query)
    if (!IsValidUtf8(k) || !IsValidUtf8(v))
      return InvalidParameterError("Query parameter is not valid UTF-8.");
  for (const auto& [k, v] : req.headers) {
    if (!IsValidUtf8(k)) return InvalidParameterError("A header name is not valid UTF-8.");
    if (!IsValidUtf8(v)) return InvalidParameterError("Header " + k + " is not valid UTF-8.");
  }
  for (const auto& p : req.parts) {
    if (!IsValidUtf8(p.name) || !IsValidUtf8(p.filename) || !IsValidUtf8(p.content_type))
      return InvalidParameterError("Multipart part headers are not valid UTF-8.");
    // File parts carry bytes; plain form fields must be text.
    if (p.filename.empty() && !IsValidUtf8(p.content))
      return InvalidParameterError("Multipart field " + p.name + " is not valid UTF-8.");
  }
  return {};
}

// A header value safe to echo: printable ASCII without quotes, at most `max` bytes.
std::string HeaderSafe(std::string_view text, size_t max) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= max) break;
    out += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '?';
  }
  return out;
}

// Meta's Resumable Upload API: POST /upload:<id> carries the file's bytes as
// the body (curl --data-binary), so such a body is data, not parameters.
bool IsUploadSessionNode(const std::string& node) { return node.rfind("upload:", 0) == 0; }

// Merges query parameters and the body (JSON object or form) into one object.
Status ParseParams(const HttpRequest& req, Json* params, bool body_is_file) {
  for (const auto& [k, v] : req.query)
    if (k != "access_token") (*params)[k] = v;
  if (body_is_file) return {};
  std::string ctype = req.Header("content-type");
  std::string base = ctype.substr(0, ctype.find(';'));
  std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return std::tolower(c); });
  while (!base.empty() && base.back() == ' ') base.pop_back();
  if (base == "multipart/form-data") {
    for (const auto& p : req.parts)
      if (p.filename.empty()) (*params)[p.name] = p.content;
    return {};
  }
  if (req.body.empty()) return {};
  if (base == "application/json" || base.empty()) {
    auto parsed = ParseJsonBody(req.body);
    if (!parsed) return parsed.error();
    if (!parsed->is_object()) return InvalidParameterError("Request body must be a JSON object.");
    for (auto& [k, v] : parsed->items()) (*params)[k] = v;
    return {};
  }
  if (base == "application/x-www-form-urlencoded") {
    if (!IsValidUtf8(req.body)) return InvalidParameterError("Request body is not valid UTF-8.");
    for (const auto& [k, v] : ParseQueryString(req.body)) {
      if (!IsValidUtf8(k) || !IsValidUtf8(v)) return InvalidParameterError("Form field is not valid UTF-8.");
      // Graph accepts JSON-encoded values in form fields (e.g. components=[...]).
      if (!v.empty() && (v[0] == '{' || v[0] == '[')) {
        auto nested = ParseJsonBody(v);
        if (nested) {
          (*params)[k] = *nested;
          continue;
        }
      }
      (*params)[k] = v;
    }
    return {};
  }
  return InvalidParameterError(
      "Unsupported Content-Type '" + base +
      "': send application/json, application/x-www-form-urlencoded or multipart/form-data.");
}

// What the pipeline does with a request before taking the lock. Nothing here
// reads state, and nothing is reported yet: the locked phase reports a parse
// error (or a bug's exception) after auth and routing, as it did when parsing
// ran under the lock.
struct Prepared {
  Status parsed;
  Json params = Json::object();
  const GraphRoute* decoded_by = nullptr;  // the route whose decoder ran
  std::any decoded;
  std::exception_ptr failure;
};

Prepared Prepare(const GraphRouter& router, const HttpRequest& req, const std::string& node,
                 const std::string& edge) {
  Prepared p;
  try {
    p.parsed = ParseParams(req, &p.params, IsUploadSessionNode(node));
    if (!p.parsed) return p;
    p.decoded_by = router.DecodingRoute(req.method, edge);
    if (p.decoded_by) p.decoded = p.decoded_by->decode(p.params);
  } catch (...) {
    p.failure = std::current_exception();
  }
  return p;
}

// How the fault rules see a request: the path's node, and the `to` and
// `type` of a send (type defaults to "text" as Meta's does; a mark-as-read
// or typing indicator has none).
faults::FaultRequest FaultRequestOf(const HttpRequest& req, const std::vector<std::string>& parts,
                                    const Json& params) {
  faults::FaultRequest fr;
  fr.method = req.method;
  fr.path = req.path;
  fr.node = parts.empty() ? "" : parts[0];
  if (req.method == "POST" && parts.size() == 2 && parts[1] == "messages" && params.is_object()) {
    if (auto it = params.find("to"); it != params.end() && it->is_string()) fr.to = it->get<std::string>();
    if (auto it = params.find("type"); it != params.end()) {
      if (it->is_string()) fr.type = it->get<std::string>();
    } else if (!(params.contains("status") && !params.contains("to"))) {
      fr.type = "text";
    }
  }
  return fr;
}

}  // namespace

std::string RequestAccessToken(const HttpRequest& req) {
  std::string auth = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  constexpr std::string_view kOAuth = "OAuth ";
  if (auth.size() > kBearer.size() &&
      std::equal(kBearer.begin(), kBearer.end(), auth.begin(),
                 [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
    return auth.substr(kBearer.size());
  if (auth.rfind(kOAuth, 0) == 0) return auth.substr(kOAuth.size());
  return req.Query("access_token");
}

GraphPipeline::GraphPipeline(Simulator& sim) : GraphPipeline(sim, GraphApiRouter()) {}

GraphPipeline::GraphPipeline(Simulator& sim, GraphRouter router) : sim_(sim), router_(std::move(router)) {}

size_t GraphPipeline::BodyLimitFor(const std::string& method, const std::string& path) const {
  if (path == "/_sim" || path.rfind("/_sim/", 0) == 0) return limits_.admin;
  std::string_view p = path;
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);  // routing ignores trailing '/'
  if (method == "POST" && p.size() >= 6 && p.compare(p.size() - 6, 6, "/media") == 0)
    return limits_.media_upload;
  // A Resumable Upload API chunk (POST /upload:<id>): file bytes, as large as a media upload.
  if (method == "POST" && IsUploadSessionNode(std::string(p.substr(p.rfind('/') + 1))))
    return limits_.media_upload;
  return limits_.json;
}

GraphError BodyTooLargeError(size_t limit) {
  return InvalidParameterError("Request body is too large for this endpoint (limit " + std::to_string(limit) +
                               " bytes).");
}

HttpResponse GraphPipeline::JsonResponse(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.body = DumpMeta(body);
  return r;
}

HttpResponse GraphPipeline::ErrorResponse(const GraphError& e) {
  std::string trace = sim_.ids().FbtraceId();
  HttpResponse r = JsonResponse(e.http_status, RenderHttpError(e, trace));
  r.error_code = e.code_number();
  r.headers.emplace_back("x-fb-trace-id", trace);
  // Graph sends the error in WWW-Authenticate too: "invalid_token" for token
  // errors (190; captured, e.g. calebd/SimpleAuth#102), "invalid_request"
  // otherwise (captured for 133010).
  const char* kind = e.code_number() == static_cast<int>(ErrorCode::kAccessTokenInvalid) ? "invalid_token"
                                                                                         : "invalid_request";
  r.headers.emplace_back("WWW-Authenticate", std::string("OAuth \"Facebook Platform\" \"") + kind + "\" \"" +
                                                 HeaderSafe(e.message, 200) + "\"");
  return r;
}

Result<GraphReply> GraphPipeline::Dispatch(const HttpRequest& req, FaultOutcome* fault, ServedCall* served) {
  // The server checks this before reading; repeated here for in-process callers.
  if (size_t limit = BodyLimitFor(req.method, req.path); req.body.size() > limit)
    return BodyTooLargeError(limit);
  if (auto s = CheckInputEncoding(req); !s) return s.error();
  auto parts = SplitPath(req.path);
  std::string requested_version;
  if (!parts.empty() && LooksLikeGraphVersion(parts[0])) {
    requested_version = parts[0];
    parts.erase(parts.begin());
  }
  // core/graph_versions: an expired version is served as the oldest live one;
  // an unknown one is an unknown path.
  ServedVersion sv = ServeGraphVersion(requested_version, sim_.clock().Now());
  if (sv.how == VersionServing::kUnknown) {
    std::string rest;
    for (const auto& p : parts) rest += "/" + p;
    return UnknownPathError(rest.empty() ? "/" : rest);
  }
  served->version = sv.version;
  const std::string version = requested_version.empty() ? "" : sv.version;
  if (parts.empty()) return UnknownPathError("/");
  const std::string method = LowerMethod(req.method);
  Prepared prepared = Prepare(router_, req, parts[0], parts.size() > 1 ? parts[1] : "");

  // Faults: built only while a rule is armed (the fault-free path is two atomic loads).
  faults::FaultStore& fault_rules = sim_.faults();
  std::optional<faults::FaultRequest> fault_req;
  auto fault_request = [&]() -> const faults::FaultRequest& {
    if (!fault_req) fault_req = FaultRequestOf(req, parts, prepared.params);
    return *fault_req;
  };
  if (fault_rules.Armed(faults::FaultStage::kBeforeAuth)) {
    if (auto f = fault_rules.Check(faults::FaultStage::kBeforeAuth, fault_request())) {
      fault->id = f->id;
      fault->latency_ms = f->action.latency_ms;
      fault->drop = f->action.drop;
      fault->status = f->action.status;
      if (f->action.drop) {
        HttpResponse none;
        none.status = 0;  // nothing is sent: the transport closes the connection
        none.body.clear();
        return GraphReply::Raw(std::move(none));
      }
      if (f->action.status) {
        std::string trace = sim_.ids().FbtraceId();
        HttpResponse r;
        r.status = *f->action.status;
        if (f->action.body) {
          r.body = *f->action.body;
          if (!ParseJsonBody(r.body)) r.content_type = "text/plain; charset=UTF-8";
        } else {
          r.body = DumpMeta(faults::RawStatusBody(r.status, trace));
        }
        r.headers.emplace_back("x-fb-trace-id", trace);
        return GraphReply::Raw(std::move(r));
      }
      // Latency only: served normally, answered late.
    }
  }

  // Paths Graph answers before token authentication (OAuth code exchange, debug_token).
  if (parts.size() <= 2) {
    std::string path = parts.size() == 2 ? parts[0] + "/" + parts[1] : parts[0];
    if (const PublicGraphHandler* pub = router_.FindPublic(req.method, path)) {
      if (prepared.failure) std::rethrow_exception(prepared.failure);
      if (!prepared.parsed) return prepared.parsed.error();
      return sim_.WithLock([&](Ctx& ctx) { return (*pub)(ctx, RequestAccessToken(req), prepared.params); });
    }
  }
  auto reply = sim_.WithLock([&](Ctx& ctx) -> Result<GraphReply> {
    auto principal = Authenticate(ctx.state.accounts, RequestAccessToken(req), ctx.now());
    if (!principal) return principal.error();
    GraphCall call{req, version, parts[0], parts.size() > 1 ? parts[1] : "", {}, *principal, Json::object()};
    call.node = ResolveNode(ctx.state, call.node_id);
    if (!CanAccess(ctx.state, call.principal, call.node)) return UnknownObjectError(method, call.node_id);
    if (!call.principal.is_app_token && !call.node.waba_id.empty())
      served->usage = rules::CountGraphCall(ctx.state, call.principal.app_id, call.node.waba_id, ctx.now());
    if (parts.size() > 2) {
      std::string rest;
      for (size_t i = 2; i < parts.size(); ++i) rest += "/" + parts[i];
      return UnknownPathError(rest);
    }
    const GraphRoute* route = router_.Find(call.node.kind, req.method, call.edge);
    if (!route) {
      if (call.edge.empty() || router_.HasEdge(call.node.kind, call.edge) || req.method != "GET")
        return UnknownObjectError(method, call.edge.empty() ? call.node_id : call.node_id + "/" + call.edge);
      return NonexistingFieldError(call.edge, NodeTypeName(call.node.kind));
    }
    if (prepared.failure) std::rethrow_exception(prepared.failure);
    if (!prepared.parsed) return prepared.parsed.error();
    // A catalog-error fault answers instead of the handler: nothing changes.
    // (Checked before the params move into the call: the rule reads them.)
    if (fault->id.empty() && fault_rules.Armed(faults::FaultStage::kAfterAuth)) {
      if (auto f = fault_rules.Check(faults::FaultStage::kAfterAuth, fault_request())) {
        fault->id = f->id;
        fault->latency_ms = f->action.latency_ms;
        return faults::FaultGraphError(f->action, req.path);
      }
    }
    call.params = std::move(prepared.params);
    // One kind per (method, edge) decodes (GraphRouter::Add), so a route with a
    // decoder is the one that ran.
    if (route == prepared.decoded_by) call.decoded = std::move(prepared.decoded);
    return route->handler(ctx, call);
  });
  // Work a handler must do without the lock (webhook verification handshake).
  if (reply && reply->after_unlock) {
    UnlockedContext unlocked{sim_, webhook_sender_};
    return reply->after_unlock(unlocked);
  }
  return reply;
}

namespace {

// Bodies kept in the fact log per Graph call (the rest is cut, and marked so).
constexpr size_t kFactBodyCap = 4096;

std::string Capped(const std::string& body, bool* truncated) {
  *truncated = body.size() > kFactBodyCap;
  return *truncated ? body.substr(0, kFactBodyCap) : body;
}

// What the request log shows instead of an access token.
constexpr const char* kRedactedToken = "<redacted>";

// A body with an access_token field (form or JSON) keeps the field, not its value.
std::string RedactBodyToken(const HttpRequest& req) {
  if (req.body.find("access_token") == std::string::npos) return req.body;
  if (auto parsed = ParseJsonBody(req.body); parsed && parsed->is_object()) {
    if (!parsed->contains("access_token")) return req.body;
    (*parsed)["access_token"] = kRedactedToken;
    return parsed->dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  std::string out;
  size_t start = 0;
  while (start <= req.body.size()) {
    size_t amp = std::min(req.body.find('&', start), req.body.size());
    std::string pair = req.body.substr(start, amp - start);
    if (pair.rfind("access_token=", 0) == 0) pair = std::string("access_token=") + kRedactedToken;
    out += (start ? "&" : "") + pair;
    start = amp + 1;
  }
  return out;
}

// The fact of a handled call: multipart (media) bodies as size and sha256, never the bytes;
// no access token (the query's and a body's are redacted; headers are not kept).
ApiCallHandled CallFact(const HttpRequest& req, const HttpResponse& resp, int error_code) {
  ApiCallHandled f;
  f.method = req.method;
  f.path = req.path;
  // cpp-httplib merges a form body's fields into the query: keep only the URL's.
  std::multimap<std::string, std::string> form;
  if (req.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0)
    form = ParseQueryString(req.body);
  for (const auto& [k, v] : req.query) {
    auto range = form.equal_range(k);
    auto in_form = std::find_if(range.first, range.second, [&](const auto& kv) { return kv.second == v; });
    if (in_form != range.second) {
      form.erase(in_form);
      continue;
    }
    f.query.emplace_back(k, k == "access_token" ? kRedactedToken : v);
  }
  f.status = resp.status;
  f.error_code = error_code;
  if (!req.parts.empty()) {
    size_t bytes = 0;
    std::string all;
    for (const auto& p : req.parts) bytes += p.content.size(), all += p.content;
    f.request_body = "multipart: " + std::to_string(req.parts.size()) + " parts, " + std::to_string(bytes) +
                     " bytes, sha256 " + Sha256Hex(all);
  } else if (!IsValidUtf8(req.body)) {  // an upload session's file bytes
    f.request_body = "binary: " + std::to_string(req.body.size()) + " bytes, sha256 " + Sha256Hex(req.body);
  } else {
    f.request_body = Capped(RedactBodyToken(req), &f.request_truncated);
  }
  f.response_body = Capped(resp.body, &f.response_truncated);
  return f;
}

}  // namespace

namespace {

// {"<waba-id>":[{"type":..,"call_count":..,"total_cputime":..,"total_time":..,
// "estimated_time_to_regain_access":..}]} (Meta's OpenAPI example header).
std::string BusinessUseCaseUsage(const rules::GraphCallUsage& u) {
  Json entry;
  entry["type"] = u.type;
  entry["call_count"] = u.call_count;
  entry["total_cputime"] = u.total_cputime;
  entry["total_time"] = u.total_time;
  entry["estimated_time_to_regain_access"] = u.estimated_time_to_regain_access;
  Json j;
  j[u.waba_id] = Json::array({entry});
  return j.dump();
}

// 23 characters of the base64url alphabet (like Meta's ids), derived from the
// call's fact number: reproducible for a seed and a sequence of calls, and
// drawn from no id stream (the ids a run produces stay the same).
std::string PipelineCallId(const char* salt, std::uint64_t seq) {
  std::string h = Sha256Hex(std::string(salt) + ":" + std::to_string(seq));
  std::string bytes;
  for (size_t i = 0; i + 1 < h.size(); i += 2)
    bytes += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  std::string b64 = Base64Encode(bytes);
  for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return b64.substr(0, 23);
}

bool PipelineHasHeader(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return true;
  return false;
}

// x-fb-trace-id and x-fb-request-id, as Meta's OpenAPI lists them on every
// response. An error's x-fb-trace-id is already there (its fbtrace_id, from
// the seeded id source); the others derive from the call's fact number.
void AddCallIds(HttpResponse& resp, std::uint64_t seq) {
  if (!PipelineHasHeader(resp, "x-fb-trace-id"))
    resp.headers.emplace_back("x-fb-trace-id", PipelineCallId("trace", seq));
  resp.headers.emplace_back("x-fb-request-id", PipelineCallId("request", seq));
}

}  // namespace

HttpResponse GraphPipeline::Handle(const HttpRequest& req) {
  // Media download URLs are not Graph nodes (Meta serves them from its CDN host).
  if (IsMediaDownloadPath(req.path)) return HandleMediaDownload(sim_, req);
  FaultOutcome fault;
  ServedCall served;
  Result<GraphReply> reply = [&]() -> Result<GraphReply> {
    try {
      return Dispatch(req, &fault, &served);
    } catch (const std::exception& e) {
      // Defensive: a bug must answer like Meta's unknown error, never crash.
      return MakeError(ErrorCode::kSomethingWentWrong, std::string("Internal error: ") + e.what());
    }
  }();
  HttpResponse resp = reply ? (reply->raw ? reply->raw_response : JsonResponse(200, reply->json))
                            : ErrorResponse(reply.error());
  int error_code = reply ? 0 : reply.error().code_number();
  if (fault.status) error_code = faults::RawStatusCode(*fault.status);
  resp.error_code = error_code;
  resp.delay_ms = fault.latency_ms;
  resp.drop_connection = fault.drop;
  ApiCallHandled fact = CallFact(req, resp, error_code);
  fact.fault_id = fault.id;
  fact.dropped = fault.drop;
  TimeMs now = 0;
  std::uint64_t seq = 0;
  sim_.WithLock([&](Ctx& ctx) {
    now = ctx.now();
    seq = ctx.Record(std::move(fact));
  });
  if (resp.status != 0) {
    AddCallIds(resp, seq);
    AddGraphHeaders(resp, req, served, now);
  }
  return resp;
}

void GraphPipeline::AddGraphHeaders(HttpResponse& resp, const HttpRequest& req, const ServedCall& served,
                                    TimeMs now) {
  // Graph answers with the version it served: the path's (upgraded when it
  // expired), else the app default. Requests refused before the version was
  // read, and unknown versions, report what the path's version or the
  // default resolves to (assumption).
  std::string version = served.version;
  if (version.empty()) {
    std::string first = FirstSegment(req.path);
    ServedVersion sv = ServeGraphVersion(LooksLikeGraphVersion(first) ? first : "", now);
    version = sv.how == VersionServing::kUnknown ? ServeGraphVersion("", now).version : sv.version;
  }
  resp.headers.emplace_back("facebook-api-version", version);
  // Meta's OpenAPI lists x-fb-rev on every response: a fixed revision
  // number here (assumption: the value of Meta's OpenAPI example).
  resp.headers.emplace_back("x-fb-rev", "1019544279");
  resp.headers.emplace_back("Date", FormatHttpDate(now));
  if (served.usage)
    resp.headers.emplace_back("x-business-use-case-usage", BusinessUseCaseUsage(*served.usage));
}

}  // namespace wasim
