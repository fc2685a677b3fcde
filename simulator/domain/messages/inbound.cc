#include "simulator/domain/messages/inbound.h"

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/customers/service.h"
#include "simulator/domain/media/service.h"
#include "simulator/domain/messages/inbound_content.h"
#include "simulator/domain/rules/send_rules.h"

namespace wasim::messages {
namespace {

struct Envelope {
  std::string from;
  std::string type;
  const PhoneNumber* phone = nullptr;
  std::optional<std::string> profile_name;
};

Result<Envelope> ParseEnvelope(const Ctx& ctx, const Json& body) {
  if (!body.is_object()) return InvalidParameterError("body must be a JSON object");
  for (const char* k : {"from", "phone_number_id", "type"})
    if (!body.contains(k) || !body[k].is_string())
      return MakeError(ErrorCode::kRequiredParameterMissing,
                       std::string("The parameter ") + k + " is required.");
  Envelope e;
  e.from = body["from"].get<std::string>();
  e.type = body["type"].get<std::string>();
  if (!customers::IsValidWaId(e.from))
    return InvalidParameterError(
        "from must be the user's wa_id: 7 to 15 digits without '+', e.g. 16505551234");
  std::string phone_id = body["phone_number_id"].get<std::string>();
  e.phone = ctx.state.accounts.FindPhone(phone_id);
  if (!e.phone) {
    GraphError err = InvalidParameterError("Unknown phone_number_id " + phone_id);
    err.http_status = 404;
    return err;
  }
  if (e.phone->deleted || !e.phone->registered)
    return InvalidParameterError("phone number " + phone_id +
                                 " is deleted or not registered; it receives no messages");
  if (body.contains("profile_name")) {
    if (!body["profile_name"].is_string() || body["profile_name"].get<std::string>().empty() ||
        body["profile_name"].get<std::string>().size() > customers::kMaxProfileNameLength)
      return InvalidParameterError("profile_name must be a non-empty string of at most 256 characters");
    e.profile_name = body["profile_name"].get<std::string>();
  }
  return e;
}

// The user must be able to write: on WhatsApp and not blocking the business.
Status CheckSenderCustomer(const Ctx& ctx, const Envelope& e) {
  const Customer* c = ctx.state.customers.Find(e.from);
  if (c && c->state == CustomerState::kNotOnWhatsApp)
    return InvalidParameterError("customer " + e.from +
                                 " is not_on_whatsapp and cannot write; PUT /_sim/customers/" + e.from +
                                 " {\"state\":\"online\"} first");
  const CustomerRelation* rel = ctx.state.customers.FindRelation(e.phone->id, e.from);
  if (rel && rel->blocked_business)
    return InvalidParameterError("customer " + e.from +
                                 " blocked this business number; unblock it first (blocked_business:false)");
  return {};
}

// An earlier inbound message of this conversation, or null.
const InboundMessage* FindOwnInbound(const Ctx& ctx, const Envelope& e, const std::string& wamid) {
  const InboundMessage* in = ctx.state.inbound.Find(wamid);
  return in && in->from == e.from && in->phone_number_id == e.phone->id ? in : nullptr;
}

const OutboundMessage* FindOwnOutbound(const Ctx& ctx, const Envelope& e, const std::string& wamid) {
  const OutboundMessage* m = ctx.state.messages.Find(wamid);
  return m && m->wa_id == e.from && m->phone_number_id == e.phone->id ? m : nullptr;
}

bool AlreadyRevoked(const Ctx& ctx, const Envelope& e, const std::string& wamid) {
  for (const auto& id : ctx.state.inbound.order()) {
    const InboundMessage* in = ctx.state.inbound.Find(id);
    if (in->type == "revoke" && in->from == e.from && in->content.value("original_message_id", "") == wamid)
      return true;
  }
  return false;
}

// Edit/revoke/reaction targets must exist in this conversation (and be recent enough).
Status CheckTarget(const Ctx& ctx, const Envelope& e, const InboundContent& c) {
  if (c.target_message_id.empty()) return {};
  const std::string& id = c.target_message_id;
  if (e.type == "reaction") {
    if (FindOwnInbound(ctx, e, id) || FindOwnOutbound(ctx, e, id)) return {};
    return InvalidParameterError("reaction.message_id " + id + " is not a message between " + e.from +
                                 " and this number");
  }
  const InboundMessage* orig = FindOwnInbound(ctx, e, id);
  if (!orig || orig->type == "edit" || orig->type == "revoke" || orig->type == "reaction")
    return InvalidParameterError(e.type + ".original_message_id " + id + " is not a message " + e.from +
                                 " sent to this number");
  if (AlreadyRevoked(ctx, e, id))
    return InvalidParameterError("message " + id + " was already deleted (revoked)");
  DurationMs age = ctx.now() - orig->at;
  if (e.type == "edit") {
    if (age > kInboundEditWindow)
      return InvalidParameterError("Meta allows edits only within 15 minutes of the original message");
    std::string inner = c.content["message"]["type"].get<std::string>();
    if (inner != orig->type)
      return InvalidParameterError("edit.message.type must match the original message (" + orig->type + ")");
  }
  if (e.type == "revoke" && age > kInboundRevokeWindow)
    return InvalidParameterError("Meta allows deleting a message for everyone only within 2 days");
  return {};
}

// context: {"id"} (a reply) and/or {"forwarded"|"frequently_forwarded":true} -> Meta's context object.
Result<Json> BuildContext(const Ctx& ctx, const Envelope& e, const Json& body) {
  if (!body.contains("context")) return Json();
  const Json& in = body["context"];
  if (e.type == "reaction" || e.type == "edit" || e.type == "revoke")
    return InvalidParameterError(e.type + " messages carry no context; they name their target themselves");
  if (!in.is_object())
    return InvalidParameterError("context must be an object such as {\"id\":\"wamid...\"}");
  Json out = Json::object();
  if (in.contains("id")) {
    if (!in["id"].is_string()) return InvalidParameterError("context.id must be a wamid string");
    std::string id = in["id"].get<std::string>();
    if (FindOwnOutbound(ctx, e, id))
      out["from"] = e.phone->display_phone_number;
    else if (FindOwnInbound(ctx, e, id))
      out["from"] = e.from;
    else
      return InvalidParameterError("context.id " + id + " is not a message between " + e.from +
                                   " and this number");
    out["id"] = id;
  }
  for (const char* k : {"forwarded", "frequently_forwarded"}) {
    if (!in.contains(k)) continue;
    if (!in[k].is_boolean()) return InvalidParameterError(std::string("context.") + k + " must be a boolean");
    if (in[k].get<bool>()) out[k] = true;
  }
  if (out.empty())
    return InvalidParameterError("context needs an id (reply) or forwarded/frequently_forwarded:true");
  return out;
}

// Click-to-WhatsApp referral, in Meta's key order.
Result<Json> BuildReferral(const Envelope& e, const Json& body) {
  if (!body.contains("referral")) return Json();
  const Json& r = body["referral"];
  bool allowed =
      e.type == "text" || IsInboundMediaType(e.type) || e.type == "location" || e.type == "contacts";
  if (!allowed)
    return InvalidParameterError(
        "a referral comes only with a message the user wrote (text, media, location, contacts)");
  if (!r.is_object()) return InvalidParameterError("referral must be an object");
  for (const char* k : {"source_url", "source_id", "source_type"})
    if (!r.contains(k) || !r[k].is_string() || r[k].get<std::string>().empty())
      return MakeError(ErrorCode::kRequiredParameterMissing,
                       std::string("The parameter referral.") + k + " is required.");
  std::string st = r["source_type"].get<std::string>();
  if (st != "ad" && st != "post") return InvalidParameterError("referral.source_type must be ad or post");
  Json out = Json::object();
  for (const char* k : {"source_url", "source_id", "source_type", "body", "headline", "media_type",
                        "image_url", "video_url", "thumbnail_url", "ctwa_clid"}) {
    if (!r.contains(k)) continue;
    if (!r[k].is_string()) return InvalidParameterError(std::string("referral.") + k + " must be a string");
    out[k] = r[k];
  }
  if (out.contains("media_type") && out["media_type"] != "image" && out["media_type"] != "video")
    return InvalidParameterError("referral.media_type must be image or video");
  if (r.contains("welcome_message")) {
    const Json& w = r["welcome_message"];
    if (!w.is_object() || !w.contains("text") || !w["text"].is_string())
      return InvalidParameterError("referral.welcome_message must be {\"text\":\"...\"}");
    out["welcome_message"] = {{"text", w["text"]}};
  }
  return out;
}

}  // namespace

Result<InboundResult> ReceiveInbound(Ctx& ctx, const Json& body, const PreparedBlob* data) {
  auto env = ParseEnvelope(ctx, body);
  if (!env) return env.error();
  const Envelope& e = *env;
  if (auto s = CheckSenderCustomer(ctx, e); !s) return s.error();
  auto content = BuildInboundContent(e.type, body, data);
  if (!content) return content.error();
  auto referral = BuildReferral(e, body);
  if (!referral) return referral.error();
  auto context = BuildContext(ctx, e, body);
  if (!context) return context.error();
  if (auto s = CheckTarget(ctx, e, *content); !s) return s.error();

  // Validated: commit.
  TimeMs now = ctx.now();
  InboundResult result;
  Json payload = content->content;
  if (InboundMediaDraft* d = content->media ? &*content->media : nullptr) {
    // Assumption: without `data`, a few placeholder bytes unique to this message.
    if (!d->data.bytes) d->data = PrepareBlob("wasim generated " + e.type + " " + ctx.ids.Hex(32));
    result.media_id = media::StoreInbound(ctx, e.phone->id, d->mime_type, d->data, d->filename);
    payload = InboundMediaJson(*d, result.media_id, d->data.sha256);
    // Meta (changelog 2025-10-16; webhooks/reference/messages/image): the
    // webhook carries the media's URL, downloadable with the access token.
    media::IssuedUrl url = media::IssueInboundUrl(ctx, result.media_id);
    payload["url"] =
        media::DownloadUrl(ctx.state.public_base_url, result.media_id, url.expires_at, url.token);
  }
  result.wamid = ctx.ids.Wamid(e.from, false);
  Customer& customer = ctx.state.customers.Ensure(e.from);
  if (e.profile_name) customer.profile_name = *e.profile_name;
  // Meta: every message from the user opens/refreshes the 24 h customer service window.
  CustomerRelation& rel = ctx.state.customers.Relation(e.phone->id, e.from);
  rel.last_inbound_at = now;
  if (!referral->is_null()) rel.last_referral_at = now;

  ctx.state.inbound.Add(InboundMessage{result.wamid, e.phone->id, e.from, e.type, payload, now, false});
  rules::RecordInbound(ctx, e.phone->id, e.from);  // Meta: inbound counts toward throughput

  InboundReceived ev;
  ev.waba_id = e.phone->waba_id;
  ev.phone_number_id = e.phone->id;
  ev.from = e.from;
  ev.profile_name = customer.profile_name;
  ev.wamid = result.wamid;
  ev.type = e.type;
  ev.content = payload;
  ev.context = *context;
  ev.referral = *referral;
  if (e.type == "unsupported") ev.error = MakeError(ErrorCode::kUnsupportedMessageType);
  ev.user = customers::IdentityFor(ctx.state, e.phone->id, e.from, now);
  ctx.Record(std::move(ev));
  return result;
}

}  // namespace wasim::messages
