#include "simulator/domain/messages/validation_rules.h"

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

Status RequireString(const Json& obj, const char* key, const std::string& where, size_t max_len,
                     bool required) {
  if (!obj.contains(key)) {
    if (!required) return {};
    return MakeError(ErrorCode::kRequiredParameterMissing, "The parameter " + where + " is required.");
  }
  const Json& v = obj[key];
  if (!v.is_string()) return InvalidParameterError("Param " + where + " must be a string.");
  if (CharLength(v.get_ref<const std::string&>()) > max_len)
    return InvalidParameterError("Param " + where + " must be at most " + std::to_string(max_len) +
                                 " characters long.");
  return {};
}

namespace {

Status ValidateText(const Json& p) {
  if (!p.is_object()) return InvalidParameterError("Param text must be an object.");
  if (auto s = RequireString(p, "body", "text['body']", 4096); !s) return s;
  if (p.contains("preview_url") && !p["preview_url"].is_boolean())
    return InvalidParameterError("Param text['preview_url'] must be a boolean.");
  return {};
}

using Validator = std::function<Status(const Json&)>;

const std::map<std::string, Validator>& Validators() {
  static const std::map<std::string, Validator> v = {
      {"text", ValidateText},
  };
  return v;
}

}  // namespace

Status ValidateTypePayload(const std::string& type, const Json& payload) {
  const auto& v = Validators();
  auto it = v.find(type);
  if (it == v.end())
    return InvalidParameterError("Param type must be one of {audio, contacts, document, image, "
                                 "interactive, location, reaction, sticker, template, text, video}.");
  return it->second(payload);
}

}  // namespace wasim::messages
