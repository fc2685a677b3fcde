#include "simulator/admin/index_admin.h"

#include <algorithm>
#include <vector>

#include "simulator/core/error_names.h"
#include "simulator/domain/rules/rules_config.h"

namespace wasim {
namespace {

using RouteKey = std::pair<std::string, std::string>;

Json IndexEntry(const std::string& method, const std::string& path, const std::string& description) {
  Json e = Json::object();
  e["method"] = method;
  e["path"] = path;
  e["description"] = description;
  return e;
}

Json IndexJson(const AdminRouter& router) {
  const auto& described = AdminRouteDescriptions();
  std::map<RouteKey, std::string> routes;
  router.ForEachRoute([&](const std::string& method, const std::string& pattern) {
    auto it = described.find({method, pattern});
    routes[{method, pattern}] = it == described.end() ? "" : it->second;
  });
  for (const auto& [key, text] : AdminExtraRoutes()) routes.emplace(key, text);
  // By path, then method in the usual order.
  auto method_rank = [](const std::string& m) {
    const char* order[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (int i = 0; i < 5; ++i)
      if (m == order[i]) return i;
    return 5;
  };
  std::vector<std::pair<RouteKey, std::string>> sorted(routes.begin(), routes.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
    if (a.first.second != b.first.second) return a.first.second < b.first.second;
    return method_rank(a.first.first) < method_rank(b.first.first);
  });
  Json data = Json::array();
  for (const auto& [key, text] : sorted) data.push_back(IndexEntry(key.first, key.second, text));
  Json j = Json::object();
  j["data"] = std::move(data);
  j["graph_api"] = "Graph API calls are under /{version}/... (e.g. /v23.0/{phone-number-id}/messages)";
  return j;
}

// Where wasim raises each code today, from the rules configuration: a rule
// whose surface is async fails the message later (a `failed` status webhook),
// a sync one answers the send with the error; every other code is an HTTP
// error response of the call that raised it.
Json ErrorsJson(const rules::RulesConfig& rules) {
  Json data = Json::array();
  for (const ErrorSpec& spec : ErrorCatalog()) {
    bool sync = false, async = false;
    std::vector<std::string> raised_by;
    for (int i = 0; i < rules::kRuleCount; ++i) {
      const rules::RuleSwitch& sw = rules.switches[static_cast<size_t>(i)];
      if (sw.code != spec.code) continue;
      raised_by.push_back(rules::RuleName(static_cast<rules::RuleId>(i)));
      (sw.surface == rules::Surface::kAsync ? async : sync) = true;
    }
    if (raised_by.empty()) sync = true;
    GraphError made = MakeError(spec.code);
    Json e = Json::object();
    e["code"] = static_cast<int>(spec.code);
    e["subcode"] = made.subcode ? Json(*made.subcode) : Json(nullptr);
    // Template management errors go out as code 100 with the number in error_subcode.
    if (made.flavor == ErrorFlavor::kSubcode)
      e["response_code"] = static_cast<int>(ErrorCode::kInvalidParameter);
    e["name"] = std::string(ErrorCodeName(spec.code));
    e["title"] = std::string(spec.title);
    e["http_status"] = spec.http_status;
    e["surface"] = sync && async ? "both" : async ? "status_webhook" : "sync";
    e["rules"] = raised_by;
    e["origin"] = std::string(spec.origin);
    // Raised by wasim's own behaviour, or only when forced (fault rule, forced status).
    e["raised"] = spec.unused_reason.empty();
    if (!spec.unused_reason.empty()) e["unused_reason"] = std::string(spec.unused_reason);
    e["forced_status"] = true;
    e["fault_rule"] = true;
    data.push_back(std::move(e));
  }
  Json j = Json::object();
  j["data"] = std::move(data);
  j["surfaces"] = {
      {"sync", "the HTTP error response of the Graph call"},
      {"status_webhook", "HTTP 200 with a wamid, then a `failed` status webhook carrying the error"},
      {"both", "rules raise it both ways (see /_sim/rules)"}};
  j["forced_status"] =
      "POST /_sim/messages/{wamid}/status {\"status\":\"failed\",\"error\":{\"code\":N}} accepts every code "
      "listed";
  j["fault_rule"] = "POST /_sim/faults {\"error\":{\"code\":N}} accepts every code listed";
  return j;
}

}  // namespace

const std::map<RouteKey, std::string>& AdminRouteDescriptions() {
  static const std::map<RouteKey, std::string> kDescriptions = {
      {{"GET", "/_sim"}, "this list: every admin call with a one-line description"},
      {{"GET", "/_sim/errors"}, "the error catalog: code, subcode, title, HTTP status, where it surfaces"},
      {{"GET", "/_sim/health"}, "liveness: status, clock mode, virtual now"},
      {{"POST", "/_sim/reset"}, "back to the initial world (the clock stays where it is)"},
      {{"GET", "/_sim/clock"}, "the virtual clock: mode, now, next due record"},
      {{"POST", "/_sim/clock/advance"},
       "move virtual time by/to ({\"by\":\"90s\"} | {\"to\":ISO}), running what falls due"},
      {{"GET", "/_sim/state"}, "the complete state as one JSON document (?view=summary: the summary only)"},
      {{"PUT", "/_sim/state"}, "import a complete state document: all or nothing"},
      {{"POST", "/_sim/snapshots"}, "save the complete state under a name (in memory)"},
      {{"GET", "/_sim/snapshots"}, "the saved snapshots"},
      {{"POST", "/_sim/snapshots/{name}/restore"}, "restore a snapshot"},
      {{"DELETE", "/_sim/snapshots/{name}"}, "forget a snapshot"},
      {{"GET", "/_sim/timeline"}, "pending Meta-side work in run order (kind, object, limit, after)"},
      {{"GET", "/_sim/events"}, "the fact log: what happened, numbered (after, type, object, limit, wait)"},
      {{"GET", "/_sim/requests"},
       "Graph calls with request and response (path, method, status, code, phone_number, since, limit, "
       "after)"},
      {{"GET", "/_sim/messages"},
       "outbound journal with status history (to, phone_number_id, status, since, limit, after)"},
      {{"GET", "/_sim/messages/{wamid}"}, "one outbound message with its status history"},
      {{"POST", "/_sim/messages/{wamid}/status"},
       "force delivered | read | played | failed (with a catalog error)"},
      {{"GET", "/_sim/inbound"},
       "inbound journal: messages customers sent (from, phone_number_id, type, since, limit, after)"},
      {{"POST", "/_sim/inbound"}, "a customer sends a message to a business number"},
      {{"GET", "/_sim/customers"}, "every customer"},
      {{"GET", "/_sim/customers/{wa_id}"}, "a customer, their relations and customer service windows"},
      {{"PUT", "/_sim/customers/{wa_id}"}, "set a customer's state, profile and per-number flags"},
      {{"POST", "/_sim/customers/{wa_id}/number"}, "the customer changes their phone number"},
      {{"GET", "/_sim/businesses/{id}"}, "a business portfolio's account state and limits"},
      {{"PATCH", "/_sim/businesses/{id}"}, "change a business portfolio's account state and limits"},
      {{"GET", "/_sim/wabas/{id}"}, "a WABA's account state"},
      {{"PATCH", "/_sim/wabas/{id}"}, "change a WABA's account state"},
      {{"POST", "/_sim/wabas/{id}/alerts"}, "Meta sends an account_alerts webhook"},
      {{"POST", "/_sim/wabas/{id}/events"}, "account_update events (violation, ban, restriction, ...)"},
      {{"GET", "/_sim/phone_numbers/{id}"}, "a phone number's account state and thresholds"},
      {{"PATCH", "/_sim/phone_numbers/{id}"}, "change a phone number's state and thresholds"},
      {{"GET", "/_sim/phone_numbers/{id}/codes"}, "verification codes the simulated phone received"},
      {{"GET", "/_sim/phone_numbers/{id}/registration"}, "registration and two-step verification state"},
      {{"POST", "/_sim/phone_numbers/{id}/two_step_verification/reset_request"},
       "WhatsApp Manager: request a PIN reset"},
      {{"POST", "/_sim/phone_numbers/{id}/two_step_verification/disable"},
       "WhatsApp Manager: turn two-step verification off"},
      {{"POST", "/_sim/phone_numbers/{id}/two_step_verification/pin"}, "WhatsApp Manager: change the PIN"},
      {{"POST", "/_sim/phone_numbers/{id}/previous_account_deleted"},
       "the number's previous WhatsApp account was deleted"},
      {{"POST", "/_sim/phone_numbers/{id}/name_review"},
       "display-name review: decide now, or set outcome and delay"},
      {{"POST", "/_sim/phone_numbers/{id}/username_review"},
       "business-username review: decide now or after a delay"},
      {{"GET", "/_sim/phone_numbers/{id}/business_app"}, "a Coexistence number's business app"},
      {{"POST", "/_sim/phone_numbers/{id}/business_app"},
       "business app actions (heartbeat, echoes, contacts, reinstall)"},
      {{"GET", "/_sim/coexistence"}, "Coexistence settings"},
      {{"PATCH", "/_sim/coexistence"}, "change Coexistence settings"},
      {{"GET", "/_sim/rules"}, "Meta's messaging rules: on/off, code, surface, thresholds"},
      {{"PATCH", "/_sim/rules"}, "switch rules on/off, override code, surface and thresholds"},
      {{"POST", "/_sim/templates/{id}/status"}, "a Meta-side review decision, now or for the pending review"},
      {{"POST", "/_sim/templates/{id}/category"},
       "Meta recategorizes a template (announced now, applied later)"},
      {{"POST", "/_sim/templates/{id}/quality"}, "set a template's quality score"},
      {{"GET", "/_sim/webhooks"},
       "webhook delivery journal with every attempt (state, field, app_id, wamid, limit)"},
      {{"GET", "/_sim/webhooks/{id}"}, "one webhook delivery with its attempts"},
      {{"POST", "/_sim/webhooks/{id}/redeliver"}, "send a journaled delivery again (same bytes)"},
      {{"GET", "/_sim/webhooks/config"},
       "webhook batching, ordering, horizon, history, at-least-once realism"},
      {{"POST", "/_sim/webhooks/config"}, "change the webhook settings"},
      {{"POST", "/_sim/bulk"}, "create many numbers and customers at once (load tests)"},
      {{"POST", "/_sim/scenarios"}, "load a scenario (YAML body, or {\"name\"} from the library)"},
      {{"GET", "/_sim/scenarios/current"}, "the loaded scenario's progress"},
      {{"GET", "/_sim/scenarios/current/verdict"},
       "the loaded scenario's verdict (200 met, 409 not; ?format=junit)"},
      {{"GET", "/_sim/faults"}, "fault rules for the Graph API"},
      {{"POST", "/_sim/faults"}, "add a fault rule (errors, outages, latency, dropped connections)"},
      {{"DELETE", "/_sim/faults"}, "remove every fault rule"},
      {{"GET", "/_sim/faults/{id}"}, "one fault rule and its counters"},
      {{"DELETE", "/_sim/faults/{id}"}, "remove a fault rule"},
      {{"POST", "/_sim/onboarding"}, "play an Embedded Signup outcome"},
      {{"GET", "/_sim/onboarding/outcomes"}, "the Embedded Signup outcomes that can be played"},
  };
  return kDescriptions;
}

const std::map<RouteKey, std::string>& AdminExtraRoutes() {
  static const std::map<RouteKey, std::string> kExtra = {
      {{"GET", "/_sim/sandboxes"}, "live sandboxes (isolated simulators in this server)"},
      {{"POST", "/_sim/sandboxes"}, "create a sandbox: its own world, clock, ids and token"},
      {{"GET", "/_sim/sandboxes/{id}"}, "one sandbox"},
      {{"DELETE", "/_sim/sandboxes/{id}"}, "end a sandbox"},
      {{"GET", "/_sim/sandboxes/{id}/..."}, "any admin call above, on that sandbox"},
  };
  return kExtra;
}

void RegisterIndexAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("GET", "/_sim",
             [&router](const HttpRequest&, const PathParams&) { return AdminJson(200, IndexJson(router)); });
  router.Add("GET", "/_sim/errors", [&sim](const HttpRequest&, const PathParams&) {
    rules::RulesConfig rules = sim.WithLock([](Ctx& ctx) { return ctx.state.config.rules; });
    return AdminJson(200, ErrorsJson(rules));
  });
}

}  // namespace wasim
