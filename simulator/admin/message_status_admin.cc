#include "simulator/admin/message_status_admin.h"

#include "simulator/admin/state_json.h"
#include "simulator/domain/messages/lifecycle.h"

namespace wasim {
namespace {

std::optional<MessageStatus> ParseForcedStatus(const std::string& s) {
  if (s == "delivered") return MessageStatus::kDelivered;
  if (s == "read") return MessageStatus::kRead;
  if (s == "played") return MessageStatus::kPlayed;
  if (s == "failed") return MessageStatus::kFailed;
  return std::nullopt;
}

std::optional<ErrorCode> CatalogCode(long long number) {
  for (const auto& spec : ErrorCatalog())
    if (static_cast<long long>(spec.code) == number) return spec.code;
  return std::nullopt;
}

// {"code":N,"details"?:"..."} -> a catalog error; false with `error` otherwise.
bool ParseStatusError(const Json& e, GraphError* out, std::string* error) {
  if (!e.is_object() || !e.contains("code") || !e["code"].is_number_integer()) {
    *error = "\"error\" must be {\"code\":<catalog code>,\"details\":\"...\"?}, e.g. {\"code\":131026}";
    return false;
  }
  auto code = CatalogCode(e["code"].get<long long>());
  if (!code) {
    *error = "error.code " + e["code"].dump() +
             " is not in wasim's error catalog (simulator/core/errors.cc), e.g. 131026, 131047, 131049";
    return false;
  }
  std::string details;
  if (e.contains("details")) {
    if (!e["details"].is_string()) {
      *error = "error.details must be a string";
      return false;
    }
    details = e["details"].get<std::string>();
  }
  *out = MakeError(*code, details);
  return true;
}

HttpResponse PostMessageStatus(Simulator& sim, const HttpRequest& req, const PathParams& p) {
  auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
  if (!body) return AdminError(400, body.error().details);
  const Json& b = *body;
  if (!b.is_object() || !b.contains("status") || !b["status"].is_string())
    return AdminError(400,
                      "give {\"status\":\"delivered|read|played|failed\"} (failed also needs \"error\")");
  auto status = ParseForcedStatus(b["status"].get<std::string>());
  if (!status) return AdminError(400, "\"status\" must be delivered, read, played or failed");
  std::optional<GraphError> err;
  if (*status == MessageStatus::kFailed) {
    if (!b.contains("error"))
      return AdminError(400, "a failed status needs \"error\":{\"code\":...}, e.g. 131026");
    GraphError parsed;
    std::string problem;
    if (!ParseStatusError(b["error"], &parsed, &problem)) return AdminError(400, problem);
    err = parsed;
  } else if (b.contains("error")) {
    return AdminError(400, "\"error\" is only allowed with \"status\":\"failed\"");
  }
  const std::string wamid = p.at("wamid");
  return sim.WithLock([&](Ctx& ctx) {
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    if (!m) return AdminError(404, "no outbound message " + wamid);
    if (auto problem = messages::StatusProblem(*m, *status))
      return AdminError(409, "cannot set " + b["status"].get<std::string>() + ": " + *problem);
    messages::ApplyStatus(ctx, wamid, *status, err);
    return AdminJson(200, MessageJournalJson(*ctx.state.messages.Find(wamid)));
  });
}

}  // namespace

void RegisterMessageStatusAdminRoutes(AdminRouter& router, Simulator& sim) {
  router.Add("POST", "/_sim/messages/{wamid}/status",
             [&sim](const HttpRequest& req, const PathParams& p) { return PostMessageStatus(sim, req, p); });
}

}  // namespace wasim
