#include "simulator/admin/templates_admin.h"

#include <set>

#include "simulator/domain/templates/quality.h"
#include "simulator/domain/templates/recategorization.h"
#include "simulator/domain/templates/service.h"

namespace wasim {
namespace {

std::string StringOf(const Json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

Json TemplateStateJson(const MessageTemplate& t) {
  Json j;
  j["id"] = t.id;
  j["name"] = t.name;
  j["language"] = t.language;
  j["status"] = TemplateStatusName(t.status.state);
  j["rejected_reason"] = t.rejected_reason;
  j["pending_decision"] = t.pending_decision;
  j["pending_reason"] = t.pending_reason;
  j["quality_score"] = t.quality_score;
  j["paced"] = t.paced;
  if (t.review_delay) j["review_delay"] = FormatDuration(*t.review_delay);
  j["category"] = t.category;
  if (!t.previous_category.empty()) j["previous_category"] = t.previous_category;
  if (t.recategorization.state == Recategorization::kImpending) {
    j["impending_category"] = t.impending_category;
    j["category_update_at"] = FormatIso8601(t.impending_at);
  }
  return j;
}

HttpResponse PostTemplateStatus(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  if (!body->is_object()) return AdminError(400, "body must be a JSON object");
  const Json& b = *body;
  std::optional<DurationMs> delay;
  if (b.contains("delay")) {
    delay = b["delay"].is_string() ? ParseDuration(b["delay"].get<std::string>()) : std::nullopt;
    if (!delay) return AdminError(400, "\"delay\" must be a duration such as \"90s\" or \"24h\"");
  }
  if (!b.contains("status") && !b.contains("decision") && !delay)
    return AdminError(400, "give \"status\" (decide now) or \"decision\"/\"delay\" (for the review)");
  const std::string id = p.at("id");
  Json rejection_info = b.contains("rejection_info") ? b["rejection_info"] : Json();
  return sim.WithLock([&](Ctx& ctx) {
    if (!ctx.state.templates.Contains(id)) return AdminError(404, "no template " + id);
    Status s =
        b.contains("status")
            ? templates::ForceStatus(ctx, id, StringOf(b, "status"), StringOf(b, "reason"), rejection_info)
            : templates::SetReviewDecision(ctx, id, StringOf(b, "decision"), StringOf(b, "reason"), delay,
                                           rejection_info);
    if (!s) return AdminError(400, s.error().details);
    return AdminJson(200, TemplateStateJson(*ctx.state.templates.Get(id)));
  });
}

// {"quality_score":"YELLOW"} and/or {"paced":true}: Meta-side quality decisions.
HttpResponse PostQuality(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  const Json& b = *body;
  if (!b.is_object() || (!b.contains("quality_score") && !b.contains("paced")))
    return AdminError(400, "give \"quality_score\" (GREEN|YELLOW|RED|UNKNOWN) and/or \"paced\" (true|false)");
  if (b.contains("quality_score") && !b["quality_score"].is_string())
    return AdminError(400, "\"quality_score\" must be a string");
  if (b.contains("paced") && !b["paced"].is_boolean())
    return AdminError(400, "\"paced\" must be true or false");
  const std::string id = p.at("id");
  return sim.WithLock([&](Ctx& ctx) {
    if (!ctx.state.templates.Contains(id)) return AdminError(404, "no template " + id);
    // Validate everything before changing anything.
    if (b.contains("quality_score")) {
      static const std::set<std::string> kScores = {"GREEN", "YELLOW", "RED", "UNKNOWN"};
      if (!kScores.count(b["quality_score"].get<std::string>()))
        return AdminError(400, "quality_score must be one of GREEN, YELLOW, RED, UNKNOWN");
    }
    if (b.contains("quality_score")) {
      Status s = templates::SetQuality(ctx, id, b["quality_score"].get<std::string>());
      if (!s) return AdminError(400, s.error().details);
    }
    if (b.contains("paced")) (void)templates::SetPaced(ctx, id, b["paced"].get<bool>());
    return AdminJson(200, TemplateStateJson(*ctx.state.templates.Get(id)));
  });
}

// {"category":"MARKETING","after":"24h"}: Meta recategorizes the template,
// announcing it now and changing it after `after` (default 24 h; "0s": now,
// announced only as completed).
HttpResponse PostCategory(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  const Json& b = *body;
  if (!b.is_object() || !b.contains("category") || !b["category"].is_string())
    return AdminError(400, "give {\"category\":\"MARKETING|UTILITY|AUTHENTICATION\",\"after\":\"24h\"?}");
  DurationMs after = templates::kRecategorizationNotice;
  if (b.contains("after")) {
    auto d = b["after"].is_string() ? ParseDuration(b["after"].get<std::string>()) : std::nullopt;
    if (!d || *d < 0 || *d > 365 * kDay)
      return AdminError(400, "\"after\" must be a duration such as \"24h\" or \"0s\"");
    after = *d;
  }
  for (const auto& [k, _] : b.items())
    if (k != "category" && k != "after")
      return AdminError(400, "unknown field \"" + k + "\" (category, after)");
  const std::string id = p.at("id");
  return sim.WithLock([&](Ctx& ctx) {
    if (!ctx.state.templates.Contains(id)) return AdminError(404, "no template " + id);
    Status s = templates::Recategorize(ctx, id, b["category"].get<std::string>(), after);
    if (!s) return AdminError(400, s.error().details);
    return AdminJson(200, TemplateStateJson(*ctx.state.templates.Get(id)));
  });
}

}  // namespace

void RegisterTemplateAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/templates/{id}/quality",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostQuality(sim, req, p); });
  router.Add("POST", "/_sim/templates/{id}/category",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostCategory(sim, req, p); });
  router.Add("POST", "/_sim/templates/{id}/status",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostTemplateStatus(sim, req, p); });
}

}  // namespace wasim
