// Shape of a template send payload (Meta's OpenAPI: TemplateObject,
// TemplateComponent, ParameterObject). Whether it fits the stored template is
// checked later, with state, in templates/send_check.
#include <algorithm>
#include <cctype>
#include <set>

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

const std::string kT = "template";

// Captured (131008): "Parameter of type text is missing text value".
GraphError MissingValue(const std::string& type) {
  return MakeError(ErrorCode::kRequiredParameterMissing,
                   "Parameter of type " + type + " is missing " + type + " value");
}

// Meta (template body parameters): no new-line/tab characters and no more
// than 4 consecutive spaces. Captured as "(#100) Invalid parameter" with these details.
Status CheckBodyTextParam(const std::string& text) {
  int spaces = 0;
  for (char c : text) {
    spaces = c == ' ' ? spaces + 1 : 0;
    if (c == '\n' || c == '\t' || spaces > 4)
      return InvalidParameterError(
          "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
  }
  return {};
}

Status ValidateParameter(const Json& p, const std::string& where, bool in_body) {
  if (!p.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireString(p, "type", Sub(where, "type"), 64); !s) return s;
  const std::string type = p["type"].get<std::string>();
  static const std::set<std::string> kTypes = {"text",        "currency", "date_time",          "image",
                                               "video",       "document", "location",           "payload",
                                               "coupon_code", "action",   "limited_time_offer", "product"};
  if (!kTypes.count(type))
    return ParamNotOneOf(Sub(where, "type"),
                         "TEXT, CURRENCY, DATE_TIME, IMAGE, VIDEO, DOCUMENT, LOCATION, PAYLOAD, COUPON_CODE, "
                         "ACTION, LIMITED_TIME_OFFER, PRODUCT",
                         type);
  if (p.contains("parameter_name") && !p["parameter_name"].is_string())
    return ParamWrongType(Sub(where, "parameter_name"), "a string");
  if (type == "image" || type == "video" || type == "document") {
    if (!p.contains(type)) return MissingValue(type);
    return ValidateMediaObject(p[type], Sub(where, type));
  }
  // Meta (product-card-carousel-templates.mdx): a product card's header,
  // {"product": {"product_retailer_id", "catalog_id"}}, both required.
  if (type == "product") {
    if (!p.contains(type)) return MissingValue(type);
    if (!p[type].is_object()) return ParamWrongType(Sub(where, type), "an object");
    for (const char* key : {"product_retailer_id", "catalog_id"})
      if (auto s = RequireString(p[type], key, Sub(Sub(where, type), key), 100); !s) return s;
    return {};
  }
  // Meta (limited-time-offer-templates.mdx): {"expiration_time_ms": <unix ms>}.
  if (type == "limited_time_offer") {
    if (!p.contains(type)) return MissingValue(type);
    if (!p[type].is_object()) return ParamWrongType(Sub(where, type), "an object");
    const std::string ew = Sub(Sub(where, type), "expiration_time_ms");
    if (!p[type].contains("expiration_time_ms")) return ParamRequired(ew);
    if (!p[type]["expiration_time_ms"].is_number_integer() ||
        p[type]["expiration_time_ms"].get<long long>() <= 0)
      return ParamWrongType(ew, "a positive integer (UNIX time in milliseconds)");
    return {};
  }
  if (type == "currency" || type == "date_time" || type == "location" || type == "action") {
    if (!p.contains(type)) return MissingValue(type);
    if (!p[type].is_object()) return ParamWrongType(Sub(where, type), "an object");
    if (type == "currency" || type == "date_time")
      return RequireString(p[type], "fallback_value", Sub(Sub(where, type), "fallback_value"), 1024);
    return {};
  }
  // text, payload, coupon_code: a string value under the key of the same name.
  if (!p.contains(type)) return MissingValue(type);
  if (!p[type].is_string()) return ParamWrongType(Sub(where, type), "a string");
  if (type == "text" && in_body) return CheckBodyTextParam(p["text"].get<std::string>());
  return {};
}

Status ValidateButtonFields(const Json& c, const std::string& where) {
  if (auto s = RequireString(c, "sub_type", Sub(where, "sub_type"), 64); !s) return s;
  static const std::set<std::string> kSub = {"quick_reply", "url", "catalog",    "copy_code",
                                             "flow",        "mpm", "voice_call", "order_details"};
  // Meta's examples write it either way ("mpm", "CATALOG"): case-insensitive.
  std::string sub = c["sub_type"].get<std::string>();
  std::transform(sub.begin(), sub.end(), sub.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (!kSub.count(sub))
    return ParamNotOneOf(Sub(where, "sub_type"),
                         "QUICK_REPLY, URL, CATALOG, COPY_CODE, FLOW, MPM, VOICE_CALL, ORDER_DETAILS", sub);
  if (!c.contains("index")) return ParamRequired(Sub(where, "index"));
  // Meta: the button's position, 0-9, sent as a string or a number.
  const Json& idx = c["index"];
  bool ok = (idx.is_number_integer() && idx.get<long long>() >= 0 && idx.get<long long>() <= 9) ||
            (idx.is_string() && idx.get_ref<const std::string&>().size() == 1 &&
             std::isdigit(static_cast<unsigned char>(idx.get_ref<const std::string&>()[0])));
  if (!ok) return SchemaParamError("Param " + Sub(where, "index") + " must be an integer between 0 and 9.");
  return {};
}

Status ValidateComponent(const Json& c, const std::string& where, bool in_card);

// Meta (media-card-carousel-templates.mdx): {"type":"carousel","cards":[{"card_index":N,
// "components":[header, body, button...]}]}; card_index 0..9, unique.
Status ValidateCarouselCards(const Json& c, const std::string& where) {
  const std::string cw = Sub(where, "cards");
  if (!c.contains("cards")) return ParamRequired(cw);
  if (!c["cards"].is_array()) return ParamWrongType(cw, "an array");
  std::set<long long> seen;
  for (size_t i = 0; i < c["cards"].size(); ++i) {
    const Json& card = c["cards"][i];
    const std::string w = At(cw, i);
    if (!card.is_object()) return ParamWrongType(w, "an object");
    if (!card.contains("card_index")) return ParamRequired(Sub(w, "card_index"));
    const Json& idx = card["card_index"];
    if (!idx.is_number_integer() || idx.get<long long>() < 0 || idx.get<long long>() > 9 ||
        !seen.insert(idx.get<long long>()).second)
      return SchemaParamError("Param " + Sub(w, "card_index") + " must be a unique integer between 0 and 9.");
    if (!card.contains("components")) return ParamRequired(Sub(w, "components"));
    if (!card["components"].is_array()) return ParamWrongType(Sub(w, "components"), "an array");
    for (size_t j = 0; j < card["components"].size(); ++j)
      if (auto s = ValidateComponent(card["components"][j], At(Sub(w, "components"), j), true); !s) return s;
  }
  return {};
}

Status ValidateComponent(const Json& c, const std::string& where, bool in_card) {
  if (!c.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireString(c, "type", Sub(where, "type"), 64); !s) return s;
  const std::string type = c["type"].get<std::string>();
  // Meta: carousel and limited_time_offer components (marketing templates);
  // a card holds header, body and button components only.
  bool known = type == "header" || type == "body" || type == "button" ||
               (!in_card && (type == "carousel" || type == "limited_time_offer"));
  if (!known)
    return ParamNotOneOf(
        Sub(where, "type"),
        in_card ? "HEADER, BODY, BUTTON" : "HEADER, BODY, BUTTON, CAROUSEL, LIMITED_TIME_OFFER", type);
  if (type == "carousel") return ValidateCarouselCards(c, where);
  if (type == "button")
    if (auto s = ValidateButtonFields(c, where); !s) return s;
  if (!c.contains("parameters")) return {};
  const Json& params = c["parameters"];
  const std::string pw = Sub(where, "parameters");
  if (!params.is_array()) return ParamWrongType(pw, "an array");
  for (size_t i = 0; i < params.size(); ++i)
    if (auto s = ValidateParameter(params[i], At(pw, i), type == "body"); !s) return s;
  return {};
}

}  // namespace

Status ValidateTemplatePayload(const Json& p) {
  if (!p.is_object()) return ParamWrongType(kT, "an object");
  if (auto s = RequireString(p, "name", Sub(kT, "name"), limits::kTemplateName); !s) return s;
  if (auto s = RequireObject(p, "language", Sub(kT, "language")); !s) return s;
  const std::string lw = Sub(kT, "language");
  if (auto s = RequireString(p["language"], "code", Sub(lw, "code"), 32); !s) return s;
  // Meta: policy is "deterministic" (the only value).
  if (p["language"].contains("policy")) {
    const Json& pol = p["language"]["policy"];
    if (!pol.is_string() || pol != "deterministic")
      return ParamNotOneOf(Sub(lw, "policy"), "DETERMINISTIC",
                           pol.is_string() ? pol.get<std::string>() : pol.dump());
  }
  if (!p.contains("components")) return {};
  const Json& comps = p["components"];
  const std::string cw = Sub(kT, "components");
  if (!comps.is_array()) return ParamWrongType(cw, "an array");
  for (size_t i = 0; i < comps.size(); ++i)
    if (auto s = ValidateComponent(comps[i], At(cw, i), false); !s) return s;
  return {};
}

}  // namespace wasim::messages
