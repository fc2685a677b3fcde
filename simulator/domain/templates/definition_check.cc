#include "simulator/domain/templates/definition_check.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "simulator/core/text.h"
#include "simulator/domain/templates/placeholders.h"

namespace wasim::templates {
namespace {

std::string StringField(const Json& obj, const char* key) {
  return obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>() : "";
}

// Every {{...}} span of component text, valid or malformed (the one grammar:
// templates/placeholders.h). Creation refuses malformed spans.
std::vector<PlaceholderSpan> ScanParams(const std::string& text) { return ScanPlaceholders(text); }

bool IsLowerWordChar(unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; }

// [a-z]{2,3}(_[A-Za-z]{2,4})?, e.g. en, pt_BR, en_US.
bool IsLanguageCode(const std::string& l) {
  size_t bar = l.find('_');
  std::string head = l.substr(0, bar);
  if (head.size() < 2 || head.size() > 3 ||
      !std::all_of(head.begin(), head.end(), [](unsigned char c) { return std::islower(c); }))
    return false;
  if (bar == std::string::npos) return true;
  std::string tail = l.substr(bar + 1);
  return tail.size() >= 2 && tail.size() <= 4 &&
         std::all_of(tail.begin(), tail.end(), [](unsigned char c) { return std::isalpha(c); });
}

// Distinct parameter names in order of first appearance, checked against the
// declared format. Meta: positional are {{1}}, {{2}}, ... in order; named are
// lowercase letters and underscores.
Result<std::vector<std::string>> ParamNames(const std::string& text, const std::string& format,
                                            ErrorCode code, const std::string& where) {
  std::vector<std::string> names;
  for (const auto& p : ScanParams(text)) {
    bool ok = format == "NAMED" ? IsNamedPlaceholder(p.name) : IsPositionalPlaceholder(p.name);
    if (!ok)
      return MakeError(
          code, "Invalid parameter {{" + p.name + "}} in " + where + ": parameter_format is " + format +
                    (format == "NAMED" ? " (use {{lowercase_name}})." : " (use {{1}}, {{2}}, ...)."));
    if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  }
  if (format != "NAMED")
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] != std::to_string(i + 1))
        return MakeError(code, "Positional parameters in " + where + " must be {{1}}, {{2}}, ... in order.");
  return names;
}

// Example values for `names`: positional `positional_key` (["v"] or [["v"]])
// or named `named_key` ([{"param_name","example"}]).
Status CheckExamples(const Json& comp, const std::vector<std::string>& names, const std::string& format,
                     const char* positional_key, const char* named_key, ErrorCode code,
                     const std::string& where) {
  if (names.empty()) return {};
  const Json& ex = comp.contains("example") ? comp["example"] : Json();
  std::string hint = "Add example." + std::string(format == "NAMED" ? named_key : positional_key) + " with " +
                     std::to_string(names.size()) + " value(s) for the parameters in " + where + ".";
  if (format == "NAMED") {
    if (!ex.is_object() || !ex.contains(named_key) || !ex[named_key].is_array()) return MakeError(code, hint);
    std::set<std::string> given;
    for (const auto& p : ex[named_key])
      if (p.is_object() && p.contains("example") && p["example"].is_string())
        given.insert(StringField(p, "param_name"));
    for (const auto& n : names)
      if (!given.count(n))
        return MakeError(code, "Missing example for parameter {{" + n + "}} in " + where + ".");
    return {};
  }
  if (!ex.is_object() || !ex.contains(positional_key) || !ex[positional_key].is_array())
    return MakeError(code, hint);
  Json values = ex[positional_key];
  if (!values.empty() && values[0].is_array()) values = values[0];
  if (values.size() != names.size() ||
      !std::all_of(values.begin(), values.end(), [](const Json& v) { return v.is_string(); }))
    return MakeError(code, hint);
  return {};
}

Status CheckHeader(const Json& c, const std::string& category, const std::string& format) {
  std::string f = AsciiUpper(StringField(c, "format"));
  static const std::set<std::string> kMedia = {"IMAGE", "VIDEO", "GIF", "DOCUMENT"};
  if (f == "LOCATION") {
    // Meta: location headers only in UTILITY or MARKETING templates.
    if (category != "UTILITY" && category != "MARKETING")
      return MakeError(ErrorCode::kTemplateHeaderFormat,
                       "Location headers are only allowed in UTILITY and MARKETING templates.");
    return {};
  }
  if (kMedia.count(f)) {
    const Json& ex = c.contains("example") ? c["example"] : Json();
    if (!ex.is_object() || !ex.contains("header_handle") || !ex["header_handle"].is_array() ||
        ex["header_handle"].empty() || !ex["header_handle"][0].is_string())
      return MakeError(ErrorCode::kTemplateHeaderFormat,
                       "A " + f + " header needs example.header_handle with an uploaded asset handle.");
    return {};
  }
  if (f != "TEXT")
    return MakeError(ErrorCode::kTemplateHeaderFormat,
                     "Header format must be TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION.");
  std::string text = StringField(c, "text");
  if (text.empty())
    return MakeError(ErrorCode::kTemplateHeaderFormat, "A TEXT header needs a non-empty text.");
  if (CodePoints(text) > kMaxHeaderTextChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Header text is longer than 60 characters.");
  // Assumption: Meta refuses new lines in a text header.
  if (text.find('\n') != std::string::npos)
    return MakeError(ErrorCode::kTemplateHeaderFormat, "Header text cannot contain new lines.");
  auto names = ParamNames(text, format, ErrorCode::kTemplateHeaderFormat, "the header");
  if (!names) return names.error();
  // Meta: text headers support 1 parameter.
  if (names->size() > 1)
    return MakeError(ErrorCode::kTemplateHeaderFormat, "Text headers support only 1 parameter.");
  return CheckExamples(c, *names, format, "header_text", "header_text_named_params",
                       ErrorCode::kTemplateHeaderFormat, "the header");
}

size_t WordCount(const std::string& text) {
  std::string plain = text;
  auto params = ScanParams(text);
  for (auto it = params.rbegin(); it != params.rend(); ++it)
    plain.replace(it->begin, it->end - it->begin, " ");
  size_t words = 0;
  bool in_word = false;
  for (unsigned char ch : plain) {
    bool w = !std::isspace(ch) && !std::ispunct(ch);
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words;
}

Status CheckBodyText(const std::string& text, const std::string& format, const Json& c) {
  if (CodePoints(text) > kMaxBodyChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Body text is longer than 1024 characters.");
  auto names = ParamNames(text, format, ErrorCode::kTemplateBodyFormat, "the body");
  if (!names) return names.error();
  auto params = ScanParams(text);
  if (!params.empty()) {
    size_t first = text.find_first_not_of(" \t\r\n"), last = text.find_last_not_of(" \t\r\n");
    // Meta: variables cannot be at the start or end of the template.
    if (params.front().begin == first || params.back().end == last + 1)
      return MakeError(ErrorCode::kTemplateLeadingTrailingParam);
    // Meta: too many variables for the length (2388293). Assumption: we refuse
    // a body with no more words than parameters (Meta publishes no ratio).
    if (WordCount(text) <= params.size()) return MakeError(ErrorCode::kTemplateParamRatio);
  }
  return CheckExamples(c, *names, format, "body_text", "body_text_named_params",
                       ErrorCode::kTemplateBodyFormat, "the body");
}

Status CheckBody(const Json& c, const std::string& category, const std::string& format) {
  if (!c.contains("text")) {
    // Meta supplies the body text of authentication templates.
    if (category == "AUTHENTICATION") return {};
    return SchemaParamError("The parameter components[BODY]['text'] is required.");
  }
  if (!c["text"].is_string() || c["text"].get<std::string>().empty())
    return MakeError(ErrorCode::kTemplateBodyFormat, "Body text must be a non-empty string.");
  return CheckBodyText(c["text"].get<std::string>(), format, c);
}

Status CheckFooter(const Json& c) {
  std::string text = StringField(c, "text");
  if (text.empty()) return MakeError(ErrorCode::kTemplateFooterFormat, "A footer needs a non-empty text.");
  if (CodePoints(text) > kMaxFooterChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Footer text is longer than 60 characters.");
  if (!ScanParams(text).empty())
    return MakeError(ErrorCode::kTemplateFooterFormat, "Footers cannot contain parameters.");
  return {};
}

Status CheckButton(const Json& b, const std::string& type) {
  static const std::set<std::string> kNeedText = {"QUICK_REPLY", "URL", "PHONE_NUMBER"};
  std::string text = StringField(b, "text");
  if (kNeedText.count(type) && text.empty())
    return SchemaParamError("The parameter buttons[" + type + "]['text'] is required.");
  if (CodePoints(text) > kMaxButtonTextChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Button text is longer than 25 characters.");
  if (type == "URL") {
    std::string url = StringField(b, "url");
    if (url.empty()) return SchemaParamError("The parameter buttons[URL]['url'] is required.");
    if (url.size() > 2000)
      return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Button URL is longer than 2000 characters.");
    // The same grammar as the send-time check, which asks a parameter for a
    // URL with a placeholder: a malformed {{...}} is refused here.
    for (const auto& p : ScanParams(url))
      if (!p.valid) return InvalidParameterError("Invalid parameter {{" + p.name + "}} in the URL button.");
    if (!ScanParams(url).empty() && !b.contains("example"))
      return InvalidParameterError("A URL button with a variable needs an example URL.");
  }
  if (type == "PHONE_NUMBER") {
    std::string phone = StringField(b, "phone_number");
    if (phone.empty())
      return SchemaParamError("The parameter buttons[PHONE_NUMBER]['phone_number'] is required.");
    if (phone.size() > 20)
      return MakeError(ErrorCode::kTemplateCharLimitExceeded,
                       "Button phone number is longer than 20 characters.");
  }
  if (type == "COPY_CODE" && (StringField(b, "example").empty() || StringField(b, "example").size() > 15))
    return MakeError(ErrorCode::kTemplateCharLimitExceeded,
                     "A COPY_CODE button needs an example of at most 15 characters.");
  return {};
}

// Meta's per-type maximums ("Templates are limited to ...").
size_t MaxOfType(const std::string& type) {
  if (type == "URL") return 2;
  if (type == "PHONE_NUMBER" || type == "COPY_CODE") return 1;
  return kMaxButtons;
}

Result<Json> CheckButtons(Json c) {
  static const std::set<std::string> kTypes = {"QUICK_REPLY", "URL",       "PHONE_NUMBER", "COPY_CODE",
                                               "OTP",         "FLOW",      "MPM",          "CATALOG",
                                               "SPM",         "VOICE_CALL"};
  if (!c.contains("buttons") || !c["buttons"].is_array() || c["buttons"].empty())
    return SchemaParamError("The parameter components[BUTTONS]['buttons'] is required.");
  if (c["buttons"].size() > kMaxButtons)
    return InvalidParameterError("Templates can have at most 10 buttons.");
  std::map<std::string, size_t> count;
  int qr_groups = 0;
  bool prev_qr = false;
  for (size_t i = 0; i < c["buttons"].size(); ++i) {
    Json& b = c["buttons"][i];
    if (!b.is_object() || !b.contains("type") || !b["type"].is_string())
      return SchemaParamError("The parameter buttons[" + std::to_string(i) + "]['type'] is required.");
    std::string type = AsciiUpper(b["type"].get<std::string>());
    if (!kTypes.count(type))
      return InvalidParameterError("Unsupported button type '" + b["type"].get<std::string>() + "'.");
    b["type"] = type;
    if (++count[type] > MaxOfType(type))
      return InvalidParameterError("Too many " + type + " buttons for one template.");
    if (auto s = CheckButton(b, type); !s) return s.error();
    bool qr = type == "QUICK_REPLY";
    if (qr && !prev_qr) ++qr_groups;
    prev_qr = qr;
  }
  // Meta: quick replies must be grouped together (before or after the others).
  if (qr_groups > 1)
    return InvalidParameterError("Invalid combination of buttons: group QUICK_REPLY buttons together.");
  return c;
}

// --- Limited-time offer (templates/marketing-templates/limited-time-offer-templates.mdx) ---
// Meta: limited_time_offer.text is required, at most 16 characters;
// has_expiration is an optional boolean.
constexpr size_t kMaxOfferTextChars = 16;

Status CheckLimitedTimeOffer(const Json& c) {
  const Json& lto = c.contains("limited_time_offer") ? c["limited_time_offer"] : Json();
  if (!lto.is_object())
    return SchemaParamError(
        "The parameter components[LIMITED_TIME_OFFER]['limited_time_offer'] is required.");
  std::string text = StringField(lto, "text");
  if (text.empty())
    return SchemaParamError(
        "The parameter components[LIMITED_TIME_OFFER]['limited_time_offer']['text'] is required.");
  if (CodePoints(text) > kMaxOfferTextChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded,
                     "Limited-time offer text is longer than 16 characters.");
  if (lto.contains("has_expiration") && !lto["has_expiration"].is_boolean())
    return SchemaParamError(
        "Param components[LIMITED_TIME_OFFER]['limited_time_offer']['has_expiration'] must be a boolean.");
  return {};
}

// Meta: MARKETING only; no footer; header (if any) IMAGE or VIDEO; body at
// most 600 characters. Assumption: code 100 for the combination rules, 2388040
// for the body length.
constexpr size_t kMaxOfferBodyChars = 600;

Status CheckOfferTemplate(const Json& comps, const std::string& category) {
  if (category != "MARKETING")
    return InvalidParameterError("Limited-time offer templates must be in the MARKETING category.");
  for (const Json& c : comps) {
    std::string type = c.value("type", std::string());
    if (type == "FOOTER")
      return InvalidParameterError("Limited-time offer templates do not support a footer.");
    std::string format = c.value("format", std::string());
    if (type == "HEADER" && format != "IMAGE" && format != "VIDEO")
      return MakeError(ErrorCode::kTemplateHeaderFormat,
                       "A limited-time offer template's header must be IMAGE or VIDEO.");
    if (type == "BODY" && CodePoints(StringField(c, "text")) > kMaxOfferBodyChars)
      return MakeError(ErrorCode::kTemplateCharLimitExceeded,
                       "A limited-time offer template's body is longer than 600 characters.");
  }
  return {};
}

// --- Media card carousel (templates/marketing-templates/media-card-carousel-templates.mdx) ---
// Meta: 2..10 cards; each card has an IMAGE or VIDEO header with a
// header_handle, an optional body (all cards or none; Assumption: at most 160
// characters, as for carousel messages) and buttons (Meta: up to two, quick
// reply, URL or phone number); all cards have the same components.
constexpr size_t kMinCards = 2, kMaxCards = 10, kMaxCardButtons = 2, kMaxCardBodyChars = 160;

// The card's component types in order, e.g. "HEADER,BODY,BUTTONS:QUICK_REPLY,URL".
std::string CardShape(const Json& comps) {
  std::string shape;
  for (const Json& c : comps) {
    shape.append(StringField(c, "type")).append("/").append(StringField(c, "format"));
    if (c.contains("buttons"))
      for (const Json& b : c["buttons"]) shape.append(":").append(StringField(b, "type"));
    shape.append(",");
  }
  return shape;
}

// Media cards: up to 2 quick-reply, URL or phone-number buttons. Product
// cards (Meta: product-card-carousel-templates.mdx): "a single View button or
// URL button" (SPM or URL).
Status CheckCardButtons(const Json& buttons, bool product_card) {
  if (product_card) {
    std::string bt = buttons.size() == 1 ? buttons[0]["type"].get<std::string>() : "";
    if (bt != "SPM" && bt != "URL")
      return InvalidParameterError("A product card has exactly one button, SPM (View) or URL.");
    return {};
  }
  for (const Json& btn : buttons) {
    std::string bt = btn["type"].get<std::string>();
    if (bt != "QUICK_REPLY" && bt != "URL" && bt != "PHONE_NUMBER")
      return InvalidParameterError("Carousel card buttons must be QUICK_REPLY, URL or PHONE_NUMBER.");
  }
  if (buttons.size() > kMaxCardButtons)
    return InvalidParameterError("A carousel card can have at most 2 buttons.");
  return {};
}

Result<Json> CheckCard(const Json& card, size_t i, const std::string& format) {
  const std::string where = "cards[" + std::to_string(i) + "]";
  if (!card.is_object() || !card.contains("components") || !card["components"].is_array())
    return SchemaParamError("The parameter " + where + "['components'] is required.");
  Json out = Json::array();
  bool has_header = false;
  // A product card (a PRODUCT header) wherever its header sits among its components.
  bool product_card = false;
  for (const Json& c : card["components"])
    if (c.is_object() && AsciiUpper(StringField(c, "type")) == "HEADER" &&
        AsciiUpper(StringField(c, "format")) == "PRODUCT")
      product_card = true;
  for (Json c : card["components"]) {
    if (!c.is_object() || !c.contains("type") || !c["type"].is_string())
      return SchemaParamError("The parameter " + where + "['components'][]['type'] is required.");
    std::string type = AsciiUpper(c["type"].get<std::string>());
    c["type"] = type;
    if (c.contains("format") && c["format"].is_string())
      c["format"] = AsciiUpper(c["format"].get<std::string>());
    if (type == "HEADER") {
      std::string f = StringField(c, "format");
      if (f != "IMAGE" && f != "VIDEO" && f != "PRODUCT")
        return MakeError(ErrorCode::kTemplateHeaderFormat,
                         "A carousel card header must be IMAGE, VIDEO or PRODUCT.");
      // Meta (product-card-carousel-templates.mdx): a product header names no
      // media; the product comes with each send.
      if (f != "PRODUCT")
        if (auto s = CheckHeader(c, "MARKETING", format); !s) return s.error();
      has_header = true;
    } else if (type == "BODY") {
      if (CodePoints(StringField(c, "text")) > kMaxCardBodyChars)
        return MakeError(ErrorCode::kTemplateCharLimitExceeded,
                         "A carousel card body is longer than 160 characters.");
      if (auto s = CheckBody(c, "MARKETING", format); !s) return s.error();
    } else if (type == "BUTTONS") {
      auto b = CheckButtons(c);
      if (!b) return b.error();
      c = *b;
      if (auto s = CheckCardButtons(c["buttons"], product_card); !s) return s.error();
    } else {
      return InvalidParameterError("Unsupported carousel card component type '" + type + "'.");
    }
    out.push_back(std::move(c));
  }
  if (!has_header)
    return MakeError(ErrorCode::kTemplateHeaderFormat, "Each carousel card needs a media or product header.");
  return Json{{"components", out}};
}

Result<Json> CheckCarousel(Json c, const std::string& category, const std::string& format) {
  if (category != "MARKETING")
    return InvalidParameterError("Carousel templates must be in the MARKETING category.");
  if (!c.contains("cards") || !c["cards"].is_array())
    return SchemaParamError("The parameter components[CAROUSEL]['cards'] is required.");
  const Json& cards = c["cards"];
  if (cards.size() < kMinCards || cards.size() > kMaxCards)
    return InvalidParameterError("A carousel template needs 2 to 10 cards.");
  Json out = Json::array();
  for (size_t i = 0; i < cards.size(); ++i) {
    auto card = CheckCard(cards[i], i, format);
    if (!card) return card.error();
    if (!out.empty() && CardShape((*card)["components"]) != CardShape(out[0]["components"]))
      return InvalidParameterError("All carousel cards must have the same components.");
    out.push_back(std::move(*card));
  }
  c["cards"] = std::move(out);
  return c;
}

}  // namespace

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; });
}

std::string NormalizeCategory(const Json& value) {
  if (!value.is_string()) return "";
  std::string c = AsciiUpper(value.get<std::string>());
  return c == "MARKETING" || c == "UTILITY" || c == "AUTHENTICATION" ? c : "";
}

// Meta (calling/user-call-permissions.mdx, "Create message template"): a
// component {"type":"call_permission_request"} in a MARKETING or UTILITY
// template with a body ("context is required"). Wording ours.
Status CheckCallPermissionComponent(const std::string& category) {
  if (category != "MARKETING" && category != "UTILITY")
    return InvalidParameterError(
        "A call permission request template must be in the MARKETING or UTILITY category.");
  return {};
}

Result<Json> CheckComponents(const Json& components, const std::string& category, const std::string& format) {
  if (!components.is_array() || components.empty())
    return SchemaParamError("The parameter components is required.");
  Json out = Json::array();
  std::set<std::string> seen;
  for (size_t i = 0; i < components.size(); ++i) {
    Json c = components[i];
    if (!c.is_object() || !c.contains("type") || !c["type"].is_string())
      return SchemaParamError("The parameter components[" + std::to_string(i) + "]['type'] is required.");
    std::string type = AsciiUpper(c["type"].get<std::string>());
    c["type"] = type;
    if (c.contains("format") && c["format"].is_string())
      c["format"] = AsciiUpper(c["format"].get<std::string>());
    if (!seen.insert(type).second)
      return InvalidParameterError("A template can have only one " + type + " component.");
    Status s;
    if (type == "HEADER")
      s = CheckHeader(c, category, format);
    else if (type == "BODY")
      s = CheckBody(c, category, format);
    else if (type == "FOOTER")
      s = CheckFooter(c);
    else if (type == "BUTTONS") {
      auto b = CheckButtons(c);
      if (!b) return b.error();
      c = *b;
    } else if (type == "LIMITED_TIME_OFFER") {
      s = CheckLimitedTimeOffer(c);
    } else if (type == "CAROUSEL") {
      auto k = CheckCarousel(c, category, format);
      if (!k) return k.error();
      c = *k;
    } else if (type == "CALL_PERMISSION_REQUEST") {
      s = CheckCallPermissionComponent(category);
    } else {
      return InvalidParameterError("Unsupported component type '" + components[i]["type"].get<std::string>() +
                                   "': use HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER, CAROUSEL or "
                                   "CALL_PERMISSION_REQUEST.");
    }
    if (!s) return s.error();
    out.push_back(std::move(c));
  }
  // Meta: the body is the only required component.
  if (!seen.count("BODY")) return InvalidParameterError("A template needs a BODY component.");
  if (seen.count("LIMITED_TIME_OFFER"))
    if (auto s = CheckOfferTemplate(out, category); !s) return s.error();
  // Meta's carousel templates have a message body and the cards only.
  if (seen.count("CAROUSEL") && (seen.count("HEADER") || seen.count("FOOTER") || seen.count("BUTTONS")))
    return InvalidParameterError("A carousel template has only a BODY and the CAROUSEL cards.");
  return out;
}

Result<Definition> CheckCreateBody(const Json& body) {
  Definition d;
  for (const char* key : {"name", "language", "category"})
    if (!body.contains(key) || !body[key].is_string() || body[key].get<std::string>().empty())
      return SchemaParamError(std::string("The parameter ") + key + " is required.");
  if (!body.contains("components")) return SchemaParamError("The parameter components is required.");
  d.name = body["name"].get<std::string>();
  if (CodePoints(d.name) > kMaxNameChars)
    return MakeError(ErrorCode::kTemplateCharLimitExceeded, "Template name is longer than 512 characters.");
  if (d.name.empty() ||
      !std::all_of(d.name.begin(), d.name.end(), [](unsigned char c) { return IsLowerWordChar(c); }))
    return SchemaParamError("Param name must contain only lowercase letters, digits and underscores.");
  d.language = body["language"].get<std::string>();
  if (!IsLanguageCode(d.language))
    return SchemaParamError("Param language must be a template language code such as en_US.");
  d.category = NormalizeCategory(body["category"]);
  if (d.category.empty())
    return SchemaParamError("Param category must be one of {AUTHENTICATION, MARKETING, UTILITY}.");
  if (body.contains("parameter_format")) {
    std::string f =
        body["parameter_format"].is_string() ? AsciiUpper(body["parameter_format"].get<std::string>()) : "";
    if (f != "NAMED" && f != "POSITIONAL")
      return SchemaParamError("Param parameter_format must be one of {NAMED, POSITIONAL}.");
    d.parameter_format = f;
  }
  if (body.contains("message_send_ttl_seconds")) {
    if (!body["message_send_ttl_seconds"].is_number_integer())
      return SchemaParamError("Param message_send_ttl_seconds must be an integer.");
    d.message_send_ttl_seconds = body["message_send_ttl_seconds"].get<long long>();
  }
  auto comps = CheckComponents(body["components"], d.category, d.parameter_format);
  if (!comps) return comps.error();
  d.components = std::move(*comps);
  return d;
}

bool HasAdjacentBodyParams(const Json& components) {
  for (const auto& c : components) {
    if (!c.is_object() || c.value("type", "") != "BODY" || !c.contains("text") || !c["text"].is_string())
      continue;
    std::string text = c["text"].get<std::string>();
    auto params = ScanParams(text);
    for (size_t i = 1; i < params.size(); ++i) {
      std::string between = text.substr(params[i - 1].end, params[i].begin - params[i - 1].end);
      if (between.find_first_not_of(" \t") == std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace wasim::templates
