#include "simulator/admin/admin_api.h"

#include "simulator/admin/account_events_admin.h"
#include "simulator/admin/accounts_admin.h"
#include "simulator/admin/bulk_admin.h"
#include "simulator/admin/chunked_read.h"
#include "simulator/admin/coexistence_admin.h"
#include "simulator/admin/customers_admin.h"
#include "simulator/admin/events_admin.h"
#include "simulator/admin/faults_admin.h"
#include "simulator/admin/index_admin.h"
#include "simulator/admin/onboarding_admin.h"
#include "simulator/admin/query_params.h"
#include "simulator/admin/registration_admin.h"
#include "simulator/admin/requests_admin.h"
#include "simulator/admin/state_json.h"
#include "simulator/admin/templates_admin.h"
#include "simulator/admin/timeline_admin.h"

namespace wasim {

std::optional<TimeMs> ParseAdvanceTarget(const Json& body, TimeMs now, std::string* error) {
  if (!body.is_object()) {
    *error = "body must be a JSON object such as {\"by\":\"13d\"}";
    return std::nullopt;
  }
  // "by", "seconds" and "to" exclude each other: two of them would leave the
  // target ambiguous, so neither wins silently.
  int given = static_cast<int>(body.contains("by")) + static_cast<int>(body.contains("seconds")) +
              static_cast<int>(body.contains("to"));
  if (given > 1) {
    *error = "give only one of \"by\", \"seconds\" or \"to\"";
    return std::nullopt;
  }
  if (body.contains("by")) {
    if (!body["by"].is_string()) {
      *error = "\"by\" must be a duration string such as \"90s\", \"36h\" or \"13d\"";
      return std::nullopt;
    }
    auto d = ParseDuration(body["by"].get<std::string>());
    if (!d) {
      *error = "\"by\" is not a duration: use a number with ms, s, m, h, d or w, e.g. \"13d\"";
      return std::nullopt;
    }
    return now + *d;
  }
  if (body.contains("seconds")) {
    if (!body["seconds"].is_number() || body["seconds"].get<double>() < 0 ||
        body["seconds"].get<double>() > 1e11) {
      *error = "\"seconds\" must be a non-negative number";
      return std::nullopt;
    }
    return now + static_cast<DurationMs>(body["seconds"].get<double>() * 1000);
  }
  if (body.contains("to")) {
    auto t = body["to"].is_string() ? ParseIso8601(body["to"].get<std::string>()) : std::nullopt;
    if (!t) {
      *error = "\"to\" must be an ISO-8601 UTC time such as \"2026-01-02T00:00:00Z\"";
      return std::nullopt;
    }
    if (*t < now) {
      *error = "\"to\" is in the past; virtual time only moves forward";
      return std::nullopt;
    }
    return *t;
  }
  *error = "give one of \"by\" (\"13d\"), \"seconds\" (N) or \"to\" (ISO time)";
  return std::nullopt;
}

namespace {

Json ClockJson(Simulator& sim) {
  Json j;
  TimeMs now = sim.clock().Now();
  j["mode"] = sim.clock().ModeName();
  j["now"] = FormatIso8601(now);
  j["now_unix"] = UnixSeconds(now);
  j["now_ms"] = now;
  auto next = sim.NextDue();
  j["next_due"] = next ? Json(FormatIso8601(*next)) : Json(nullptr);
  return j;
}

// GET /_sim/messages: filters and paging (the cursor is a position in acceptance order).
struct MessagesQuery {
  std::string to, phone_number_id;
  std::optional<MessageStatus> status;  // the current status
  std::optional<TimeMs> since;          // accepted at or after
  std::optional<size_t> limit;          // none: every match (as before paging existed)
  std::size_t start = 0;
};

std::string ParseMessagesQuery(const HttpRequest& req, MessagesQuery* q) {
  if (std::string err = CheckQueryParams(req, {"to", "phone_number_id", "status", "since", "limit", "after"});
      !err.empty())
    return err;
  q->to = req.Query("to");
  q->phone_number_id = req.Query("phone_number_id");
  if (req.HasQuery("status")) {
    q->status = ParseMessageStatus(req.Query("status"));
    if (!q->status) return "status must be one of accepted, sent, delivered, read, played, failed";
  }
  if (req.HasQuery("since")) {
    q->since = ParseIso8601(req.Query("since"));
    if (!q->since) return "since must be a virtual time (ISO 8601, e.g. 2026-01-01T00:00:00Z)";
  }
  if (req.HasQuery("limit")) {
    size_t limit = 0;
    if (!ParseLimit(req.Query("limit"), 1000, &limit) || limit == 0)
      return "limit must be an integer 1..1000";
    q->limit = limit;
  }
  if (req.HasQuery("after")) {
    std::uint64_t after = 0;
    if (!ParseUint64(req.Query("after"), &after)) return "after must be a cursor from paging.cursors.after";
    q->start = static_cast<std::size_t>(after) + 1;
  }
  return "";
}

bool MessageMatches(const MessagesQuery& q, const OutboundMessage& m) {
  if (!q.to.empty() && m.wa_id != q.to) return false;
  if (!q.phone_number_id.empty() && m.phone_number_id != q.phone_number_id) return false;
  if (q.status && m.current() != *q.status) return false;
  if (q.since && m.accepted_at < *q.since) return false;
  return true;
}

}  // namespace

AdminApi::AdminApi(Simulator& sim) : sim_(sim) { RegisterCoreRoutes(); }

std::optional<HttpResponse> AdminApi::Handle(const HttpRequest& req) {
  if (req.path != "/_sim" && req.path.rfind("/_sim/", 0) != 0) return std::nullopt;
  try {
    if (auto r = router_.Dispatch(req)) return r;
    return AdminError(404, "Unknown admin endpoint " + req.method + " " + req.path);
  } catch (const std::exception& e) {
    return AdminError(500, std::string("internal error: ") + e.what());
  }
}

void AdminApi::RegisterCoreRoutes() {
  RegisterAccountsAdminRoutes(router_, sim_);       // PATCH businesses/wabas/phone_numbers, /_sim/rules
  RegisterAccountEventsAdminRoutes(router_, sim_);  // display-name review, account_update events
  RegisterTemplateAdminRoutes(router_, sim_);
  RegisterBulkAdminRoutes(router_, sim_);      // load-testing aid
  RegisterCustomerAdminRoutes(router_, sim_);  // customers, /_sim/inbound, forced statuses
  RegisterTimelineAdminRoutes(router_, sim_);
  RegisterEventsAdminRoutes(router_, sim_);
  RegisterFaultAdminRoutes(router_, sim_);         // Graph API fault injection
  RegisterCoexistenceAdminRoutes(router_, sim_);   // business app actions, Coexistence settings
  RegisterOnboardingAdminRoutes(router_, sim_);    // Embedded Signup outcomes
  RegisterRegistrationAdminRoutes(router_, sim_);  // codes sent, 2SV reset, registration state
  RegisterRequestsAdminRoutes(router_, sim_);      // GET /_sim/requests: Graph calls, request and response
  RegisterIndexAdminRoutes(router_, sim_);         // GET /_sim/ (this API), GET /_sim/errors (the catalog)
  router_.Add("GET", "/_sim/health", [this](const HttpRequest&, const PathParams&) {
    Json j;
    j["status"] = "ok";
    j["clock"] = sim_.clock().ModeName();
    j["now"] = FormatIso8601(sim_.clock().Now());
    return AdminJson(200, j);
  });
  router_.Add("POST", "/_sim/reset", [this](const HttpRequest&, const PathParams&) {
    sim_.Reset();
    Json j;
    j["reset"] = true;
    j["now"] = FormatIso8601(sim_.clock().Now());
    return AdminJson(200, j);
  });
  router_.Add("GET", "/_sim/clock",
              [this](const HttpRequest&, const PathParams&) { return AdminJson(200, ClockJson(sim_)); });
  router_.Add("POST", "/_sim/clock/advance", [this](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
    if (!body) return AdminError(400, body.error().details);
    std::string error;
    auto target = ParseAdvanceTarget(*body, sim_.clock().Now(), &error);
    if (!target) return AdminError(400, error);
    TimeMs before = sim_.clock().Now();
    sim_.AdvanceTo(*target);
    Json j = ClockJson(sim_);
    j["advanced_by"] = FormatDuration(sim_.clock().Now() - before);
    return AdminJson(200, j);
  });
  router_.Add("GET", "/_sim/messages", [this](const HttpRequest& req, const PathParams&) {
    MessagesQuery q;
    if (std::string err = ParseMessagesQuery(req, &q); !err.empty()) return AdminError(400, err);
    Json data = Json::array();
    size_t matched = 0, last_position = 0;
    bool more = false;
    // In acceptance order; a reset between chunks ends the listing early.
    ReadInChunks<std::size_t, std::pair<std::size_t, OutboundMessage>>(
        sim_, q.start,
        [&](Ctx& ctx, std::size_t& next, std::vector<std::pair<std::size_t, OutboundMessage>>& out) {
          const auto& order = ctx.state.messages.order();
          for (std::size_t scanned = 0; next < order.size() && scanned < kAdminReadChunk; ++next, ++scanned) {
            const OutboundMessage* m = ctx.state.messages.Find(order[next]);
            if (!MessageMatches(q, *m)) continue;
            if (q.limit && matched == *q.limit) {
              more = true;
              return false;
            }
            ++matched;
            out.emplace_back(next, *m);
          }
          return next < order.size();
        },
        [&](const std::pair<std::size_t, OutboundMessage>& item) {
          data.push_back(MessageJournalJson(item.second));
          last_position = item.first;
        });
    Json j;
    j["data"] = std::move(data);
    Json paging = Json::object();
    if (more) paging["cursors"] = {{"after", std::to_string(last_position)}};
    j["paging"] = paging;
    return AdminJson(200, j);
  });
  router_.Add("GET", "/_sim/messages/{wamid}", [this](const HttpRequest&, const PathParams& p) {
    const std::string& wamid = p.at("wamid");
    auto m = sim_.WithLock([&](Ctx& ctx) -> std::optional<OutboundMessage> {
      const OutboundMessage* found = ctx.state.messages.Find(wamid);
      return found ? std::optional<OutboundMessage>(*found) : std::nullopt;
    });
    if (!m) return AdminError(404, "no outbound message " + wamid + " (GET /_sim/messages lists them)");
    return AdminJson(200, MessageJournalJson(*m));
  });
}

}  // namespace wasim
