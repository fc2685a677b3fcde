#include "simulator/admin/onboarding_admin.h"

#include "simulator/domain/onboarding/service.h"

namespace wasim {
namespace {

std::optional<std::string> ReadRequest(const Json& b, onboarding::Request& r) {
  if (!b.is_object()) return "body must be a JSON object";
  static const std::vector<std::pair<const char*, std::string onboarding::Request::*>> kStrings = {
      {"app_id", &onboarding::Request::app_id},
      {"business_id", &onboarding::Request::business_id},
      {"business_name", &onboarding::Request::business_name},
      {"waba_id", &onboarding::Request::waba_id},
      {"phone_number_id", &onboarding::Request::phone_number_id},
      {"phone_number", &onboarding::Request::display_phone_number},
      {"verified_name", &onboarding::Request::verified_name},
      {"outcome", &onboarding::Request::outcome}};
  for (const auto& [key, v] : b.items()) {
    bool known = key == "mode";
    for (const auto& [name, field] : kStrings)
      if (key == name) {
        if (!v.is_string()) return "\"" + key + "\" must be a string";
        r.*field = v.get<std::string>();
        known = true;
      }
    if (!known) return "unknown key \"" + key + "\"";
  }
  std::string mode = "cloud";
  if (b.contains("mode")) mode = b["mode"].is_string() ? b["mode"].get<std::string>() : "";
  if (mode != "cloud" && mode != "coexistence") return "\"mode\" must be \"cloud\" or \"coexistence\"";
  r.mode = mode == "cloud" ? NumberMode::kCloud : NumberMode::kCoexistence;
  if (r.phone_number_id.empty() && r.display_phone_number.empty())
    return "give \"phone_number_id\" (an existing number) or \"phone_number\" (digits of a new one)";
  return std::nullopt;
}

}  // namespace

void RegisterOnboardingAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/onboarding", [&sim](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
    if (!body) return AdminError(400, body.error().details);
    onboarding::Request r;
    if (auto problem = ReadRequest(*body, r)) return AdminError(400, *problem);
    return sim.WithLock([&](Ctx& ctx) {
      auto o = onboarding::Onboard(ctx, r);
      if (!o) return AdminError(400, o.error().details);
      Json j = Json::object();
      j["session_event"] = o->session_event;
      j["code"] = o->code.empty() ? Json(nullptr) : Json(o->code);
      j["code_expires_at"] = o->code_expires_at ? Json(FormatIso8601(*o->code_expires_at)) : Json(nullptr);
      j["business_id"] = o->business_id.empty() ? Json(nullptr) : Json(o->business_id);
      j["waba_id"] = o->waba_id.empty() ? Json(nullptr) : Json(o->waba_id);
      j["phone_number_id"] = o->phone_number_id.empty() ? Json(nullptr) : Json(o->phone_number_id);
      j["after_connect"] = o->after_connect.empty() ? Json(nullptr) : Json(o->after_connect);
      return AdminJson(200, j);
    });
  });
  router.Add("GET", "/_sim/onboarding/outcomes", [](const HttpRequest&, const PathParams&) {
    Json j = Json::object();
    j["success"] = "success";
    j["failures"] = onboarding::FailureNames();
    return AdminJson(200, j);
  });
}

}  // namespace wasim
