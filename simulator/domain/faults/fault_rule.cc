#include "simulator/domain/faults/fault_rule.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace wasim::faults {
namespace {

std::string_view TrimTrailingSlashes(std::string_view s) {
  while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
  return s;
}

std::string DigitsOf(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// Glob with '*' = any run of non-'/' characters; iterative with one backtrack
// point per star (the classic wildcard match, star limited to a segment).
bool GlobSegmentAware(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p[0] == '*') {
    // Try every length of the star's run that stays within the segment.
    for (size_t n = 0;; ++n) {
      if (GlobSegmentAware(p.substr(1), s.substr(n))) return true;
      if (n >= s.size() || s[n] == '/') return false;
    }
  }
  return !s.empty() && p[0] == s[0] && GlobSegmentAware(p.substr(1), s.substr(1));
}

bool IsCatalogCode(long long n, ErrorCode* out) {
  for (const ErrorSpec& row : ErrorCatalog()) {
    if (static_cast<long long>(row.code) == n) {
      *out = row.code;
      return true;
    }
  }
  return false;
}

std::optional<std::uint64_t> PositiveCount(const Json& v, const std::string& key, std::string* error) {
  if (!v.is_number_integer() || v.get<long long>() < 1) {
    *error = "\"" + key + "\" must be a whole number >= 1";
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(v.get<long long>());
}

bool ParseMatch(const Json& j, FaultMatch* m, std::string* error) {
  if (!j.is_object()) {
    *error = "\"match\" must be an object with any of method, path, phone_number_id, to, type";
    return false;
  }
  static const std::set<std::string> kKeys = {"method", "path", "phone_number_id", "to", "type"};
  for (const auto& [k, v] : j.items()) {
    if (!kKeys.count(k)) {
      *error = "unknown key \"match." + k + "\" (expected method, path, phone_number_id, to, type)";
      return false;
    }
    if (!v.is_string() || v.get<std::string>().empty()) {
      *error = "\"match." + k + "\" must be a non-empty string";
      return false;
    }
  }
  if (j.contains("method")) {
    m->method = j["method"].get<std::string>();
    std::transform(m->method.begin(), m->method.end(), m->method.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    static const std::set<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    if (!kMethods.count(m->method)) {
      *error = "\"match.method\" must be one of GET, POST, PUT, PATCH, DELETE, OPTIONS";
      return false;
    }
  }
  if (j.contains("path")) {
    m->path = j["path"].get<std::string>();
    if (m->path[0] != '/') {
      *error = "\"match.path\" must start with '/', e.g. \"/v*/*/messages\"";
      return false;
    }
    if (m->path.rfind("/_sim", 0) == 0) {
      *error = "\"match.path\" names the admin API; faults apply to Graph API requests only";
      return false;
    }
  }
  if (j.contains("phone_number_id")) m->phone_number_id = j["phone_number_id"].get<std::string>();
  if (j.contains("to")) {
    m->to = DigitsOf(j["to"].get<std::string>());
    if (m->to.empty()) {
      *error = "\"match.to\" must contain a phone number's digits";
      return false;
    }
  }
  if (j.contains("type")) m->type = j["type"].get<std::string>();
  return true;
}

bool ParseError(const Json& v, FaultAction* a, std::string* error) {
  if (!v.is_object()) {
    *error = "\"error\" must be an object such as {\"code\":131000}";
    return false;
  }
  for (const auto& [k, _] : v.items()) {
    if (k != "code" && k != "details") {
      *error = "unknown key \"error." + k + "\" (expected code, details)";
      return false;
    }
  }
  if (!v.contains("code") || !v["code"].is_number_integer()) {
    *error = "\"error.code\" must be a catalog error code (a whole number such as 131000)";
    return false;
  }
  ErrorCode code;
  if (!IsCatalogCode(v["code"].get<long long>(), &code)) {
    *error = "\"error.code\" " + std::to_string(v["code"].get<long long>()) +
             " is not in the error catalog (simulator/core/errors.cc)";
    return false;
  }
  a->error = code;
  if (v.contains("details")) {
    if (!v["details"].is_string()) {
      *error = "\"error.details\" must be a string";
      return false;
    }
    a->error_details = v["details"].get<std::string>();
  }
  return true;
}

}  // namespace

bool PathGlobMatches(std::string_view pattern, std::string_view path) {
  pattern = TrimTrailingSlashes(pattern);
  path = TrimTrailingSlashes(path);
  if (pattern.find('*') == std::string_view::npos) return pattern == path;
  return GlobSegmentAware(pattern, path);
}

bool Matches(const FaultMatch& m, const FaultRequest& r) {
  if (!m.method.empty() && m.method != r.method) return false;
  if (!m.path.empty() && !PathGlobMatches(m.path, r.path)) return false;
  if (!m.phone_number_id.empty() && m.phone_number_id != r.node) return false;
  if (!m.to.empty() && m.to != DigitsOf(r.to)) return false;
  if (!m.type.empty() && m.type != r.type) return false;
  return true;
}

std::optional<FaultRule> ParseFaultRule(const Json& j, std::string* error) {
  if (!j.is_object()) {
    *error =
        "a fault rule must be a JSON object such as {\"match\":{\"path\":\"/v*/*/messages\"},"
        "\"times\":1,\"error\":{\"code\":131000}}";
    return std::nullopt;
  }
  static const std::set<std::string> kKeys = {"match",  "times", "every", "error",
                                              "status", "body",  "drop",  "latency_ms"};
  for (const auto& [k, _] : j.items()) {
    if (!kKeys.count(k)) {
      *error =
          "unknown key \"" + k + "\" (expected match, times, every, error, status, body, drop, latency_ms)";
      return std::nullopt;
    }
  }
  FaultRule r;
  if (j.contains("match") && !ParseMatch(j["match"], &r.match, error)) return std::nullopt;
  if (j.contains("times")) {
    auto n = PositiveCount(j["times"], "times", error);
    if (!n) return std::nullopt;
    r.times = *n;
  }
  if (j.contains("every")) {
    auto n = PositiveCount(j["every"], "every", error);
    if (!n) return std::nullopt;
    r.every = *n;
  }
  FaultAction& a = r.action;
  if (j.contains("error") && !ParseError(j["error"], &a, error)) return std::nullopt;
  if (j.contains("status")) {
    const Json& v = j["status"];
    if (!v.is_number_integer() || v.get<long long>() < 400 || v.get<long long>() > 599) {
      *error = "\"status\" must be an HTTP error status from 400 to 599, e.g. 503";
      return std::nullopt;
    }
    a.status = static_cast<int>(v.get<long long>());
  }
  if (j.contains("body")) {
    if (!j["body"].is_string()) {
      *error = "\"body\" must be a string (sent verbatim with \"status\")";
      return std::nullopt;
    }
    if (!a.status) {
      *error = "\"body\" needs \"status\" (it replaces the raw status's default body)";
      return std::nullopt;
    }
    a.body = j["body"].get<std::string>();
  }
  if (j.contains("drop")) {
    if (!j["drop"].is_boolean()) {
      *error = "\"drop\" must be true or false";
      return std::nullopt;
    }
    a.drop = j["drop"].get<bool>();
  }
  if (j.contains("latency_ms")) {
    const Json& v = j["latency_ms"];
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > kMaxLatencyMs) {
      *error = "\"latency_ms\" must be a whole number of real milliseconds from 0 to " +
               std::to_string(kMaxLatencyMs);
      return std::nullopt;
    }
    a.latency_ms = static_cast<int>(v.get<long long>());
  }
  int actions = (a.error ? 1 : 0) + (a.status ? 1 : 0) + (a.drop ? 1 : 0);
  if (actions > 1) {
    *error = "give only one of \"error\", \"status\" and \"drop\" (\"latency_ms\" may go with any)";
    return std::nullopt;
  }
  if (actions == 0 && a.latency_ms == 0) {
    *error =
        "a fault needs an action: \"error\":{\"code\":N}, \"status\":N, \"drop\":true or \"latency_ms\":N";
    return std::nullopt;
  }
  return r;
}

Json FaultRuleJson(const FaultRule& rule) {
  Json j;
  j["id"] = rule.id;
  Json m = Json::object();
  if (!rule.match.method.empty()) m["method"] = rule.match.method;
  if (!rule.match.path.empty()) m["path"] = rule.match.path;
  if (!rule.match.phone_number_id.empty()) m["phone_number_id"] = rule.match.phone_number_id;
  if (!rule.match.to.empty()) m["to"] = rule.match.to;
  if (!rule.match.type.empty()) m["type"] = rule.match.type;
  j["match"] = std::move(m);
  j["times"] = rule.times ? Json(*rule.times) : Json(nullptr);
  j["every"] = rule.every;
  const FaultAction& a = rule.action;
  if (a.error) {
    Json e;
    e["code"] = static_cast<int>(*a.error);
    if (!a.error_details.empty()) e["details"] = a.error_details;
    j["error"] = std::move(e);
  }
  if (a.status) j["status"] = *a.status;
  if (a.body) j["body"] = *a.body;
  if (a.drop) j["drop"] = true;
  if (a.latency_ms > 0) j["latency_ms"] = a.latency_ms;
  j["stage"] = rule.stage() == FaultStage::kAfterAuth ? "after_auth" : "before_auth";
  j["matched"] = rule.matched;
  j["fired"] = rule.fired;
  auto left = rule.remaining();
  j["remaining"] = left ? Json(*left) : Json(nullptr);
  j["finished"] = rule.finished();
  return j;
}

GraphError FaultGraphError(const FaultAction& action, const std::string& path) {
  ErrorCode code = *action.error;
  // Graph platform errors keep their own wording and envelope (no error_data).
  switch (code) {
    case ErrorCode::kAccessTokenRequired:
      return NoAccessTokenError();
    case ErrorCode::kAccessTokenInvalid:
      return MalformedTokenError();
    case ErrorCode::kUnknownPathComponents:
      return UnknownPathError(path);
    case ErrorCode::kCallbackVerificationFailed:
      return CallbackVerificationFailedError(action.error_details.empty() ? "Fault injected by wasim"
                                                                          : action.error_details);
    case ErrorCode::kAppAccessTokenRequired:
      return AppAccessTokenRequiredError();
    case ErrorCode::kInvalidApplicationId:
      return OAuthError(code, std::string(SpecFor(code).title));
    default:
      return MakeError(code, action.error_details);
  }
}

int RawStatusCode(int status) { return status >= 500 ? 2 : 1; }

Json RawStatusBody(int status, const std::string& fbtrace_id) {
  // Key order as captured (facebook-java-business-sdk#319 for code 2,
  // php-graph-sdk#948 for code 1): message, type, is_transient, code.
  Json err;
  if (status >= 500) {
    err["message"] = "An unexpected error has occurred. Please retry your request later.";
    err["type"] = "OAuthException";
    err["is_transient"] = true;
    err["code"] = 2;
  } else {
    err["message"] = "An unknown error has occurred.";
    err["type"] = "OAuthException";
    err["code"] = 1;
  }
  err["fbtrace_id"] = fbtrace_id;
  Json body;
  body["error"] = std::move(err);
  return body;
}

}  // namespace wasim::faults
