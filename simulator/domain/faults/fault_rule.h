// FaultRule: WireMock-style fault injection for the Graph API, as a typed
// value. A rule says which requests it matches (method, path glob, the path's
// node, the `to` and `type` of a send), how often it fires (the next N
// matching requests, every Nth, or all) and what happens (a catalog error, a
// raw HTTP status, added real-time latency, or a dropped connection).
//
// No HTTP types here: the pipeline describes a request as a FaultRequest and
// turns a fired rule into a response; the transport (server.cc) applies the
// latency and the drop. ParseFaultRule is the one JSON reader of a rule, used
// by the admin API and (converting YAML to JSON) by scenario files.
// Thread-safety: plain values; FaultStore (fault_store.h) guards the list.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"

namespace wasim::faults {

// Upper bound of `latency_ms` (real milliseconds): long enough to outlast any
// sane HTTP client timeout, short enough that a forgotten rule cannot hold a
// server thread for minutes. Our choice.
inline constexpr int kMaxLatencyMs = 60'000;

// Where in the Graph pipeline a rule is checked (our modelling of a real outage):
//  - kBeforeAuth: before the token is read, like an outage at Meta's edge: a
//    503/500 from a load balancer, a reset connection, a slow network. Counts
//    every matching request, authenticated or not.
//  - kAfterAuth: after the token, the node's ownership and the route are
//    checked and the body parsed, just before the handler: a WhatsApp error
//    such as 131000 or 130429 is what Meta answers an authenticated request.
//    A request refused by auth/routing gets that error and does not count.
enum class FaultStage { kBeforeAuth, kAfterAuth };

// Empty fields match anything.
struct FaultMatch {
  std::string method;           // upper case, e.g. "POST"
  std::string path;             // exact, or a glob where '*' matches within one segment: "/v*/*/messages"
  std::string phone_number_id;  // the path's node (first segment after the version)
  std::string to;               // a send's `to`, compared by its digits ("+1 650…" == "1650…")
  std::string type;             // a send's `type` ("text" when absent, as Meta defaults it)
};

// What a fired rule does. Exactly one of error / status / drop, or none of
// them with latency_ms > 0 (the request is then served normally, late).
struct FaultAction {
  std::optional<ErrorCode> error;   // a catalog error, rendered as Meta renders that code
  std::string error_details;        // overrides the catalog's error_data.details when set
  std::optional<int> status;        // a raw HTTP status (400..599) with a Graph-like body
  std::optional<std::string> body;  // raw-status body sent verbatim instead of the default
  bool drop = false;                // close the connection without an HTTP response
  int latency_ms = 0;               // real milliseconds the answer (or the drop) is held back
};

struct FaultRule {
  std::string id;  // "flt_1", assigned by the store
  FaultMatch match;
  // How often: fires on every `every`-th matching request (1: each one), at
  // most `times` times (nullopt: without limit). {times:N} is "the next N
  // matching requests"; {every:N} is "every Nth"; neither is "all".
  std::optional<std::uint64_t> times;
  std::uint64_t every = 1;
  FaultAction action;
  // Counters, kept by the store.
  std::uint64_t matched = 0;  // matching requests seen at this rule's stage
  std::uint64_t fired = 0;

  bool finished() const { return times && fired >= *times; }
  std::optional<std::uint64_t> remaining() const {
    if (!times) return std::nullopt;
    return fired >= *times ? 0 : *times - fired;
  }
  // Catalog errors are checked after auth; everything else before it.
  FaultStage stage() const { return action.error ? FaultStage::kAfterAuth : FaultStage::kBeforeAuth; }
};

// What the pipeline knows of a request when it checks faults.
struct FaultRequest {
  std::string method;
  std::string path;  // as requested, without the query string
  std::string node;  // first path segment after the version ("" when none)
  std::string to;    // sends only
  std::string type;  // sends only
};

// '*' matches any run of characters other than '/'; a trailing '/' on the
// path is ignored (routing ignores it too).
bool PathGlobMatches(std::string_view pattern, std::string_view path);
bool Matches(const FaultMatch& m, const FaultRequest& r);

// The rule described by `j` (strict: unknown keys, wrong types, out-of-range
// values and codes not in the error catalog are refused), or nullopt with
// `*error` naming the key and the problem. The id and counters are not read.
//
//   {"match":{"method":"POST","path":"/v*/*/messages","phone_number_id":"…","to":"…","type":"text"},
//    "times":3, "every":2,
//    "error":{"code":131000,"details":"…"} | "status":503[,"body":"…"] | "drop":true,
//    "latency_ms":2000}
std::optional<FaultRule> ParseFaultRule(const Json& j, std::string* error);
// The rule as the admin API lists it (the shape ParseFaultRule reads, plus
// id, stage, matched, fired, remaining and finished).
Json FaultRuleJson(const FaultRule& rule);

// The error a fired catalog-error rule answers with, rendered exactly as Meta
// renders that code: WhatsApp codes through MakeError (title, details,
// subcode, HTTP status from the catalog); Graph platform codes (104, 190,
// 2500, 2200, 15) through their own factories. `path` fills 2500's
// "Unknown path components". REQUIRES: action.error.
GraphError FaultGraphError(const FaultAction& action, const std::string& path);
// The body of a raw-status fault (Graph's platform error envelope, as captured):
//  5xx: {"error":{"message":"An unexpected error has occurred. Please retry your request later.",
//        "type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"…"}}
//  4xx: {"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,
//        "fbtrace_id":"…"}}
// and the Graph code it carries (for the api_call fact).
Json RawStatusBody(int status, const std::string& fbtrace_id);
int RawStatusCode(int status);

}  // namespace wasim::faults
