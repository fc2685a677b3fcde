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

// o[key] when o is an object and it is an array / a string, else empty: these
// run on whatever the client sent (validators may not have looked at every key).
Json ArrayFieldOf(const Json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_array() ? o[key] : Json::array();
}
std::string StringFieldOf(const Json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}

void AddRef(const Json& media, const std::string& where, std::vector<MediaRef>& out) {
  if (media.is_object() && media.contains("id") && media["id"].is_string())
    out.emplace_back(Sub(where, "id"), media["id"].get<std::string>());
}

// A header object's media reference (interactive headers and carousel card headers).
void AddHeaderRef(const Json& holder, const std::string& where, std::vector<MediaRef>& out) {
  if (!holder.is_object() || !holder.contains("header")) return;
  const Json& h = holder["header"];
  std::string ht = StringFieldOf(h, "type");
  if (IsMediaType(ht) && h.contains(ht)) AddRef(h[ht], Sub(Sub(where, "header"), ht), out);
}

// Media parameters of template components (`where` names the components array);
// carousel cards (Meta: media-card-carousel-templates.mdx) hold components of their own.
void AddComponentRefs(const Json& comps, const std::string& where, std::vector<MediaRef>& out) {
  if (!comps.is_array()) return;
  for (size_t i = 0; i < comps.size(); ++i) {
    const Json params = ArrayFieldOf(comps[i], "parameters");
    std::string pw = Sub(At(where, i), "parameters");
    for (size_t j = 0; j < params.size(); ++j) {
      std::string pt = StringFieldOf(params[j], "type");
      if (IsMediaType(pt) && params[j].contains(pt)) AddRef(params[j][pt], Sub(At(pw, j), pt), out);
    }
    const Json cards = ArrayFieldOf(comps[i], "cards");
    for (size_t k = 0; k < cards.size(); ++k)
      if (cards[k].is_object() && cards[k].contains("components"))
        AddComponentRefs(cards[k]["components"], Sub(At(Sub(At(where, i), "cards"), k), "components"), out);
  }
}

// Media ids in the message itself, an interactive header (also a carousel
// card's, Meta: interactive-media-carousel-messages.mdx) or template parameters.
std::vector<MediaRef> MediaRefs(const std::string& type, const Json& p) {
  std::vector<MediaRef> out;
  if (IsMediaType(type)) AddRef(p, type, out);
  if (type == "interactive") {
    AddHeaderRef(p, "interactive", out);
    const Json cards = p.contains("action") ? ArrayFieldOf(p["action"], "cards") : Json::array();
    for (size_t k = 0; k < cards.size(); ++k)
      AddHeaderRef(cards[k], At(Sub(Sub("interactive", "action"), "cards"), k), out);
  }
  if (type == "template" && p.contains("components"))
    AddComponentRefs(p["components"], Sub("template", "components"), out);
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
    d.template_text = t->hydrated_body;
    // Meta (templates/template-pacing.md, "API Behavior"): a template send always
    // answers with message_status, "held_for_quality_assessment" while the
    // template is paced; assumption: held messages are then released as if the
    // quality assessment passed.
    d.message_status = t->paced ? "held_for_quality_assessment" : "accepted";
    d.call_permission_request = t->call_permission_request;
  }
  if (type == "interactive" && StringFieldOf(payload, "type") == "call_permission_request")
    d.call_permission_request = true;
  if (type == "reaction") d.async_failure = ReactionTargetFailure(ctx, phone.id, wa_id, payload);
  return d;
}

}  // namespace wasim::messages
