// Shared helpers, the text validator and the type dispatch table.
#include "simulator/domain/messages/validation_rules.h"

#include <cctype>
#include <functional>
#include <map>

#include "simulator/domain/messages/validation.h"

namespace wasim::messages {

size_t CharLength(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string Sub(const std::string& where, const std::string& key) { return where + "['" + key + "']"; }
std::string At(const std::string& where, size_t index) { return where + "[" + std::to_string(index) + "]"; }

GraphError ParamRequired(const std::string& where) {
  return SchemaParamError("The parameter " + where + " is required.");
}

GraphError ParamWrongType(const std::string& where, const char* what) {
  return SchemaParamError("Param " + where + " must be " + what + ".");
}

GraphError ParamTooLong(const std::string& where, size_t max) {
  return SchemaParamError("Param " + where + " must be at most " + std::to_string(max) + " characters long.");
}

GraphError ParamNotOneOf(const std::string& where, const std::string& allowed, const std::string& got) {
  return SchemaParamError("Param " + where + " must be one of {" + allowed + "} - got \"" + got + "\".");
}

GraphError LengthInvalid(const std::string& field, size_t min, size_t max) {
  return MakeError(
      ErrorCode::kParameterValueInvalid,
      field + " length invalid. Min length: " + std::to_string(min) + ", Max length: " + std::to_string(max));
}

bool IsHttpUrl(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  size_t host = starts("https://") ? 8 : starts("http://") ? 7 : 0;
  if (host == 0 || url.size() <= host) return false;
  char c = url[host];
  return c != '/' && c != '?' && c != '#' && c != ' ';
}

Status RequireString(const Json& obj, const char* key, const std::string& where, size_t max_len,
                     bool required) {
  if (!obj.contains(key)) return required ? Status(ParamRequired(where)) : Status();
  const Json& v = obj[key];
  if (!v.is_string()) return ParamWrongType(where, "a string");
  if (CharLength(v.get_ref<const std::string&>()) > max_len) return ParamTooLong(where, max_len);
  return {};
}

Status RequireBoundedText(const Json& obj, const char* key, const std::string& where,
                          const std::string& field, size_t min_len, size_t max_len, bool required) {
  if (!obj.contains(key)) return required ? Status(ParamRequired(where)) : Status();
  const Json& v = obj[key];
  if (!v.is_string()) return ParamWrongType(where, "a string");
  size_t n = CharLength(v.get_ref<const std::string&>());
  if (n < min_len || n > max_len) return LengthInvalid(field, min_len, max_len);
  return {};
}

Status RequireObject(const Json& obj, const char* key, const std::string& where, bool required) {
  if (!obj.contains(key)) return required ? Status(ParamRequired(where)) : Status();
  if (!obj[key].is_object()) return ParamWrongType(where, "an object");
  return {};
}

Status ValidateText(const Json& p) {
  if (!p.is_object()) return ParamWrongType("text", "an object");
  // Assumption: an empty body counts as missing (Meta does not send empty messages).
  if (p.contains("body") && p["body"].is_string() && p["body"].get_ref<const std::string&>().empty())
    return ParamRequired("text['body']");
  if (auto s = RequireString(p, "body", "text['body']", limits::kTextBody); !s) return s;
  if (p.contains("preview_url") && !p["preview_url"].is_boolean())
    return ParamWrongType("text['preview_url']", "a boolean");
  return {};
}

namespace {

using Validator = std::function<Status(const Json&)>;

Validator Media(const char* type) {
  return [type](const Json& p) { return ValidateMediaMessage(type, p); };
}

// Every type wasim simulates. Meta documents more interactive sub-types and
// order/product types; those are rejected by ValidateInteractive / here.
const std::map<std::string, Validator>& Validators() {
  static const std::map<std::string, Validator> v = {
      {"audio", Media("audio")},
      {"contacts", ValidateContacts},
      {"document", Media("document")},
      {"image", Media("image")},
      {"interactive", ValidateInteractive},
      {"location", ValidateLocation},
      {"reaction", ValidateReaction},
      {"sticker", Media("sticker")},
      {"template", ValidateTemplatePayload},
      {"text", ValidateText},
      {"video", Media("video")},
  };
  return v;
}

}  // namespace

bool IsKnownType(const std::string& type) { return Validators().count(type) > 0; }

GraphError UnknownTypeError(const std::string& type) {
  // Meta's wording: upper-case enum list and the value received.
  return ParamNotOneOf("type",
                       "AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, REACTION, STICKER, "
                       "TEMPLATE, TEXT, VIDEO",
                       type);
}

Status ValidateTypePayload(const std::string& type, const Json& payload) {
  const auto& v = Validators();
  auto it = v.find(type);
  if (it == v.end()) return UnknownTypeError(type);
  return it->second(payload);
}

}  // namespace wasim::messages
