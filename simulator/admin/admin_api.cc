#include "simulator/admin/admin_api.h"

#include "simulator/admin/account_events_admin.h"
#include "simulator/admin/accounts_admin.h"
#include "simulator/admin/bulk_admin.h"
#include "simulator/admin/chunked_read.h"
#include "simulator/admin/coexistence_admin.h"
#include "simulator/admin/customers_admin.h"
#include "simulator/admin/events_admin.h"
#include "simulator/admin/faults_admin.h"
#include "simulator/admin/onboarding_admin.h"
#include "simulator/admin/registration_admin.h"
#include "simulator/admin/state_json.h"
#include "simulator/admin/templates_admin.h"
#include "simulator/admin/timeline_admin.h"

namespace wasim {

std::optional<TimeMs> ParseAdvanceTarget(const Json& body, TimeMs now, std::string* error) {
  if (!body.is_object()) {
    *error = "body must be a JSON object such as {\"by\":\"13d\"}";
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
    std::string to = req.Query("to"), phone = req.Query("phone_number_id");
    Json data = Json::array();
    // In acceptance order; a reset between chunks ends the listing early.
    ReadInChunks<std::size_t, OutboundMessage>(
        sim_, std::size_t{0},
        [&](Ctx& ctx, std::size_t& next, std::vector<OutboundMessage>& out) {
          const auto& order = ctx.state.messages.order();
          for (std::size_t scanned = 0; next < order.size() && scanned < kAdminReadChunk; ++next, ++scanned) {
            const OutboundMessage* m = ctx.state.messages.Find(order[next]);
            if ((to.empty() || m->wa_id == to) && (phone.empty() || m->phone_number_id == phone))
              out.push_back(*m);
          }
          return next < order.size();
        },
        [&](const OutboundMessage& m) { data.push_back(MessageJournalJson(m)); });
    Json j;
    j["data"] = std::move(data);
    return AdminJson(200, j);
  });
}

}  // namespace wasim
