// Seeded mutation corpus: for every registered Graph route and every admin
// route, mutated requests (byte flips, truncation, type swaps, deep nesting,
// huge strings, invalid UTF-8, NUL bytes, wrong content types, ...) must get
// JSON (an `error` object or a success), no 5xx unless the catalog says so,
// and leave the world unchanged when they fail. Most run in-process; a sample
// and raw-socket abuse go over real HTTP, after which /_sim/health answers.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>

#include "simulator/admin/state_json.h"
#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

constexpr uint64_t kSeed = 20261123;
constexpr int kPerRoute = 200;
constexpr int kHttpSampleEvery = 40;  // every 40th case is replayed over HTTP

struct Target {
  std::string label;  // "POST phone/messages"
  HttpRequest base;
};

std::string NodeIdFor(NodeKind kind, const std::string& media_id) {
  switch (kind) {
    case NodeKind::kPhoneNumber:
      return D::kPhoneNumberId;
    case NodeKind::kWaba:
      return D::kWabaId;
    case NodeKind::kTemplate:
      return D::kHelloWorldTemplateId;
    case NodeKind::kApp:
      return D::kAppId;
    case NodeKind::kBusiness:
      return D::kBusinessId;
    case NodeKind::kMedia:
      return media_id.empty() ? "999000111" : media_id;
    case NodeKind::kUploadSession:
      return "upload:MTphdHRhY2htZW50Om5vbmU";  // unknown: every mutation is refused
    case NodeKind::kNone:
      break;
  }
  return "0";
}

// A plausible valid body for the route, so mutations start near success.
std::string BaseBody(const std::string& method, const std::string& edge, NodeKind kind) {
  if (method != "POST") return "";
  if (edge == "messages")
    return R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234",)"
           R"("type":"text","text":{"preview_url":false,"body":"hello"}})";
  if (edge == "message_templates")
    return R"({"name":"qa_template","language":"en_US","category":"UTILITY","components":[)"
           R"({"type":"BODY","text":"Hello {{1}}","example":{"body_text":[["Ann"]]}}]})";
  if (kind == NodeKind::kTemplate) return R"({"components":[{"type":"BODY","text":"Hi there"}]})";
  if (edge == "register") return R"({"messaging_product":"whatsapp","pin":"123456"})";
  return R"({"messaging_product":"whatsapp"})";
}

HttpRequest Request(const std::string& method, const std::string& path, const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  if (!body.empty()) r.headers.emplace("content-type", "application/json");
  r.body = body;
  return r;
}

std::vector<Target> GraphTargets(Instance& inst, const std::string& media_id) {
  std::vector<Target> out;
  inst.pipeline().router().ForEachRoute(
      [&](NodeKind kind, const std::string& method, const std::string& edge) {
        std::string path = "/v23.0/" + NodeIdFor(kind, media_id) + (edge.empty() ? "" : "/" + edge);
        HttpRequest r = Request(method, path, BaseBody(method, edge, kind));
        if (method == "POST" && edge == "media") {
          r.headers.erase("content-type");
          r.headers.emplace("content-type", "multipart/form-data; boundary=wasimqa");
          r.body.clear();
          r.parts = {
              {"messaging_product", "", "", "whatsapp"},
              {"type", "", "", "image/png"},
              {"file", "dot.png", "image/png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, 'x')}};
        }
        out.push_back({method + " " + NodeTypeName(kind) + "/" + edge, r});
      });
  return out;
}

std::vector<Target> AdminTargets(Instance& inst) {
  std::vector<Target> out;
  inst.admin().router().ForEachRoute([&](const std::string& method, const std::string& pattern) {
    std::string path;
    size_t i = 0;
    while (i < pattern.size()) {  // {param} -> a plausible value
      size_t open = pattern.find('{', i);
      if (open == std::string::npos) {
        path += pattern.substr(i);
        break;
      }
      path += pattern.substr(i, open - i) + (pattern.find("wamid", open) == open + 1 ? "wamid.x" : "1");
      i = pattern.find('}', open) + 1;
    }
    std::string body = method == "POST" || method == "PUT" || method == "PATCH" ? "{}" : "";
    if (path == "/_sim/clock/advance") body = R"({"by":"1s"})";
    HttpRequest r = Request(method, path, body);
    r.headers.erase("authorization");
    out.push_back({method + " " + pattern, r});
  });
  return out;
}

// ---- mutations -------------------------------------------------------------

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  HttpRequest Mutate(const HttpRequest& base, std::string* what) {
    HttpRequest r = base;
    std::string& b = r.body;
    switch (Below(17)) {
      case 0:
        *what = "byte flip";
        if (!b.empty())
          for (int k = 0; k < 3; ++k) b[Below(b.size())] ^= static_cast<char>(1 + Below(255));
        else
          b = "\x01";
        break;
      case 1:
        *what = "truncation";
        b = b.substr(0, Below(b.size() + 1));
        break;
      case 2:
        *what = "type swap";
        b = TypeSwap(b);
        break;
      case 3: {
        *what = "deep nesting";
        size_t depth = 60 + Below(4000);
        b = std::string(depth, '[') + "1" + std::string(depth, ']');
        if (Below(2)) b = "{\"messaging_product\":" + b + "}";
        break;
      }
      case 4:
        *what = "huge string";
        b = ReplaceFirstString(b, std::string(200000 + Below(300000), 'A'));
        break;
      case 5:
        *what = "invalid UTF-8 in JSON string";
        b = ReplaceFirstString(b, "ab\xC3\x28\xFF\xED\xA0\x80");
        break;
      case 6:
        *what = "NUL bytes";
        b.insert(Below(b.size() + 1), std::string("\0\0x\0", 4));
        break;
      case 7: {
        *what = "wrong content type";
        static const char* kTypes[] = {"text/plain",
                                       "application/xml",
                                       "image/png",
                                       "application/json\xFF",
                                       "multipart/form-data",
                                       "application/x-www-form-urlencoded",
                                       "",
                                       ";;;"};
        r.headers.erase("content-type");
        r.headers.emplace("content-type", kTypes[Below(8)]);
        if (b.empty()) b = "{\"a\":1}";
        break;
      }
      case 8:
        *what = "invalid UTF-8 in query";
        r.query.emplace(Below(2) ? "fields" : "x\xFE", "id,\xC0\xAF");
        break;
      case 9:
        *what = "invalid UTF-8 in header";
        r.headers.emplace(Below(2) ? "x-qa" : "x-\xFF", "v\xF5\x80");
        break;
      case 10:
        *what = "form body";
        r.headers.erase("content-type");
        r.headers.emplace("content-type", "application/x-www-form-urlencoded");
        b = Below(2) ? "messaging_product=whatsapp&to=%FF%FE&text=%7B%22body%22%3A1%7D" : "a=%&&=%ZZ&[[[=]]]";
        break;
      case 11: {
        *what = "multipart names";
        r.headers.erase("content-type");
        r.headers.emplace("content-type", "multipart/form-data; boundary=q");
        MultipartPart p{"file", "a.png", "image/png", "x"};
        switch (Below(4)) {
          case 0:
            p.name = "fi\xFFle";
            break;
          case 1:
            p.filename = "\xC3.png";
            break;
          case 2:
            p.filename = "";
            p.name = "messaging_product";
            p.content = "wh\xE2\x82";
            break;
          default:
            p.content_type = "image/\xF0";
            break;
        }
        r.parts.push_back(p);
        break;
      }
      case 12:
        *what = "unknown message type";
        b = R"({"messaging_product":"whatsapp","to":"16505551234","type":"hologram","hologram":{}})";
        break;
      case 13: {
        *what = "odd JSON value";
        static const char* kOdd[] = {"null",
                                     "[]",
                                     "\"str\"",
                                     "123",
                                     "{\"a\":1e999}",
                                     "{\"a\":-1e999}",
                                     "{\"to\":123456789012345678901234567890}",
                                     "{\"a\":1,\"a\":2}",
                                     "{}",
                                     " ",
                                     "{\"messaging_product\":\"whatsapp\",\"to\":\"\\ud800\"}",
                                     "\xEF\xBB\xBF{}"};
        b = kOdd[Below(12)];
        break;
      }
      case 14:
        *what = "junk keys";
        b = InsertKey(b, "\"zz\\u0000\":{\"\":[null,true,-0,1.5e308]}");
        break;
      case 15:
        *what = "empty body";
        b.clear();
        break;
      default: {
        *what = "weird method/path";
        static const char* kMethods[] = {"PUT", "PATCH", "HEAD", "OPTIONS", "get", "DELETE", "TRACE"};
        if (Below(2))
          r.method = kMethods[Below(7)];
        else
          r.path += Below(2) ? "/extra" : "%00/..";
        break;
      }
    }
    return r;
  }

 private:
  std::string TypeSwap(const std::string& body) {
    Json j = Json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.empty()) return "[]";
    std::vector<Json*> slots;
    Collect(j, &slots);
    Json* target = slots[Below(slots.size())];
    static const Json kValues[] = {
        Json(nullptr),           Json(true), Json(42), Json(-1.5), Json("s"), Json::array({1}),
        Json::object({{"k", 1}})};
    Json v;
    do v = kValues[Below(7)];
    while (v.type() == target->type());
    *target = v;
    return j.dump();
  }
  void Collect(Json& j, std::vector<Json*>* out) {
    if (j.is_object())
      for (auto& [k, v] : j.items()) {
        out->push_back(&v);
        Collect(v, out);
      }
    if (j.is_array())
      for (auto& v : j) {
        out->push_back(&v);
        Collect(v, out);
      }
  }
  static std::string ReplaceFirstString(const std::string& body, const std::string& with) {
    size_t q = body.find(":\"");
    if (q == std::string::npos) return "{\"messaging_product\":\"" + with + "\"}";
    size_t end = body.find('"', q + 2);
    return body.substr(0, q + 2) + with + body.substr(end == std::string::npos ? body.size() : end);
  }
  static std::string InsertKey(const std::string& body, const std::string& kv) {
    size_t brace = body.find('{');
    if (brace == std::string::npos) return "{" + kv + "}";
    return body.substr(0, brace + 1) + kv + (body.size() > brace + 2 ? "," : "") + body.substr(brace + 1);
  }
  std::mt19937_64 rng_;
};

// ---- checks ----------------------------------------------------------------

// What the server does with a request: per-route body limit, admin, Graph.
HttpResponse Serve(Instance& inst, const HttpRequest& req) {
  size_t limit = inst.pipeline().BodyLimitFor(req.method, req.path);
  if (req.body.size() > limit) return inst.pipeline().ErrorResponse(BodyTooLargeError(limit));
  if (auto r = inst.admin().Handle(req)) return *r;
  return inst.pipeline().Handle(req);
}

bool CatalogAllows5xx(int code) {
  for (const auto& row : ErrorCatalog())
    if (static_cast<int>(row.code) == code) return row.http_status >= 500;
  return false;
}

// Empty when `status`/`body` is an acceptable answer to bad input.
std::string CheckAnswer(int status, const std::string& body, bool is_admin) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return "not JSON";
  if (status < 400) return j.is_object() && !j.contains("error") ? "" : "2xx/3xx without a success object";
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object())
    return "error without an error object";
  const Json& e = j["error"];
  if (!e.contains("code") || !e["code"].is_number_integer()) return "error.code missing";
  if (!e.contains("message") || !e["message"].is_string() || e["message"].get<std::string>().empty())
    return "error.message missing";
  if (!is_admin && (!e.contains("fbtrace_id") || !e.contains("type"))) return "error.type/fbtrace_id missing";
  if (e.contains("error_data")) {
    const Json& d = e["error_data"];
    if (!d.is_object() || !d.contains("details") || !d["details"].is_string() ||
        d["details"].get<std::string>().empty())
      return "error_data.details empty";
    if (d["details"].get<std::string>().rfind("Internal error", 0) == 0) return "internal error (a bug)";
  }
  if (status >= 500 && (is_admin || !CatalogAllows5xx(e["code"].get<int>()))) return "5xx for client input";
  return "";
}

Json StateOf(Simulator& sim) {
  return sim.WithLock([](Ctx& ctx) { return ExportState(ctx); });
}

ServeConfig ManualConfig() {
  ServeConfig c;
  c.clock = "manual";
  c.port = 0;
  c.bind = "127.0.0.1";
  return c;
}

std::string UploadMedia(Instance& inst) {
  HttpRequest r = Request("POST", "/v23.0/" + std::string(D::kPhoneNumberId) + "/media", "");
  r.headers.emplace("content-type", "multipart/form-data; boundary=q");
  r.parts = {{"messaging_product", "", "", "whatsapp"},
             {"file", "dot.png", "image/png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, 'x')}};
  auto resp = inst.pipeline().Handle(r);
  Json j = Json::parse(resp.body, nullptr, false);
  return resp.status == 200 && j.contains("id") ? j["id"].get<std::string>() : "";
}

TEST(MutationCorpusTest, EveryRouteAnswersMutatedRequestsWithJsonAndNoStateChange) {
  Instance inst(ManualConfig());
  std::string media_id = UploadMedia(inst);
  auto targets = GraphTargets(inst, media_id);
  size_t graph_routes = targets.size();
  for (auto& t : AdminTargets(inst)) targets.push_back(std::move(t));
  ASSERT_GE(graph_routes, 4u) << "Graph routes not registered?";
  ASSERT_GT(targets.size(), graph_routes) << "admin routes not registered?";

  int failures = 0, errors = 0, successes = 0;
  for (size_t ti = 0; ti < targets.size(); ++ti) {
    const Target& t = targets[ti];
    const bool is_admin = t.base.path.rfind("/_sim", 0) == 0;
    // /_sim/reset restores the world on success by design: state checks still apply to its errors.
    Mutator m(kSeed + ti);
    for (int i = 0; i < kPerRoute && failures < 20; ++i) {
      std::string what;
      HttpRequest req = m.Mutate(t.base, &what);
      Json before = StateOf(inst.sim());
      HttpResponse resp;
      try {
        resp = Serve(inst, req);
      } catch (const std::exception& e) {
        ADD_FAILURE() << t.label << " #" << i << " (" << what << ") threw: " << e.what();
        ++failures;
        continue;
      }
      std::string problem = CheckAnswer(resp.status, resp.body, is_admin);
      if (problem.empty() && resp.status >= 400 && StateOf(inst.sim()) != before)
        problem = "error changed the state";
      if (!problem.empty()) {
        ADD_FAILURE() << t.label << " #" << i << " (" << what << "): " << problem << "\nHTTP " << resp.status
                      << " " << resp.body.substr(0, 600);
        ++failures;
      }
      (resp.status >= 400 ? errors : successes)++;
    }
  }
  std::cout << "[mutation] " << graph_routes << " Graph + " << targets.size() - graph_routes
            << " admin routes, " << errors << " errors, " << successes << " successes\n";
  EXPECT_GT(errors, successes) << "mutations should mostly be rejected";
}

TEST(MutationCorpusTest, BodiesOverTheRouteLimitAreRejectedWithoutChange) {
  Instance inst(ManualConfig());
  auto targets = GraphTargets(inst, "");
  for (auto& t : AdminTargets(inst)) targets.push_back(std::move(t));
  for (const auto& t : targets) {
    if (t.base.method != "POST") continue;
    HttpRequest req = t.base;
    size_t limit = inst.pipeline().BodyLimitFor(req.method, req.path);
    req.body = std::string(limit + 1, ' ');
    Json before = StateOf(inst.sim());
    // Through the pipeline alone (in-process callers) and as the server does.
    for (const HttpResponse& resp : {inst.pipeline().Handle(req), Serve(inst, req)}) {
      EXPECT_EQ(resp.status, 400) << t.label << ": " << resp.body.substr(0, 300);
      EXPECT_GRAPH_ERROR(resp, ErrorCode::kInvalidParameter);
      EXPECT_NE(resp.body.find("too large"), std::string::npos) << resp.body;
    }
    EXPECT_EQ(StateOf(inst.sim()), before) << t.label;
  }
}

// The specific gaps this suite found, pinned one by one.
TEST(BadInputTest, SpecificGapsAnswerInvalidParameter) {
  PipelineHarness h;
  const std::string messages = std::string(D::kPhoneNumberId) + "/messages";
  auto overflow = h.Post(messages, R"({"messaging_product":"whatsapp","to":1e999})");
  EXPECT_EQ(overflow.status, 400) << overflow.body;  // was 131000/500 (nlohmann out_of_range)
  EXPECT_GRAPH_ERROR(overflow, ErrorCode::kInvalidParameter);
  EXPECT_NE(overflow.body.find("number overflow"), std::string::npos) << overflow.body;

  HttpRequest form = Request("POST", "/v23.0/" + messages, "");
  form.headers.emplace("content-type", "multipart/form-data; boundary=q");
  form.parts = {{"messaging_product", "", "", "wh\xE2\x82"}};
  auto bad_field = h.Send(form);  // was silently dropped
  EXPECT_GRAPH_ERROR(bad_field, ErrorCode::kInvalidParameter);
  EXPECT_NE(bad_field.body.find("Multipart field messaging_product is not valid UTF-8"), std::string::npos);

  HttpRequest header = Request("GET", "/v23.0/" + std::string(D::kPhoneNumberId), "");
  header.headers.emplace("x-\xFF", "v");
  EXPECT_GRAPH_ERROR(h.Send(header), ErrorCode::kInvalidParameter);

  // Error messages echo client input; the WWW-Authenticate copy stays a clean header value.
  auto unknown = h.Get("1\r\nX-Injected: \"yes\xC3");
  bool seen = false;
  for (const auto& [k, v] : unknown.headers) {
    if (k != "WWW-Authenticate") continue;
    seen = true;
    EXPECT_EQ(std::count(v.begin(), v.end(), '"'), 6) << v;  // only the envelope's own quotes
    for (unsigned char c : v) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << v;
  }
  EXPECT_TRUE(seen);
}

TEST(BadInputTest, MediaUploadLimitIgnoresATrailingSlash) {
  Instance inst(ManualConfig());
  const std::string media = "/v23.0/" + std::string(D::kPhoneNumberId) + "/media";
  EXPECT_EQ(inst.pipeline().BodyLimitFor("POST", media), inst.pipeline().limits().media_upload);
  EXPECT_EQ(inst.pipeline().BodyLimitFor("POST", media + "/"), inst.pipeline().limits().media_upload);
  EXPECT_EQ(inst.pipeline().BodyLimitFor("POST", "/v23.0/1/messages"), inst.pipeline().limits().json);
  EXPECT_EQ(inst.pipeline().BodyLimitFor("POST", "/_sim"), inst.pipeline().limits().admin);
}

// ---- over real HTTP ----------------------------------------------------------

// A full response is in `raw` (headers and Content-Length bytes of body), so
// the client need not wait for a keep-alive connection to time out.
bool ResponseComplete(const std::string& raw) {
  size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string head = raw.substr(0, end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t cl = head.find("\r\ncontent-length:");
  if (cl == std::string::npos) return false;
  return raw.size() - end - 4 >= std::strtoull(head.c_str() + cl + 17, nullptr, 10);
}

// Sends raw bytes to 127.0.0.1:port and reads until the server closes (or a
// 15 s guard expires, which only protects the suite from a hang). With
// `read_reply` false the client closes right after sending (an abandoned
// request). No half-close: cpp-httplib takes EOF as a gone client and skips
// its reply.
std::string RawExchange(int port, const std::string& bytes, bool read_reply = true) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval tv{15, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    out = "connect failed: errno " + std::to_string(errno);
  } else {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buf[65536];
    if (!read_reply) {
      ::close(fd);
      return "";
    }
    ssize_t n = 0;
    while (!ResponseComplete(out) && (n = ::recv(fd, buf, sizeof(buf), 0)) > 0)
      out.append(buf, static_cast<size_t>(n));
    if (n < 0 && out.empty()) out = "recv failed: errno " + std::to_string(errno);
  }
  ::close(fd);
  return out;
}

int StatusOf(const std::string& raw) {
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return -1;
  return std::atoi(raw.substr(9, 3).c_str());
}

std::string BodyOf(const std::string& raw) {
  size_t p = raw.find("\r\n\r\n");
  return p == std::string::npos ? "" : raw.substr(p + 4);
}

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == ',' || c == '.' || c == '_' || c == '-')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Serialize(const HttpRequest& r) {
  std::string target = r.path, body = r.body;
  for (char& c : target)
    if (c == ' ' || c == '\r' || c == '\n' || c == '\0') c = '_';
  char sep = '?';
  for (const auto& [k, v] : r.query) {
    target += sep + PercentEncode(k) + "=" + PercentEncode(v);
    sep = '&';
  }
  std::string head = r.method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : r.headers) {
    std::string val = v;
    for (char& c : val)
      if (c == '\r' || c == '\n') c = ' ';
    if (k == "content-type" && !r.parts.empty()) continue;
    head += k + ": " + val + "\r\n";
  }
  if (!r.parts.empty()) {
    head += "content-type: multipart/form-data; boundary=wasimqa\r\n";
    body.clear();
    for (const auto& p : r.parts) {
      body += "--wasimqa\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
      if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"";
      body += "\r\n";
      if (!p.content_type.empty()) body += "Content-Type: " + p.content_type + "\r\n";
      body += "\r\n" + p.content + "\r\n";
    }
    body += "--wasimqa--\r\n";
  }
  return head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void ExpectHealthy(LoopbackServer& server) {
  auto h = server.client().Get("/_sim/health");
  ASSERT_TRUE(h) << "server no longer answers";
  EXPECT_EQ(h->status, 200);
}

TEST(MutationCorpusHttpTest, SampledMutationsOverHttpGetJsonAndChangeNothing) {
  LoopbackServer server;
  Instance probe(ManualConfig());  // only for the route list
  auto targets = GraphTargets(probe, "");
  for (auto& t : AdminTargets(probe)) targets.push_back(std::move(t));
  int sent = 0;
  for (size_t ti = 0; ti < targets.size(); ++ti) {
    Mutator m(kSeed + ti);
    const bool is_admin = targets[ti].base.path.rfind("/_sim", 0) == 0;
    for (int i = 0; i < kPerRoute; ++i) {
      std::string what;
      HttpRequest req = m.Mutate(targets[ti].base, &what);
      if (i % kHttpSampleEvery != 0) continue;
      if (req.method == "HEAD") continue;  // no body by definition
      Json before = StateOf(server.sim());
      std::string raw = RawExchange(server.port(), Serialize(req));
      int status = StatusOf(raw);
      ASSERT_GT(status, 0) << targets[ti].label << " (" << what
                           << "): no HTTP answer: " << raw.substr(0, 200);
      std::string problem = CheckAnswer(status, BodyOf(raw), is_admin);
      if (problem.empty() && status >= 400 && StateOf(server.sim()) != before)
        problem = "error changed the state";
      EXPECT_TRUE(problem.empty()) << targets[ti].label << " #" << i << " (" << what << "): " << problem
                                   << "\n"
                                   << raw.substr(0, 600);
      ++sent;
    }
  }
  EXPECT_GT(sent, 20);
  ExpectHealthy(server);
}

TEST(MutationCorpusHttpTest, RawSocketAbuseNeverKillsTheServer) {
  LoopbackServer server;
  const std::string messages = "/v23.0/" + std::string(D::kPhoneNumberId) + "/messages";
  const std::string auth = std::string("Authorization: Bearer ") + D::kAccessToken + "\r\n";

  // Garbage request line: a JSON error, not HTML.
  std::string r = RawExchange(server.port(), "GARBAGE\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 400) << r;
  EXPECT_TRUE(CheckAnswer(400, BodyOf(r), false).empty()) << r;

  // A 64 KiB header line.
  r = RawExchange(server.port(), "GET /_sim/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(65536, 'a') +
                                     "\r\nConnection: close\r\n\r\n");
  if (!r.empty()) {
    EXPECT_TRUE(CheckAnswer(StatusOf(r), BodyOf(r), true).empty() || StatusOf(r) == 200) << r.substr(0, 300);
  }

  // Body shorter than Content-Length, then the client goes away.
  Json before = StateOf(server.sim());
  RawExchange(server.port(),
              "POST " + messages + " HTTP/1.1\r\nHost: x\r\n" + auth +
                  "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"messaging_",
              false);

  // Content-Length over the route's limit: refused before the body is read.
  r = RawExchange(
      server.port(),
      "POST " + messages + " HTTP/1.1\r\nHost: x\r\n" + auth +
          "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{}");
  EXPECT_EQ(StatusOf(r), 400) << r.substr(0, 300);
  EXPECT_NE(BodyOf(r).find("too large"), std::string::npos) << r.substr(0, 300);

  // Non-numeric Content-Length.
  r = RawExchange(server.port(), "POST " + messages + " HTTP/1.1\r\nHost: x\r\n" + auth +
                                     "Connection: close\r\nContent-Length: 12abc\r\n\r\n{}");
  EXPECT_EQ(StatusOf(r), 400) << r.substr(0, 300);
  EXPECT_TRUE(CheckAnswer(400, BodyOf(r), false).empty()) << r.substr(0, 300);

  // Chunked body over the 1 MiB JSON limit (no Content-Length to check up front).
  std::string chunked =
      "POST " + messages + " HTTP/1.1\r\nHost: x\r\n" + auth +
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  const std::string chunk(256 * 1024, 'a');
  char size_line[32];
  std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
  for (int i = 0; i < 6; ++i) chunked += size_line + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  r = RawExchange(server.port(), chunked);
  EXPECT_EQ(StatusOf(r), 400) << r.substr(0, 300);
  EXPECT_TRUE(CheckAnswer(400, BodyOf(r), false).empty()) << r.substr(0, 300);
  EXPECT_NE(BodyOf(r).find("too large"), std::string::npos) << r.substr(0, 300);
  EXPECT_EQ(StateOf(server.sim()), before);

  // Connection closed mid-request line / mid-headers.
  RawExchange(server.port(), "POST /v23.0/1", false);
  RawExchange(server.port(), "POST " + messages + " HTTP/1.1\r\nHost: x\r\nContent-Ty", false);

  ExpectHealthy(server);
}

}  // namespace
}  // namespace wasim::testing
