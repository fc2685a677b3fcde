#include "simulator/domain/templates/header_media.h"

#include <string>

#include "simulator/domain/uploads/service.h"

namespace wasim::templates {
namespace {

bool HeaderMediaIsUrl(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

bool HeaderMediaTypeFits(const std::string& format, const std::string& mime) {
  if (format == "IMAGE") return mime == "image/jpeg" || mime == "image/jpg" || mime == "image/png";
  if (format == "VIDEO" || format == "GIF") return mime == "video/mp4";
  if (format == "DOCUMENT") return mime == "application/pdf";
  return false;
}

Status CheckOneHeader(const Ctx& ctx, const Json& c) {
  if (!c.is_object() || c.value("type", std::string()) != "HEADER") return {};
  std::string format = c.value("format", std::string());
  if (format != "IMAGE" && format != "VIDEO" && format != "GIF" && format != "DOCUMENT") return {};
  const Json* handles =
      c.contains("example") && c["example"].is_object() && c["example"].contains("header_handle")
          ? &c["example"]["header_handle"]
          : nullptr;
  // Presence is checked by CheckComponents; nothing to add when it is absent.
  if (!handles || !handles->is_array() || handles->empty() || !(*handles)[0].is_string()) return {};
  const std::string handle = (*handles)[0].get<std::string>();
  if (HeaderMediaIsUrl(handle)) return {};
  const uploads::UploadedFile* f = uploads::FindFile(ctx.state, handle);
  if (!f)
    return InvalidParameterError(
        "example.header_handle \"" + handle +
        "\" is not a file handle from the Resumable Upload API (POST /upload:<id>).");
  if (!HeaderMediaTypeFits(format, f->file_type))
    return MakeError(ErrorCode::kTemplateHeaderFormat,
                     "A " + format + " header cannot use an uploaded " + f->file_type + " file.");
  return {};
}

}  // namespace

Status CheckHeaderHandles(const Ctx& ctx, const Json& components) {
  if (!components.is_array()) return {};
  for (const Json& c : components) {
    if (auto s = CheckOneHeader(ctx, c); !s) return s;
    // Carousel cards carry their own components (Meta: media-card-carousel-templates.mdx).
    if (c.is_object() && c.contains("cards") && c["cards"].is_array())
      for (const Json& card : c["cards"])
        if (card.is_object() && card.contains("components"))
          if (auto s = CheckHeaderHandles(ctx, card["components"]); !s) return s;
  }
  return {};
}

}  // namespace wasim::templates
