#include "simulator/webhooks/payloads.h"

#include <cstdlib>

#include "simulator/core/error_render.h"
#include "simulator/core/graph_versions.h"
#include "simulator/core/hmac.h"
#include "simulator/core/text.h"

namespace wasim::webhooks {
namespace {

// Meta: a free entry point window lasts 72 h; a (legacy) conversation 24 h.
constexpr DurationMs kFreeEntryPointWindow = 72 * kHour;
constexpr DurationMs kConversationWindow = 24 * kHour;

Json MetadataJson(const PhoneMeta& m) {
  Json j = Json::object();
  j["display_phone_number"] = m.display_phone_number;
  j["phone_number_id"] = m.phone_number_id;
  return j;
}

Json ValueHead(const PhoneMeta& m) {
  Json v = Json::object();
  v["messaging_product"] = "whatsapp";
  v["metadata"] = MetadataJson(m);
  return v;
}

// Meta (status reference): conversation.origin.type spells the international
// authentication category with an underscore, pricing.category with a hyphen.
std::string OriginType(PricingCategory c) {
  if (c == PricingCategory::kAuthenticationInternational) return "authentication_international";
  return PricingCategoryName(c);
}

Json PricingJson(const PricingInfo& p) {
  Json j = Json::object();
  j["billable"] = p.billable;
  j["pricing_model"] = "PMP";  // Meta: CBP only for webhooks sent before 2025-07-01
  j["type"] = p.type;
  j["category"] = PricingCategoryName(p.category);
  return j;
}

// Meta: conversation appears only where pricing does (sent, and one of
// delivered/read). v24.0+: omitted unless inside a free entry point window
// (id unique per window). v23.0-: id unique per message.
// expiration_timestamp only on `sent`.
std::optional<Json> ConversationJson(const StatusChanged& e, TimeMs at, const std::string& api_version) {
  if (!e.pricing || e.status == MessageStatus::kFailed) return std::nullopt;
  bool fep = e.pricing->type == "free_entry_point";
  if (GraphVersionHas(api_version, GraphFeature::kStatusConversationOnlyInFep) && !fep) return std::nullopt;
  Json c = Json::object();
  // Assumption: without a domain-provided id we derive a stable 32-hex id per message.
  c["id"] = e.conversation_id.empty() ? Sha256Hex(e.wamid).substr(0, 32) : e.conversation_id;
  if (e.status == MessageStatus::kSent) {
    TimeMs exp = e.conversation_expires_at.value_or(at + (fep ? kFreeEntryPointWindow : kConversationWindow));
    c["expiration_timestamp"] = UnixSecondsString(exp);
  }
  Json origin = Json::object();
  origin["type"] = OriginType(e.pricing->category);
  c["origin"] = origin;
  return c;
}

// business-scoped-user-ids.mdx: contacts[] of a messages webhook once BSUIDs
// are shared: profile {name, username (when set), country_code}, wa_id ("" when
// the number is hidden), user_id.
Json IdentityContact(const std::string& name, const std::string& wa_id, const UserIdentity& u,
                     bool with_username) {
  Json profile = Json::object();
  profile["name"] = name;
  if (with_username && !u.username.empty()) profile["username"] = u.username;
  profile["country_code"] = u.country_code;
  Json contact = Json::object();
  contact["profile"] = profile;
  contact["wa_id"] = u.phone_hidden ? "" : wa_id;
  contact["user_id"] = u.user_id;
  return contact;
}

}  // namespace

Json StatusValue(const StatusChanged& e, TimeMs at, const PhoneMeta& meta, const std::string& api_version) {
  Json s = Json::object();
  s["id"] = e.wamid;
  s["status"] = MessageStatusName(e.status);
  s["timestamp"] = UnixSecondsString(at);  // Meta: a string
  // business-scoped-user-ids.mdx: recipient_id is "" for a message sent to the
  // BSUID of a user whose number is hidden; recipient_user_id only then.
  bool shared = !e.user.user_id.empty();
  s["recipient_id"] = shared && e.to_user_id && e.user.phone_hidden ? "" : e.recipient_id;
  if (shared && e.to_user_id) s["recipient_user_id"] = e.user.user_id;
  if (!e.biz_opaque_callback_data.empty()) s["biz_opaque_callback_data"] = e.biz_opaque_callback_data;
  if (auto c = ConversationJson(e, at, api_version)) s["conversation"] = *c;
  if (e.pricing && e.status != MessageStatus::kFailed) s["pricing"] = PricingJson(*e.pricing);
  if (e.error) s["errors"] = Json::array({RenderWebhookError(*e.error)});
  Json v = ValueHead(meta);
  // Meta: contacts on sent, delivered and read (not failed); no username on sent.
  if (shared && e.status != MessageStatus::kFailed)
    v["contacts"] = Json::array(
        {IdentityContact(e.profile_name, e.recipient_id, e.user, e.status != MessageStatus::kSent)});
  v["statuses"] = Json::array({s});
  return v;
}

Json InboundValue(const InboundReceived& e, TimeMs at, const PhoneMeta& meta) {
  // Meta (webhooks/reference/messages/system): system messages carry no
  // `contacts`; the object names the new number (and BSUID).
  if (e.type == "system") {
    Json m = Json::object();
    m["from"] = e.user.phone_hidden && !e.user.user_id.empty() ? "" : e.from;
    m["id"] = e.wamid;
    m["timestamp"] = UnixSecondsString(at);
    m["system"] = e.content;
    m["type"] = e.type;
    Json v = ValueHead(meta);
    v["messages"] = Json::array({m});
    return v;
  }
  bool shared = !e.user.user_id.empty();
  Json contact = Json::object();
  if (shared) {
    contact = IdentityContact(e.profile_name, e.from, e.user, true);
  } else {
    Json profile = Json::object();
    profile["name"] = e.profile_name;
    contact["profile"] = profile;
    contact["wa_id"] = e.from;
  }

  // Order as in Meta's examples: context/referral first, the type object
  // before `type`, which comes last.
  Json m = Json::object();
  if (!e.context.is_null()) m["context"] = e.context;
  if (!e.referral.is_null()) m["referral"] = e.referral;
  m["from"] = shared && e.user.phone_hidden ? "" : e.from;
  if (shared) m["from_user_id"] = e.user.user_id;
  m["id"] = e.wamid;
  m["timestamp"] = UnixSecondsString(at);
  // Meta's unsupported page (2025-11) lists errors, type, then the
  // `unsupported` object naming the real type.
  bool object_last = e.type == "unsupported";
  if (!object_last && !e.content.is_null() && !e.type.empty()) m[e.type] = e.content;
  if (e.error) m["errors"] = Json::array({RenderWebhookError(*e.error)});
  m["type"] = e.type;
  if (object_last && !e.content.is_null() && !e.content.empty()) m[e.type] = e.content;

  Json v = ValueHead(meta);
  v["contacts"] = Json::array({contact});
  v["messages"] = Json::array({m});
  return v;
}

namespace {

// Key order of the envelopes whose Meta examples differ from the rest: these
// list "field" before "value" (template_category_update, account_alerts,
// phone_number_username_update references), and account_alerts lists
// "object" first although it carries entry[].time.
bool ListsFieldFirst(const std::string& field) {
  return field == "template_category_update" || field == "account_alerts" ||
         field == "phone_number_username_update";
}
bool ListsObjectFirst(const std::string& field) { return field == "account_alerts"; }

}  // namespace

Json Envelope(const std::string& waba_id, const std::vector<Change>& changes,
              std::optional<TimeMs> entry_time) {
  Json arr = Json::array();
  for (const auto& c : changes) {
    bool field_first = ListsFieldFirst(c.field);
    Json ch = Json::object();
    if (field_first) ch["field"] = c.field;
    ch["value"] = c.value;
    if (!field_first) ch["field"] = c.field;
    arr.push_back(std::move(ch));
  }
  Json entry = Json::object();
  entry["id"] = waba_id;
  if (entry_time) entry["time"] = UnixSeconds(*entry_time);  // Meta: an integer
  entry["changes"] = std::move(arr);
  // Meta's reference examples: `messages` webhooks start with "object";
  // management fields (with entry[].time) list "entry" first.
  bool object_first = !entry_time || (!changes.empty() && ListsObjectFirst(changes.front().field));
  Json env = Json::object();
  if (object_first) env["object"] = "whatsapp_business_account";
  env["entry"] = Json::array({std::move(entry)});
  if (!object_first) env["object"] = "whatsapp_business_account";
  return env;
}

}  // namespace wasim::webhooks
