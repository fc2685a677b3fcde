#include "simulator/domain/messages/send_checks.h"

#include <utility>
#include <vector>

#include "simulator/domain/messages/validation_rules.h"
#include "simulator/domain/templates/send_check.h"

namespace wasim::messages {
namespace {

using MediaRef = std::pair<std::string, std::string>;  // (Meta path of the id, id)

bool IsMediaType(const std::string& t) {
  return t == "image" || t == "video" || t == "document" || t == "audio" || t == "sticker";
}

void AddRef(const Json& media, const std::string& where, std::vector<MediaRef>& out) {
  if (media.is_object() && media.contains("id") && media["id"].is_string())
    out.emplace_back(Sub(where, "id"), media["id"].get<std::string>());
}

// Media ids in the message itself, an interactive header or template parameters.
std::vector<MediaRef> MediaRefs(const std::string& type, const Json& p) {
  std::vector<MediaRef> out;
  if (IsMediaType(type)) AddRef(p, type, out);
  if (type == "interactive" && p.contains("header")) {
    const Json& h = p["header"];
    std::string ht = h.value("type", std::string());
    if (IsMediaType(ht) && h.contains(ht)) AddRef(h[ht], Sub(Sub("interactive", "header"), ht), out);
  }
  if (type == "template" && p.contains("components")) {
    const Json& comps = p["components"];
    for (size_t i = 0; i < comps.size(); ++i) {
      const Json params = comps[i].value("parameters", Json::array());
      std::string pw = Sub(At(Sub("template", "components"), i), "parameters");
      for (size_t j = 0; j < params.size(); ++j) {
        std::string pt = params[j].value("type", std::string());
        if (IsMediaType(pt) && params[j].contains(pt)) AddRef(params[j][pt], Sub(At(pw, j), pt), out);
      }
    }
  }
  return out;
}

bool UsableMedia(const Ctx& ctx, const PhoneNumber& phone, const std::string& id) {
  auto it = ctx.state.media.by_id.find(id);
  if (it == ctx.state.media.by_id.end()) return false;
  const MediaObject& m = it->second;
  // Assumption: media a customer sent cannot be re-sent by id (Meta documents
  // upload as the way to get a sendable id); expired media (30 days) is gone.
  return !m.inbound && m.waba_id == phone.waba_id && ctx.now() < m.expires_at;
}

GraphError ReactionError(const std::string& why) {
  // Meta documents the code (131009) only; the details are our wording (Assumption).
  return MakeError(ErrorCode::kParameterValueInvalid, why);
}

}  // namespace

Status CheckMediaIds(const Ctx& ctx, const PhoneNumber& phone, const std::string& type, const Json& payload) {
  for (const auto& [where, id] : MediaRefs(type, payload))
    if (!UsableMedia(ctx, phone, id))
      return SchemaParamError("Param " + where +
                              " is not a valid whatsapp business account media attachment ID");
  return {};
}

std::optional<GraphError> ReactionTargetFailure(const Ctx& ctx, const std::string& phone_number_id,
                                                const std::string& wa_id, const Json& reaction) {
  const std::string id = reaction["message_id"].get<std::string>();
  std::optional<TimeMs> at;
  std::string target_type;
  if (const OutboundMessage* out = ctx.state.messages.Find(id);
      out && out->phone_number_id == phone_number_id && out->wa_id == wa_id) {
    at = out->accepted_at;
    target_type = out->type;
  }
  if (const InboundMessage* in = ctx.state.inbound.Find(id);
      !at && in && in->phone_number_id == phone_number_id && in->from == wa_id) {
    at = in->at;
    target_type = in->type;
  }
  if (!at) return ReactionError("The message to react to does not exist in this chat.");
  if (target_type == "reaction") return ReactionError("The message to react to is itself a reaction.");
  if (ctx.now() - *at > kReactionMaxAge)
    return ReactionError("The message to react to is older than 30 days.");
  return std::nullopt;
}

Result<CheckedSend> CheckSendState(const Ctx& ctx, const PhoneNumber& phone, const std::string& wa_id,
                                   const std::string& type, const Json& payload) {
  CheckedSend d;
  if (auto s = CheckMediaIds(ctx, phone, type, payload); !s) return s.error();
  if (type == "template") {
    auto t = templates::CheckTemplateSend(ctx.state.templates, phone.waba_id, payload);
    if (!t) return t.error();
    d.category = t->category;
    // Meta (templates/template-pacing.md, "API Behavior"): a template send always
    // answers with message_status, "held_for_quality_assessment" while the
    // template is paced; assumption: held messages are then released as if the
    // quality assessment passed.
    d.message_status = t->paced ? "held_for_quality_assessment" : "accepted";
  }
  if (type == "reaction") d.async_failure = ReactionTargetFailure(ctx, phone.id, wa_id, payload);
  return d;
}

}  // namespace wasim::messages
