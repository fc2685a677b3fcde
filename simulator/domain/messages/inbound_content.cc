#include "simulator/domain/messages/inbound_content.h"

#include <set>

#include "simulator/core/ids.h"

namespace wasim::messages {
namespace {

GraphError Missing(const std::string& param) {
  return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter " + param + " is required.");
}

bool IsNonEmptyString(const Json& o, const char* key) {
  return o.contains(key) && o[key].is_string() && !o[key].get<std::string>().empty();
}

// Optional string field: absent is fine, anything but a string is not.
Status OptionalString(const Json& o, const std::string& where, const char* key) {
  if (o.contains(key) && !o[key].is_string())
    return InvalidParameterError(where + "." + key + " must be a string");
  return {};
}

Status RequireStrings(const Json& o, const std::string& where, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (!IsNonEmptyString(o, k)) return Missing(where + "." + k + " (non-empty string)");
  return {};
}

// o[key] when it is a string, else "" (never throws on a wrong type).
std::string StringOr(const Json& o, const char* key) {
  return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}

void CopyIfPresent(const Json& from, Json& to, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (from.contains(k)) to[k] = from[k];
}

Result<InboundContent> Text(const Json& t) {
  if (auto s = RequireStrings(t, "text", {"body"}); !s) return s.error();
  InboundContent c;
  c.content["body"] = t["body"];
  return c;
}

// Assumption: mime types follow Meta's supported-media table loosely (users
// send what their app produces); sticker is always webp.
bool MimeFits(const std::string& type, const std::string& mime) {
  auto starts = [&](const char* p) { return mime.rfind(p, 0) == 0 && mime.size() > std::string(p).size(); };
  if (type == "image") return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp";
  if (type == "sticker") return mime == "image/webp";
  if (type == "audio") return starts("audio/");
  if (type == "video") return starts("video/");
  return mime.find('/') != std::string::npos && mime.front() != '/' && mime.back() != '/';  // document
}

// body[type].data decoded, with the checks Meta's limits imply.
Result<std::string> DecodeInboundData(const std::string& type, const Json& m) {
  std::string bytes;
  if (!Base64Decode(m["data"].get<std::string>(), &bytes) || bytes.empty())
    return InvalidParameterError(type + ".data must be non-empty base64");
  if (bytes.size() > kMaxInboundMediaBytes)
    return InvalidParameterError(type + ".data is larger than Meta's 100 MB");
  return bytes;
}

Result<InboundContent> Media(const std::string& type, const Json& m, const PreparedBlob* data) {
  if (auto s = RequireStrings(m, type, {"mime_type"}); !s) return s.error();
  InboundMediaDraft d;
  d.mime_type = m["mime_type"].get<std::string>();
  if (!MimeFits(type, d.mime_type))
    return InvalidParameterError(type + ".mime_type '" + d.mime_type + "' is not a " + type + " type (e.g. " +
                                 (type == "image"     ? "image/jpeg"
                                  : type == "sticker" ? "image/webp"
                                  : type == "audio"   ? "audio/ogg"
                                  : type == "video"   ? "video/mp4"
                                                      : "application/pdf") +
                                 ")");
  for (const char* k : {"caption", "filename", "data"})
    if (auto s = OptionalString(m, type, k); !s) return s.error();
  if (m.contains("data")) {
    if (data) {
      d.data = *data;  // decoded and hashed before the lock
    } else {
      auto bytes = DecodeInboundData(type, m);
      if (!bytes) return bytes.error();
      d.data = PrepareBlob(std::move(*bytes));
    }
  }
  bool captioned = type == "image" || type == "video" || type == "document";
  if (m.contains("caption")) {
    if (!captioned) return InvalidParameterError(type + " messages have no caption");
    d.caption = m["caption"].get<std::string>();
  }
  if (m.contains("filename")) {
    if (type != "document") return InvalidParameterError("only document messages have a filename");
    d.filename = m["filename"].get<std::string>();
  }
  if (m.contains("voice")) {
    if (type != "audio" || !m["voice"].is_boolean())
      return InvalidParameterError("voice is a boolean of audio messages");
    d.voice = m["voice"].get<bool>();
  }
  if (m.contains("animated")) {
    if (type != "sticker" || !m["animated"].is_boolean())
      return InvalidParameterError("animated is a boolean of sticker messages");
    d.animated = m["animated"].get<bool>();
  }
  InboundContent c;
  c.media = std::move(d);
  return c;
}

Result<InboundContent> Location(const Json& l) {
  for (const char* k : {"latitude", "longitude"})
    if (!l.contains(k) || !l[k].is_number()) return Missing(std::string("location.") + k + " (number)");
  double lat = l["latitude"].get<double>(), lon = l["longitude"].get<double>();
  if (lat < -90 || lat > 90) return InvalidParameterError("location.latitude must be between -90 and 90");
  if (lon < -180 || lon > 180)
    return InvalidParameterError("location.longitude must be between -180 and 180");
  for (const char* k : {"name", "address", "url"})
    if (auto s = OptionalString(l, "location", k); !s) return s.error();
  InboundContent c;
  CopyIfPresent(l, c.content, {"address", "latitude", "longitude", "name", "url"});
  return c;
}

Result<InboundContent> Contacts(const Json& list) {
  if (!list.is_array() || list.empty())
    return InvalidParameterError("contacts must be a non-empty array of contact objects");
  for (const auto& ct : list) {
    if (!ct.is_object() || !ct.contains("name") || !ct["name"].is_object() ||
        !IsNonEmptyString(ct["name"], "formatted_name"))
      return Missing("contacts[].name.formatted_name");
  }
  InboundContent c;
  c.content = list;
  return c;
}

// Meta (calling/user-call-permissions.mdx, "User calling permission request
// webhook"): response accept|reject; is_permanent (boolean);
// expiration_timestamp (seconds; Meta's table says integer); response_source
// user_action|automatic.
Status CallPermissionReply(const Json& r, const std::string& where) {
  if (auto s = RequireStrings(r, where, {"response"}); !s) return s;
  std::string response = r["response"].get<std::string>();
  if (response != "accept" && response != "reject")
    return InvalidParameterError(where + ".response must be accept or reject");
  if (r.contains("is_permanent") && !r["is_permanent"].is_boolean())
    return InvalidParameterError(where + ".is_permanent must be a boolean");
  if (r.contains("expiration_timestamp") && !r["expiration_timestamp"].is_number_integer())
    return InvalidParameterError(where + ".expiration_timestamp must be an integer (unix seconds)");
  if (auto s = OptionalString(r, where, "response_source"); !s) return s;
  if (r.contains("response_source") && r["response_source"] != "user_action" &&
      r["response_source"] != "automatic")
    return InvalidParameterError(where + ".response_source must be user_action or automatic");
  return {};
}

Result<InboundContent> Interactive(const Json& i) {
  std::string kind = StringOr(i, "type");
  static const std::set<std::string> kKinds = {"button_reply", "list_reply", "nfm_reply",
                                               "call_permission_reply"};
  if (!kKinds.count(kind))
    return InvalidParameterError(
        "interactive.type must be button_reply, list_reply, nfm_reply or call_permission_reply");
  if (!i.contains(kind) || !i[kind].is_object()) return Missing("interactive." + kind + " (object)");
  const Json& r = i[kind];
  Json reply = Json::object();
  std::string where = "interactive." + kind;
  if (kind == "nfm_reply") {
    if (auto s = RequireStrings(r, where, {"response_json"}); !s) return s.error();
    if (Json::parse(r["response_json"].get<std::string>(), nullptr, false).is_discarded())
      return InvalidParameterError(where + ".response_json must be a JSON string");
    for (const char* k : {"body", "name"})
      if (auto s = OptionalString(r, where, k); !s) return s.error();
    CopyIfPresent(r, reply, {"response_json", "body", "name"});
  } else if (kind == "call_permission_reply") {
    if (auto s = CallPermissionReply(r, where); !s) return s.error();
    CopyIfPresent(r, reply, {"response", "is_permanent", "expiration_timestamp", "response_source"});
  } else {
    if (auto s = RequireStrings(r, where, {"id", "title"}); !s) return s.error();
    if (auto s = OptionalString(r, where, "description"); !s) return s.error();
    if (kind == "button_reply" && r.contains("description"))
      return InvalidParameterError("button_reply has no description");
    CopyIfPresent(r, reply, {"id", "title", "description"});
  }
  InboundContent c;
  c.content["type"] = kind;
  c.content[kind] = reply;
  return c;
}

Result<InboundContent> Button(const Json& b) {
  if (auto s = RequireStrings(b, "button", {"payload", "text"}); !s) return s.error();
  InboundContent c;
  c.content["payload"] = b["payload"];
  c.content["text"] = b["text"];
  return c;
}

Result<InboundContent> Reaction(const Json& r) {
  if (auto s = RequireStrings(r, "reaction", {"message_id"}); !s) return s.error();
  if (auto s = OptionalString(r, "reaction", "emoji"); !s) return s.error();
  InboundContent c;
  c.target_message_id = r["message_id"].get<std::string>();
  c.content["message_id"] = r["message_id"];
  // Assumption: a removed reaction (empty emoji) arrives without `emoji`.
  if (r.contains("emoji") && !r["emoji"].get<std::string>().empty()) c.content["emoji"] = r["emoji"];
  return c;
}

// Meta: users edit text and media captions; the edited message keeps its type.
Result<InboundContent> Edit(const Json& e) {
  if (auto s = RequireStrings(e, "edit", {"original_message_id"}); !s) return s.error();
  if (!e.contains("message") || !e["message"].is_object()) return Missing("edit.message (object)");
  const Json& m = e["message"];
  std::string type = StringOr(m, "type");
  if (type != "text" && type != "image" && type != "video" && type != "document")
    return InvalidParameterError(
        "edit.message.type must be text, image, video or document (what WhatsApp lets users edit)");
  if (!m.contains(type) || !m[type].is_object()) return Missing("edit.message." + type + " (object)");
  const char* field = type == "text" ? "body" : "caption";
  if (!IsNonEmptyString(m[type], field)) return Missing("edit.message." + type + "." + field);
  InboundContent c;
  c.target_message_id = e["original_message_id"].get<std::string>();
  c.content["original_message_id"] = e["original_message_id"];
  c.content["message"] = {{"type", type}, {type, {{field, m[type][field]}}}};
  return c;
}

Result<InboundContent> Revoke(const Json& r) {
  if (auto s = RequireStrings(r, "revoke", {"original_message_id"}); !s) return s.error();
  InboundContent c;
  c.target_message_id = r["original_message_id"].get<std::string>();
  c.content["original_message_id"] = r["original_message_id"];
  return c;
}

Result<InboundContent> Unsupported(const Json& u) {
  if (auto s = OptionalString(u, "unsupported", "type"); !s) return s.error();
  InboundContent c;
  // Meta's examples name the unsupported kind (edit, poll, button); Assumption: "unknown" when not given.
  c.content["type"] = u.value("type", std::string("unknown"));
  return c;
}

Result<InboundContent> Order(const Json& o) {
  if (auto s = RequireStrings(o, "order", {"catalog_id"}); !s) return s.error();
  if (!o.contains("product_items") || !o["product_items"].is_array() || o["product_items"].empty())
    return Missing("order.product_items (non-empty array)");
  for (const auto& it : o["product_items"]) {
    if (!it.is_object() || !IsNonEmptyString(it, "product_retailer_id") ||
        !IsNonEmptyString(it, "currency") || !it.contains("quantity") || !it["quantity"].is_number() ||
        !it.contains("item_price") || !it["item_price"].is_number())
      return InvalidParameterError(
          "order.product_items[] needs product_retailer_id, quantity, item_price and currency");
  }
  if (auto s = OptionalString(o, "order", "text"); !s) return s.error();
  InboundContent c;
  CopyIfPresent(o, c.content, {"catalog_id", "text", "product_items"});
  return c;
}

}  // namespace

bool IsInboundMediaType(const std::string& type) {
  return type == "image" || type == "audio" || type == "video" || type == "document" || type == "sticker";
}

bool IsKnownInboundType(const std::string& type) {
  static const std::set<std::string> kTypes = {"text",     "image",    "audio",    "video",       "document",
                                               "sticker",  "location", "contacts", "interactive", "button",
                                               "reaction", "edit",     "revoke",   "unsupported", "order"};
  return kTypes.count(type) > 0;
}

std::optional<PreparedBlob> PrepareInboundData(const Json& body) {
  if (!body.is_object() || !body.contains("type") || !body["type"].is_string()) return std::nullopt;
  std::string type = body["type"].get<std::string>();
  if (!IsInboundMediaType(type) || !body.contains(type) || !body[type].is_object()) return std::nullopt;
  const Json& m = body[type];
  if (!m.contains("data") || !m["data"].is_string()) return std::nullopt;
  auto bytes = DecodeInboundData(type, m);
  if (!bytes) return std::nullopt;
  return PrepareBlob(std::move(*bytes));
}

Result<InboundContent> BuildInboundContent(const std::string& type, const Json& body,
                                           const PreparedBlob* data) {
  if (!IsKnownInboundType(type))
    return InvalidParameterError(
        "type '" + type +
        "' is not an inbound type; use text, image, audio, video, document, sticker, location, "
        "contacts, interactive, button, reaction, edit, revoke, order or unsupported");
  Json payload = body.contains(type) ? body[type] : Json();
  if (type == "unsupported" && payload.is_null()) payload = Json::object();
  if (type == "contacts") return Contacts(payload);
  if (!payload.is_object()) return Missing(type + " (object)");
  if (type == "text") return Text(payload);
  if (IsInboundMediaType(type)) return Media(type, payload, data);
  if (type == "location") return Location(payload);
  if (type == "interactive") return Interactive(payload);
  if (type == "button") return Button(payload);
  if (type == "reaction") return Reaction(payload);
  if (type == "edit") return Edit(payload);
  if (type == "revoke") return Revoke(payload);
  if (type == "order") return Order(payload);
  return Unsupported(payload);
}

Json InboundMediaJson(const InboundMediaDraft& d, const std::string& media_id,
                      const std::string& sha256_hex) {
  std::string digest;
  for (size_t i = 0; i + 1 < sha256_hex.size(); i += 2)
    digest.push_back(static_cast<char>(std::stoi(sha256_hex.substr(i, 2), nullptr, 16)));
  Json j = Json::object();
  if (!d.caption.empty()) j["caption"] = d.caption;
  if (!d.filename.empty()) j["filename"] = d.filename;
  j["mime_type"] = d.mime_type;
  // Meta's webhook example carries the digest base64-encoded ("SfInY0g...GUI="),
  // while GET /{media-id} returns it as hex.
  j["sha256"] = Base64Encode(digest);
  j["id"] = media_id;
  if (d.voice) j["voice"] = *d.voice;
  if (d.animated) j["animated"] = *d.animated;
  return j;
}

}  // namespace wasim::messages
