#include "simulator/domain/templates/send_check.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "simulator/core/text.h"
#include "simulator/domain/messages/validation_rules.h"
#include "simulator/domain/rules/pricing.h"
#include "simulator/domain/templates/placeholders.h"

namespace wasim::templates {
namespace {

// Meta: a template body is at most 1024 characters once hydrated.
constexpr size_t kMaxHydratedBody = 1024;

// obj[key] when it is a string, else "" (stored templates are read defensively).
std::string StrField(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return {};
  return obj[key].get<std::string>();
}

// The component of the given type (HEADER, BODY, BUTTONS, ...) in a stored
// component list (a template's or a carousel card's), or null.
const Json* ComponentIn(const Json& components, const std::string& type) {
  if (!components.is_array()) return nullptr;
  for (const Json& c : components)
    if (AsciiUpper(StrField(c, "type")) == type) return &c;
  return nullptr;
}

const Json* TemplateComponent(const MessageTemplate& t, const std::string& type) {
  return ComponentIn(t.components, type);
}

// The send components of a payload (template) or card: its "components", or [].
Json SendComponents(const Json& holder) {
  return holder.contains("components") && holder["components"].is_array() ? holder["components"]
                                                                          : Json::array();
}

// Parameters of the first send component of `type` (header, body); empty when absent.
Json SendParams(const Json& holder, const std::string& type) {
  for (const Json& c : SendComponents(holder))
    if (c.value("type", std::string()) == type) return c.value("parameters", Json::array());
  return Json::array();
}

// The first send component of `type`, or null.
const Json* SendComponent(const Json& holder, const std::string& type) {
  if (!holder.contains("components") || !holder["components"].is_array()) return nullptr;
  for (const Json& c : holder["components"])
    if (c.value("type", std::string()) == type) return &c;
  return nullptr;
}

GraphError CountMismatch(const std::string& component, size_t given, size_t expected) {
  return MakeError(ErrorCode::kTemplateParamCountMismatch,
                   component + ": number of localizable_params (" + std::to_string(given) +
                       ") does not match the expected number of params (" + std::to_string(expected) + ")");
}

GraphError FormatMismatch(const std::string& component, const std::string& expected,
                          const std::string& received) {
  return MakeError(ErrorCode::kTemplateParamFormatMismatch,
                   component + ": Format mismatch, expected " + expected + ", received " + received);
}

bool IsNamedTemplate(const MessageTemplate& t, const Placeholders& ph) {
  return AsciiUpper(t.parameter_format) == "NAMED" || ph.any_named;
}

// Named templates need parameter_name on every parameter, naming the
// template's placeholders; positional ones must not use it. Assumption: wording.
Status CheckNaming(const std::string& component, const Json& params, const Placeholders& ph, bool named) {
  std::set<std::string> expected(ph.names.begin(), ph.names.end());
  for (const Json& p : params) {
    bool has = p.contains("parameter_name");
    if (!named && has)
      return MakeError(
          ErrorCode::kTemplateParamFormatMismatch,
          component + ": parameter_name is not supported by templates with positional parameters");
    if (named && !has)
      return MakeError(ErrorCode::kTemplateParamFormatMismatch,
                       component + ": parameter_name is required by templates with named parameters");
    if (named && !expected.count(p["parameter_name"].get<std::string>()))
      return MakeError(ErrorCode::kTemplateParamFormatMismatch, component + ": named parameter '" +
                                                                    p["parameter_name"].get<std::string>() +
                                                                    "' does not exist in the template");
  }
  return {};
}

// The text a parameter contributes when hydrated.
std::string ValueOf(const Json& p) {
  std::string type = p.value("type", std::string());
  if (type == "text") return p.value("text", std::string());
  if (type == "currency" || type == "date_time") return p[type].value("fallback_value", std::string());
  return {};
}

// Checks text parameters against `text` (header or body) and returns the hydrated text.
Result<std::string> CheckTextComponent(const std::string& component, const std::string& text,
                                       const Json& params, const MessageTemplate& t,
                                       const std::set<std::string>& allowed_types) {
  Placeholders ph = ParsePlaceholders(text);
  if (params.size() != ph.count()) return CountMismatch(component, params.size(), ph.count());
  for (const Json& p : params) {
    std::string type = p.value("type", std::string());
    if (!allowed_types.count(type)) return FormatMismatch(component, "TEXT", AsciiUpper(type));
  }
  bool named = IsNamedTemplate(t, ph);
  if (auto s = CheckNaming(component, params, ph, named); !s) return s.error();
  std::map<std::string, std::string> values;
  for (size_t i = 0; i < params.size(); ++i)
    values[named ? params[i]["parameter_name"].get<std::string>() : std::to_string(i + 1)] =
        ValueOf(params[i]);
  return Hydrate(text, values);
}

// `label` names the component in errors ("header", or "card 1 header" in a carousel).
Status CheckHeaderIn(const MessageTemplate& t, const Json& tcomps, const Json& holder,
                     const std::string& label) {
  const Json params = SendParams(holder, "header");
  const Json* h = ComponentIn(tcomps, "HEADER");
  if (!h) return params.empty() ? Status() : Status(CountMismatch(label, params.size(), 0));
  std::string format = h->contains("format") ? AsciiUpper(StrField(*h, "format")) : "TEXT";
  if (format == "TEXT") {
    auto r = CheckTextComponent(label, StrField(*h, "text"), params, t, {"text"});
    return r ? Status() : Status(r.error());
  }
  // Media/location header: exactly one parameter of that type.
  if (params.empty()) return FormatMismatch(label, format, "UNKNOWN");
  if (params.size() > 1) return CountMismatch(label, params.size(), 1);
  std::string got = AsciiUpper(params[0].value("type", std::string()));
  if (got != format) return FormatMismatch(label, format, got);
  return {};
}

Status CheckHeader(const MessageTemplate& t, const Json& payload) {
  return CheckHeaderIn(t, t.components, payload, "header");
}

Result<std::string> CheckBodyIn(const MessageTemplate& t, const Json& tcomps, const Json& holder,
                                const std::string& label) {
  const Json* b = ComponentIn(tcomps, "BODY");
  std::string text = b ? StrField(*b, "text") : std::string();
  return CheckTextComponent(label, text, SendParams(holder, "body"), t, {"text", "currency", "date_time"});
}

Result<std::string> CheckBody(const MessageTemplate& t, const Json& payload) {
  auto hydrated = CheckBodyIn(t, t.components, payload, "body");
  if (!hydrated) return hydrated;
  if (messages::CharLength(*hydrated) > kMaxHydratedBody)
    return MakeError(ErrorCode::kTemplateTextTooLong, "body: hydrated text is longer than " +
                                                          std::to_string(kMaxHydratedBody) + " characters");
  return hydrated;
}

// Parameters a template button needs at send time: URL buttons with a
// placeholder, copy-code (coupon), OTP and MPM buttons (Meta: mpm-templates.mdx,
// "a single MPM button component" with the sections) need one; others none.
size_t ButtonParamsNeeded(const Json& button) {
  std::string type = AsciiUpper(StrField(button, "type"));
  if (type == "URL") return ParsePlaceholders(StrField(button, "url")).count() > 0 ? 1 : 0;
  if (type == "COPY_CODE" || type == "OTP" || type == "MPM") return 1;
  return 0;
}

// Meta (catalog-templates.mdx): the catalog button's action parameter is
// optional ("If the parameters object is omitted, the product image of the
// first item in your catalog will be used").
bool ButtonParamOptional(const Json& button) { return AsciiUpper(StrField(button, "type")) == "CATALOG"; }

// Meta (mpm-templates.mdx, "Sending MPM template messages"): an action with
// thumbnail_product_retailer_id and 1 to 10 sections, each a title of at most
// 24 characters and product_items, at most 30 products in all. Assumption:
// the thumbnail is required (it is the message's header image); the error is
// 131009 with our wording.
Status CheckMpmAction(const Json& param) {
  auto bad = [](const std::string& why) { return Status(MakeError(ErrorCode::kParameterValueInvalid, why)); };
  const Json action = param.is_object() && param.contains("action") ? param["action"] : Json();
  if (!action.is_object() || !action.contains("thumbnail_product_retailer_id") ||
      !action["thumbnail_product_retailer_id"].is_string())
    return bad("MPM button: action.thumbnail_product_retailer_id is required.");
  const Json sections = action.contains("sections") ? action["sections"] : Json();
  if (!sections.is_array() || sections.empty() || sections.size() > 10)
    return bad("MPM button: action.sections must hold 1 to 10 sections.");
  size_t products = 0;
  for (const Json& s : sections) {
    if (!s.is_object() || !s.contains("title") || !s["title"].is_string() ||
        messages::CharLength(s["title"].get<std::string>()) > 24)
      return bad("MPM button: each section needs a title of at most 24 characters.");
    const Json items = s.contains("product_items") ? s["product_items"] : Json();
    if (!items.is_array() || items.empty()) return bad("MPM button: each section needs product_items.");
    for (const Json& item : items)
      if (!item.is_object() || !item.contains("product_retailer_id") ||
          !item["product_retailer_id"].is_string())
        return bad("MPM button: each product item needs a product_retailer_id.");
    products += items.size();
  }
  if (products > 30) return bad("MPM button: at most 30 products across all sections.");
  return {};
}

std::string Capitalized(std::string s) {
  for (size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(s[i]))
                                    : std::tolower(static_cast<unsigned char>(s[i])));
  return s;
}

int IndexOf(const Json& component) {
  const Json& idx = component["index"];
  return idx.is_number_integer() ? idx.get<int>() : std::stoi(idx.get<std::string>());
}

Status CheckButtonsIn(const Json& tcomps, const Json& holder) {
  const Json* bc = ComponentIn(tcomps, "BUTTONS");
  const Json buttons =
      bc && bc->contains("buttons") && (*bc)["buttons"].is_array() ? (*bc)["buttons"] : Json::array();
  std::map<int, const Json*> sent;
  if (holder.contains("components"))
    for (const Json& c : holder["components"])
      if (c.value("type", std::string()) == "button") sent[IndexOf(c)] = &c;
  for (size_t i = 0; i < buttons.size(); ++i) {
    size_t needed = ButtonParamsNeeded(buttons[i]);
    auto it = sent.find(static_cast<int>(i));
    size_t given = it == sent.end() ? 0 : it->second->value("parameters", Json::array()).size();
    if (needed > 0 && given == 0)
      return MakeError(ErrorCode::kRequiredParameterMissing,
                       "Button at index " + std::to_string(i) + " of type " +
                           Capitalized(StrField(buttons[i], "type")) + " requires a parameter");
    // Assumption: quick-reply payloads are optional; other buttons take exactly what they need.
    bool quick_reply = AsciiUpper(StrField(buttons[i], "type")) == "QUICK_REPLY";
    bool optional_one = ButtonParamOptional(buttons[i]) && given <= 1;
    if (!quick_reply && !optional_one && given != needed) return CountMismatch("buttons", given, needed);
    if (AsciiUpper(StrField(buttons[i], "type")) == "MPM")
      if (auto s = CheckMpmAction(it->second->value("parameters", Json::array())[0]); !s) return s;
  }
  for (const auto& [index, c] : sent)
    if (index < 0 || static_cast<size_t>(index) >= buttons.size())
      return MakeError(ErrorCode::kParameterValueInvalid,  // Assumption: code and wording
                       "Button at index " + std::to_string(index) + " does not exist in the template");
  return {};
}

Status CheckButtons(const MessageTemplate& t, const Json& payload) {
  return CheckButtonsIn(t.components, payload);
}

// A product card: its header's format is PRODUCT.
bool IsProductCard(const Json& card) {
  if (!card.is_object() || !card.contains("components") || !card["components"].is_array()) return false;
  const Json* h = ComponentIn(card["components"], "HEADER");
  return h && AsciiUpper(StrField(*h, "format")) == "PRODUCT";
}

// Meta (media-card-carousel-templates.mdx): "An approved template can only be
// used to send the same number of cards as defined during its creation"; each
// card's header, body and buttons are checked as a template's are. Assumption:
// a card count or index mismatch is 132000, with this wording.
Status CheckCarousel(const MessageTemplate& t, const Json& payload) {
  const Json* tc = TemplateComponent(t, "CAROUSEL");
  const Json* sc = SendComponent(payload, "carousel");
  if (!tc) return sc ? Status(CountMismatch("carousel", (*sc)["cards"].size(), 0)) : Status();
  // The template's side may come from a world file (not checked like a
  // creation request): read it defensively.
  const Json tcards = tc->contains("cards") && (*tc)["cards"].is_array() ? (*tc)["cards"] : Json::array();
  size_t given = sc ? (*sc)["cards"].size() : 0;
  // Meta (product-card-carousel-templates.mdx): "An approved template with two
  // product cards can be used to send up to 10 cards"; all cards are alike.
  const bool products = !tcards.empty() && IsProductCard(tcards[0]);
  if (products ? (given < 1 || given > 10) : given != tcards.size())
    return MakeError(ErrorCode::kTemplateParamCountMismatch,
                     "carousel: number of cards (" + std::to_string(given) +
                         ") does not match the expected number of cards (" +
                         (products ? std::string("1 to 10") : std::to_string(tcards.size())) + ")");
  if (!sc) return {};
  for (const Json& card : (*sc)["cards"]) {
    size_t i = card["card_index"].get<size_t>();
    if (!products && i >= tcards.size())
      return MakeError(ErrorCode::kTemplateParamCountMismatch,
                       "carousel: card_index " + std::to_string(i) + " does not exist in the template");
    const Json& tcard = products ? tcards[0] : tcards[i];
    const Json tcomps = tcard.is_object() && tcard.contains("components") && tcard["components"].is_array()
                            ? tcard["components"]
                            : Json::array();
    const std::string label = "card " + std::to_string(i) + " ";
    if (auto s = CheckHeaderIn(t, tcomps, card, label + "header"); !s) return s;
    if (auto b = CheckBodyIn(t, tcomps, card, label + "body"); !b) return b.error();
    if (auto s = CheckButtonsIn(tcomps, card); !s) return s;
  }
  return {};
}

// Meta (limited-time-offer-templates.mdx): sending an offer template takes a
// limited_time_offer component whose parameter carries expiration_time_ms
// ("Required"). Assumption: Meta's "Required" is read for templates with
// has_expiration true; a template without the component takes none (132000).
Status CheckLimitedTimeOffer(const MessageTemplate& t, const Json& payload) {
  const Json* tc = TemplateComponent(t, "LIMITED_TIME_OFFER");
  Json params = SendParams(payload, "limited_time_offer");
  if (!tc) return params.empty() ? Status() : Status(CountMismatch("limited_time_offer", params.size(), 0));
  const Json lto = tc->contains("limited_time_offer") ? (*tc)["limited_time_offer"] : Json();
  bool expires = lto.is_object() && lto.contains("has_expiration") && lto["has_expiration"].is_boolean() &&
                 lto["has_expiration"].get<bool>();
  if (params.size() > 1 || (expires && params.size() != 1))
    return CountMismatch("limited_time_offer", params.size(), 1);
  for (const Json& p : params)
    if (p.value("type", std::string()) != "limited_time_offer")
      return FormatMismatch("limited_time_offer", "LIMITED_TIME_OFFER",
                            AsciiUpper(p.value("type", std::string())));
  return {};
}

Status CheckStatus(const MessageTemplate& t, const std::string& not_found_details) {
  // Meta: only APPROVED templates can be sent; paused 132015, disabled 132016;
  // any other state (PENDING, REJECTED, ...) reads as "does not exist" (132001).
  if (t.status.state == TemplateStatus::kApproved) return {};
  if (t.status.state == TemplateStatus::kPaused) return MakeError(ErrorCode::kTemplatePaused);
  if (t.status.state == TemplateStatus::kDisabled) return MakeError(ErrorCode::kTemplateDisabled);
  return MakeError(ErrorCode::kTemplateDoesNotExist, not_found_details);
}

}  // namespace

Result<TemplateSend> CheckTemplateSend(const TemplateStore& store, const std::string& waba_id,
                                       const Json& payload) {
  const std::string name = payload["name"].get<std::string>();
  const std::string lang = payload["language"]["code"].get<std::string>();
  const std::string not_found = "template name (" + name + ") does not exist in " + lang;
  const MessageTemplate* t = store.Find(waba_id, name, lang);
  if (!t) return MakeError(ErrorCode::kTemplateDoesNotExist, not_found);
  if (auto s = CheckStatus(*t, not_found); !s) return s.error();
  if (auto s = CheckHeader(*t, payload); !s) return s.error();
  auto body = CheckBody(*t, payload);
  if (!body) return body.error();
  if (auto s = CheckButtons(*t, payload); !s) return s.error();
  if (auto s = CheckLimitedTimeOffer(*t, payload); !s) return s.error();
  if (auto s = CheckCarousel(*t, payload); !s) return s.error();
  bool asks_call_permission = false;
  for (const Json& c : t->components)
    if (c.is_object() && c.value("type", std::string()) == "CALL_PERMISSION_REQUEST")
      asks_call_permission = true;
  return TemplateSend{t->id, rules::CategoryFromTemplate(t->category), *body, t->paced, asks_call_permission};
}

}  // namespace wasim::templates
