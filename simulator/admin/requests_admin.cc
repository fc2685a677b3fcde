#include "simulator/admin/requests_admin.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <variant>

#include "simulator/admin/query_params.h"
#include "simulator/core/graph_versions.h"
#include "simulator/core/time.h"

namespace wasim {
namespace {

constexpr size_t kRequestsDefaultPage = 100;
constexpr size_t kRequestsMaxPage = 1000;

struct RequestsQuery {
  std::vector<std::string> path;  // segments; empty: any
  std::string method;
  int status = 0;        // exact status, or
  int status_class = 0;  // 4 for "4xx"
  bool has_code = false;
  int code = 0;
  std::string phone_number;
  std::set<std::string> phone_nodes;  // resolved under the lock
  std::optional<TimeMs> since_time;
  std::uint64_t after = 0;
  size_t limit = kRequestsDefaultPage;
};

std::vector<std::string> RequestsSplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = std::min(path.find('/', i), path.size());
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

// The node a Graph path is about: its first segment after the version.
std::string RequestsNodeOf(const std::string& path) {
  auto parts = RequestsSplitPath(path);
  if (!parts.empty() && LooksLikeGraphVersion(parts[0])) parts.erase(parts.begin());
  return parts.empty() ? "" : parts[0];
}

std::string RequestsDigits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string ParseRequestsQuery(const HttpRequest& req, RequestsQuery* q) {
  if (std::string err = CheckQueryParams(
          req, {"path", "method", "status", "code", "phone_number", "since", "limit", "after"});
      !err.empty())
    return err;
  if (req.HasQuery("path")) {
    std::string p = req.Query("path");
    if (p.empty() || p[0] != '/') return "path must start with '/', e.g. /v23.0/106540352242922/messages";
    q->path = RequestsSplitPath(p);
  }
  q->method = req.Query("method");
  for (char& c : q->method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (req.HasQuery("status")) {
    std::string s = req.Query("status");
    std::uint64_t n = 0;
    if (s.size() == 3 && s[0] >= '1' && s[0] <= '5' && (s.substr(1) == "xx" || s.substr(1) == "XX"))
      q->status_class = s[0] - '0';
    else if (ParseUint64(s, &n) && n <= 599)
      q->status = static_cast<int>(n);
    else
      return "status must be an HTTP status such as 400, or a class such as 4xx";
  }
  if (req.HasQuery("code")) {
    std::uint64_t n = 0;
    if (!ParseUint64(req.Query("code"), &n) || n > 100000000)
      return "code must be a Graph error code such as 131030";
    q->has_code = true;
    q->code = static_cast<int>(n);
  }
  q->phone_number = req.Query("phone_number");
  if (req.HasQuery("since")) {
    std::string s = req.Query("since");
    std::uint64_t seq = 0;
    if (ParseUint64(s, &seq)) {
      q->after = seq > 0 ? seq - 1 : 0;
    } else if (auto t = ParseIso8601(s)) {
      q->since_time = *t;
    } else {
      return "since must be a virtual time (ISO 8601, e.g. 2026-01-01T00:00:00Z) or a fact seq";
    }
  }
  if (req.HasQuery("after")) {
    std::uint64_t after = 0;
    if (!ParseUint64(req.Query("after"), &after))
      return "after must be a cursor from paging.cursors.after (a fact seq)";
    q->after = std::max(q->after, after);
  }
  if (!ParseLimit(req.Query("limit"), kRequestsMaxPage, &q->limit)) return "limit must be an integer 1..1000";
  return "";
}

// phone_number: a phone-number id, or a display number in any notation
// ("+1 555-078-3881"); an unknown value still matches calls to that id.
void ResolveRequestsPhone(const Ctx& ctx, RequestsQuery* q) {
  if (q->phone_number.empty()) return;
  q->phone_nodes.insert(q->phone_number);
  std::string digits = RequestsDigits(q->phone_number);
  if (digits.empty()) return;
  for (const auto& [id, phone] : ctx.state.accounts.phone_numbers)
    if (RequestsDigits(phone.display_phone_number) == digits) q->phone_nodes.insert(id);
}

bool RequestsMatch(const RequestsQuery& q, const Fact& f) {
  const auto* call = std::get_if<ApiCallHandled>(&f.body);
  if (!call) return false;
  if (q.since_time && f.at < *q.since_time) return false;
  if (!q.method.empty() && call->method != q.method) return false;
  if (q.status && call->status != q.status) return false;
  if (q.status_class && call->status / 100 != q.status_class) return false;
  if (q.has_code && call->error_code != q.code) return false;
  if (!q.path.empty()) {
    auto parts = RequestsSplitPath(call->path);
    if (parts.size() < q.path.size() || !std::equal(q.path.begin(), q.path.end(), parts.begin()))
      return false;
  }
  if (!q.phone_nodes.empty() && !q.phone_nodes.count(RequestsNodeOf(call->path))) return false;
  return true;
}

// A body as kept (string) and, when it is complete JSON, parsed ("json").
void RequestsBodyFields(Json& j, const std::string& body, bool truncated) {
  j["body"] = body;
  j["body_truncated"] = truncated;
  if (!truncated && !body.empty() && (body[0] == '{' || body[0] == '['))
    if (auto parsed = ParseJsonBody(body)) j["json"] = *parsed;
}

Json RequestJson(const Fact& f) {
  const auto& call = std::get<ApiCallHandled>(f.body);
  Json j = Json::object();
  j["seq"] = f.seq;
  j["at"] = FormatIso8601(f.at);
  j["at_ms"] = f.at;
  Json request = Json::object();
  request["method"] = call.method;
  request["path"] = call.path;
  Json query = Json::object();
  for (const auto& [k, v] : call.query) query[k] = v;
  request["query"] = query;
  RequestsBodyFields(request, call.request_body, call.request_truncated);
  j["request"] = request;
  Json response = Json::object();
  response["status"] = call.status;
  response["error_code"] = call.error_code ? Json(call.error_code) : Json(nullptr);
  RequestsBodyFields(response, call.response_body, call.response_truncated);
  j["response"] = response;
  if (!call.fault_id.empty()) j["fault_id"] = call.fault_id;
  if (call.dropped) j["dropped"] = true;
  return j;
}

}  // namespace

void RegisterRequestsAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim/requests", [&sim](const HttpRequest& req, const PathParams&) {
    RequestsQuery q;
    if (std::string err = ParseRequestsQuery(req, &q); !err.empty()) return AdminError(400, err);
    FactPage page = sim.WithLock([&](Ctx& ctx) {
      ResolveRequestsPhone(ctx, &q);
      return ctx.facts.Read(q.after, q.limit + 1, [&](const Fact& f) { return RequestsMatch(q, f); });
    });
    bool more = page.facts.size() > q.limit;
    if (more) page.facts.resize(q.limit);
    Json data = Json::array();
    for (const Fact& f : page.facts) data.push_back(RequestJson(f));
    Json j = Json::object();
    j["data"] = std::move(data);
    Json paging = Json::object();
    if (more) paging["cursors"] = {{"after", std::to_string(page.facts.back().seq)}};
    j["paging"] = paging;
    // The cursor fell behind the fact log's retention: the page starts at the oldest call kept.
    j["truncated"] = page.truncated;
    if (page.truncated) j["first_retained"] = page.first_retained;
    return AdminJson(200, j);
  });
}

}  // namespace wasim
