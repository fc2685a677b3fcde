// Media messages (image, audio, video, document, sticker) and media objects
// reused by interactive headers and template parameters.
#include <set>

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

bool TakesCaption(const std::string& type) {
  // Meta: caption is supported on image, video and document messages only.
  static const std::set<std::string> k = {"image", "video", "document"};
  return k.count(type) > 0;
}

}  // namespace

Status ValidateMediaObject(const Json& media, const std::string& where) {
  if (!media.is_object()) return ParamWrongType(where, "an object");
  bool has_id = media.contains("id");
  bool has_link = media.contains("link");
  // Meta: a media object carries either an uploaded media `id` or a `link`.
  // Assumption: the wording of both errors (no capture found).
  if (!has_id && !has_link)
    return SchemaParamError("The parameter " + Sub(where, "id") + " or " + Sub(where, "link") +
                            " is required.");
  if (has_id && has_link) return SchemaParamError("Param " + where + " must contain only one of id or link.");
  if (has_id) {
    const Json& id = media["id"];
    if (!id.is_string() || id.get_ref<const std::string&>().empty())
      return ParamWrongType(Sub(where, "id"), "a non-empty string");
    return {};
  }
  const Json& link = media["link"];
  if (!link.is_string()) return ParamWrongType(Sub(where, "link"), "a string");
  // Meta fetches links over HTTP(S); "is not a valid URI." is the captured wording.
  if (!IsHttpUrl(link.get_ref<const std::string&>()))
    return SchemaParamError("Param " + Sub(where, "link") + " is not a valid URI.");
  return {};
}

Status ValidateMediaMessage(const std::string& type, const Json& p) {
  if (auto s = ValidateMediaObject(p, type); !s) return s;
  if (p.contains("caption")) {
    // Assumption: a caption on audio/sticker is rejected rather than ignored.
    if (!TakesCaption(type))
      return SchemaParamError("Param " + Sub(type, "caption") + " is not supported for " + type +
                              " messages.");
    if (auto s = RequireString(p, "caption", Sub(type, "caption"), limits::kCaption); !s) return s;
  }
  if (p.contains("filename")) {
    // Meta: filename applies to documents only. Assumption: no length limit (none documented).
    if (type != "document")
      return SchemaParamError("Param " + Sub(type, "filename") + " is not supported for " + type +
                              " messages.");
    if (!p["filename"].is_string()) return ParamWrongType(Sub(type, "filename"), "a string");
  }
  if (p.contains("voice")) {
    // Meta (messages/audio-messages): optional boolean of audio messages; a
    // voice message gets the `played` status. Assumption: refused elsewhere.
    if (type != "audio")
      return SchemaParamError("Param " + Sub(type, "voice") + " is not supported for " + type + " messages.");
    if (!p["voice"].is_boolean()) return ParamWrongType(Sub(type, "voice"), "a boolean");
  }
  return {};
}

}  // namespace wasim::messages
