#include "simulator/admin/account_events_admin.h"

#include <set>
#include <utility>

#include "simulator/admin/state_json.h"
#include "simulator/domain/accounts/account_alerts.h"
#include "simulator/domain/accounts/account_events.h"
#include "simulator/domain/accounts/name_review.h"
#include "simulator/domain/accounts/username.h"
#include "simulator/webhooks/payloads.h"

namespace wasim {
namespace {

using NameReviewRequest = accounts::NameReviewChange;

Result<NameReviewRequest> ParseNameReview(const Json& b) {
  if (!b.is_object()) return InvalidParameterError("body must be a JSON object");
  static const std::set<std::string> keys = {"after", "decision", "new_name", "reason"};
  for (const auto& [k, _] : b.items())
    if (!keys.count(k))
      return InvalidParameterError("unknown field \"" + k + "\" (fields: after, decision, new_name, reason)");
  NameReviewRequest r;
  auto str = [&](const char* key, std::optional<std::string>* out) -> Status {
    if (!b.contains(key)) return {};
    if (!b[key].is_string() || b[key].get<std::string>().empty())
      return InvalidParameterError(std::string("\"") + key + "\" must be a non-empty string");
    *out = b[key].get<std::string>();
    return {};
  };
  std::optional<std::string> reason;
  for (auto [key, out] : {std::pair{"new_name", &r.new_name}, {"decision", &r.decision}, {"reason", &reason}})
    if (auto s = str(key, out); !s) return s.error();
  r.reason = reason.value_or("");
  if (b.contains("after")) {
    auto d = b["after"].is_string() ? ParseDuration(b["after"].get<std::string>()) : std::nullopt;
    if (!d || *d < 0 || *d > 3650 * kDay)
      return InvalidParameterError("\"after\" must be a duration such as \"36h\"");
    r.after = d;
  }
  if (!r.new_name && !r.decision && !r.after)
    return InvalidParameterError(
        "give \"decision\" (decide now), \"after\" (reschedule) or \"new_name\" (a new review)");
  if (r.decision && *r.decision != "APPROVED" && *r.decision != "DECLINED")
    return InvalidParameterError("\"decision\" must be \"APPROVED\" or \"DECLINED\"");
  if (!r.reason.empty() && r.decision != "DECLINED")
    return InvalidParameterError("\"reason\" goes with \"decision\":\"DECLINED\"");
  if (!r.reason.empty() && !accounts::IsNameRejectionReason(r.reason))
    return InvalidParameterError(
        "\"reason\" must be one of Meta's: NAME_EMPLOYEE_ISSUE, NAME_ENDCLIENT_NOTRELATED, "
        "NAME_FORMAT_UNACCEPTABLE, NAME_INDIVIDUAL_ISSUE, NAME_NOT_CONSISTENT, UNKNOWN");
  return r;
}

HttpResponse NameReview(Simulator& sim, const HttpRequest& req, const std::string& id) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  auto parsed = ParseNameReview(*body);
  if (!parsed) return AdminError(400, parsed.error().details);
  return sim.WithLock([&](Ctx& ctx) {
    const PhoneNumber* p = std::as_const(ctx.state.accounts).FindPhone(id);
    if (!p) return AdminError(404, "no phone number with id " + id);
    // Checks that can fail come before any change (the body was checked
    // whole; "after" alone needs a pending review), so a refusal records nothing.
    if (!parsed->new_name && parsed->after && !accounts::DisplayNameReviewPending(*p))
      return AdminError(409,
                        "no display-name review is pending for " + id + ": submit a name with \"new_name\"");
    if (auto s = accounts::ChangeNameReview(ctx, id, *parsed); !s) return AdminError(400, s.error().details);
    return AdminJson(200, PhoneJson(*p, ctx.state));
  });
}

// POST /_sim/phone_numbers/{id}/username_review {"decision":"APPROVED"|"REJECTED",
// "rejection_reasons":[...], "after":"2h"}: decides the pending business
// username review now, or (with after) then.
HttpResponse UsernameReviewAdmin(Simulator& sim, const HttpRequest& req, const std::string& id) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  const Json& b = *body;
  if (!b.is_object()) return AdminError(400, "body must be a JSON object");
  static const std::set<std::string> keys = {"after", "decision", "rejection_reasons"};
  for (const auto& [k, _] : b.items())
    if (!keys.count(k))
      return AdminError(400, "unknown field \"" + k + "\" (fields: decision, rejection_reasons, after)");
  if (!b.contains("decision") || !b["decision"].is_string())
    return AdminError(400, "\"decision\" must be \"APPROVED\" or \"REJECTED\"");
  std::vector<std::string> reasons;
  if (b.contains("rejection_reasons")) {
    if (!b["rejection_reasons"].is_array())
      return AdminError(400, "\"rejection_reasons\" must be a list of strings");
    for (const auto& r : b["rejection_reasons"]) {
      if (!r.is_string()) return AdminError(400, "\"rejection_reasons\" must be a list of strings");
      reasons.push_back(r.get<std::string>());
    }
  }
  std::optional<DurationMs> after;
  if (b.contains("after")) {
    after = b["after"].is_string() ? ParseDuration(b["after"].get<std::string>()) : std::nullopt;
    if (!after || *after < 0 || *after > 3650 * kDay)
      return AdminError(400, "\"after\" must be a duration such as \"36h\"");
  }
  return sim.WithLock([&](Ctx& ctx) {
    const PhoneNumber* p = std::as_const(ctx.state.accounts).FindPhone(id);
    if (!p) return AdminError(404, "no phone number with id " + id);
    if (!accounts::UsernameReviewPending(*p))
      return AdminError(
          409, "no username review is pending for " + id + ": POST /{phone-number-id}/username first");
    if (auto s = accounts::DecideUsername(ctx, id, b["decision"].get<std::string>(), reasons, after); !s)
      return AdminError(400, s.error().details);
    Json out = Json::object();
    out["username"] = p->username.username;
    out["requested_username"] = p->username.requested;
    return AdminJson(200, out);
  });
}

HttpResponse WabaEvent(Simulator& sim, const HttpRequest& req, const std::string& id) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  return sim.WithLock([&](Ctx& ctx) {
    const Waba* w = std::as_const(ctx.state.accounts).FindWaba(id);
    if (!w) return AdminError(404, "no WABA with id " + id);
    if (auto s = accounts::RaiseAccountEvent(ctx, id, *body); !s) return AdminError(400, s.error().details);
    return AdminJson(200, WabaJson(*w));
  });
}

// Meta's account_alerts (accounts/account_alerts.h); answers the alert as sent.
HttpResponse WabaAlert(Simulator& sim, const HttpRequest& req, const std::string& id) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  return sim.WithLock([&](Ctx& ctx) {
    if (!std::as_const(ctx.state.accounts).FindWaba(id)) return AdminError(404, "no WABA with id " + id);
    std::uint64_t before = ctx.facts.last_seq();
    if (auto s = accounts::RaiseAccountAlert(ctx, id, *body); !s) return AdminError(400, s.error().details);
    for (const Fact& f : ctx.facts.Read(before, 1).facts)
      if (auto* a = std::get_if<AccountAlertRaised>(&f.body))
        return AdminJson(200, webhooks::AccountAlertValue(*a));
    return AdminJson(200, Json::object());
  });
}

}  // namespace

void RegisterAccountEventsAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add(
      "POST", "/_sim/phone_numbers/{id}/name_review",
      [&sim](const HttpRequest& req, const PathParams& pp) { return NameReview(sim, req, pp.at("id")); });
  router.Add("POST", "/_sim/phone_numbers/{id}/username_review",
             [&sim](const HttpRequest& req, const PathParams& pp) {
               return UsernameReviewAdmin(sim, req, pp.at("id"));
             });
  router.Add("POST", "/_sim/wabas/{id}/events", [&sim](const HttpRequest& req, const PathParams& pp) {
    return WabaEvent(sim, req, pp.at("id"));
  });
  router.Add("POST", "/_sim/wabas/{id}/alerts", [&sim](const HttpRequest& req, const PathParams& pp) {
    return WabaAlert(sim, req, pp.at("id"));
  });
}

}  // namespace wasim
