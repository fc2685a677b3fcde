// Interactive message types beyond buttons, lists and cta_url, as Meta
// documents them:
// - flow: documentation/whatsapp/flows/guides/sendingaflow.mdx (and the
//   OpenAPI ActionObject for flow);
// - product, product_list: catalogs/sell-products-and-services/share-products.md
//   and the OpenAPI HeaderObject/ActionObject/SectionObject;
// - catalog_message: share-products.md "Catalog messages";
// - carousel: messages/interactive-media-carousel-messages.mdx and
//   messages/interactive-product-carousel-messages.mdx;
// - location_request_message: messages/location-request-messages.mdx;
// - address_message: messages/address-messages.mdx;
// - call_permission_request: calling/user-call-permissions.mdx.
// Schema problems are code 100, counts and lengths 131009, as for the other
// interactive types (validation_rules.h). Meta gives no wording for these
// types' errors: the wording is our assumption, in the same style.
// Catalogs and Flows are not simulated: any catalog_id, product_retailer_id,
// flow_id or flow_name is accepted (Assumption).
#include <set>

#include "simulator/domain/messages/validation_rules.h"

namespace wasim::messages {
namespace {

const std::string kMi = "interactive";
const std::string kMa = "interactive['action']";

GraphError MoreValueInvalid(std::string details) {
  return MakeError(ErrorCode::kParameterValueInvalid, std::move(details));
}

Status RequireActionName(const Json& action, const std::string& name) {
  if (auto s = RequireString(action, "name", Sub(kMa, "name"), 64); !s) return s;
  if (action["name"] != name) return ParamNotOneOf(Sub(kMa, "name"), name, action["name"].get<std::string>());
  return {};
}

// Meta: the type forbids a header (product), or a header/footer (carousels).
Status Forbid(const Json& p, const char* key, const std::string& type) {
  if (p.contains(key))
    return SchemaParamError("Param " + Sub(kMi, key) + " is not supported for " + type + " messages.");
  return {};
}

Status EnumOpt(const Json& obj, const char* key, const std::string& where,
               const std::set<std::string>& allowed, const std::string& listed) {
  if (!obj.contains(key)) return {};
  if (auto s = RequireString(obj, key, where, 64); !s) return s;
  if (!allowed.count(obj[key].get<std::string>()))
    return ParamNotOneOf(where, listed, obj[key].get<std::string>());
  return {};
}

// --- flow ---
Status ValidateFlowParameters(const Json& prm) {
  const std::string pw = Sub(kMa, "parameters");
  // Meta: flow_message_version is required and must be "3".
  if (auto s = RequireString(prm, "flow_message_version", Sub(pw, "flow_message_version"), 8); !s) return s;
  if (prm["flow_message_version"] != "3")
    return ParamNotOneOf(Sub(pw, "flow_message_version"), "3",
                         prm["flow_message_version"].get<std::string>());
  // Meta: flow_cta is required, 30 characters (OpenAPI maxLength 30).
  if (auto s = RequireBoundedText(prm, "flow_cta", Sub(pw, "flow_cta"), "Flow CTA", 1, limits::kFlowCta); !s)
    return s;
  // Meta: exactly one of flow_id and flow_name.
  bool has_id = prm.contains("flow_id"), has_name = prm.contains("flow_name");
  if (has_id && has_name)
    return SchemaParamError("Params " + Sub(pw, "flow_id") + " and " + Sub(pw, "flow_name") +
                            " cannot be used together.");
  if (!has_id && !has_name) return ParamRequired(Sub(pw, "flow_id"));
  if (auto s = RequireString(prm, has_id ? "flow_id" : "flow_name", Sub(pw, has_id ? "flow_id" : "flow_name"),
                             512);
      !s)
    return s;
  if (auto s = EnumOpt(prm, "mode", Sub(pw, "mode"), {"draft", "published"}, "draft, published"); !s)
    return s;
  if (auto s = RequireString(prm, "flow_token", Sub(pw, "flow_token"), 4096, false); !s) return s;
  if (auto s = EnumOpt(prm, "flow_action", Sub(pw, "flow_action"), {"navigate", "data_exchange"},
                       "navigate, data_exchange");
      !s)
    return s;
  if (!prm.contains("flow_action_payload")) return {};
  const std::string fw = Sub(pw, "flow_action_payload");
  // Meta: flow_action_payload is for navigate only ("Should be omitted otherwise").
  if (prm.value("flow_action", std::string("navigate")) != "navigate")
    return SchemaParamError("Param " + fw + " is only supported when flow_action is navigate.");
  if (auto s = RequireObject(prm, "flow_action_payload", fw); !s) return s;
  const Json& fap = prm["flow_action_payload"];
  if (auto s = RequireString(fap, "screen", Sub(fw, "screen"), 256, false); !s) return s;
  // Meta: data, if provided, must be a non-empty object.
  if (fap.contains("data") && (!fap["data"].is_object() || fap["data"].empty()))
    return SchemaParamError("Param " + Sub(fw, "data") + " must be a non-empty object.");
  return {};
}

Status ValidateFlow(const Json& p) {
  if (auto s = ValidateInteractiveHeader(p, true); !s) return s;
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateInteractiveFooter(p); !s) return s;
  const Json& a = p["action"];
  if (auto s = RequireActionName(a, "flow"); !s) return s;
  if (auto s = RequireObject(a, "parameters", Sub(kMa, "parameters")); !s) return s;
  return ValidateFlowParameters(a["parameters"]);
}

// --- product, product_list, catalog_message ---
Status RequireCatalogIds(const Json& obj, const std::string& where, bool with_product) {
  if (auto s = RequireString(obj, "catalog_id", Sub(where, "catalog_id"), 256); !s) return s;
  if (!with_product) return {};
  return RequireString(obj, "product_retailer_id", Sub(where, "product_retailer_id"), 256);
}

// Meta: a single-product message takes no header; body and footer are optional.
Status ValidateProduct(const Json& p) {
  if (auto s = Forbid(p, "header", "product"); !s) return s;
  if (p.contains("body"))
    if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateInteractiveFooter(p); !s) return s;
  return RequireCatalogIds(p["action"], kMa, true);
}

Status ValidateProductSection(const Json& sec, const std::string& where, bool title_required, size_t& total) {
  if (!sec.is_object()) return ParamWrongType(where, "an object");
  if (auto s = RequireBoundedText(sec, "title", Sub(where, "title"), "Section title", 1,
                                  limits::kListSectionTitle, title_required);
      !s)
    return s;
  const std::string iw = Sub(where, "product_items");
  if (!sec.contains("product_items")) return ParamRequired(iw);
  const Json& items = sec["product_items"];
  if (!items.is_array()) return ParamWrongType(iw, "an array");
  if (items.empty())
    return MoreValueInvalid(
        "Invalid product_items count. Min allowed product_items: 1, Max allowed product_items: " +
        std::to_string(limits::kProductItemsTotal));
  total += items.size();
  if (total > limits::kProductItemsTotal)
    return MoreValueInvalid("Total product count exceed max allowed count: " +
                            std::to_string(limits::kProductItemsTotal));
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_object()) return ParamWrongType(At(iw, i), "an object");
    if (auto s = RequireString(items[i], "product_retailer_id", Sub(At(iw, i), "product_retailer_id"), 256);
        !s)
      return s;
  }
  return {};
}

// Meta: a multi-product message needs a text header and a body; up to 10
// sections and 30 products; a section title when there is more than one section.
Status ValidateProductList(const Json& p) {
  if (!p.contains("header")) return ParamRequired(Sub(kMi, "header"));
  if (auto s = ValidateInteractiveHeader(p, false); !s) return s;
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateInteractiveFooter(p); !s) return s;
  const Json& a = p["action"];
  if (auto s = RequireCatalogIds(a, kMa, false); !s) return s;
  const std::string sw = Sub(kMa, "sections");
  if (!a.contains("sections")) return ParamRequired(sw);
  const Json& sections = a["sections"];
  if (!sections.is_array()) return ParamWrongType(sw, "an array");
  if (sections.empty() || sections.size() > limits::kProductSections)
    return MoreValueInvalid("Invalid sections count. Min allowed sections: 1, Max allowed sections: " +
                            std::to_string(limits::kProductSections));
  size_t total = 0;
  for (size_t i = 0; i < sections.size(); ++i)
    if (auto s = ValidateProductSection(sections[i], At(sw, i), sections.size() > 1, total); !s) return s;
  return {};
}

// Meta: body required, footer optional, action.name catalog_message, optional
// parameters.thumbnail_product_retailer_id.
Status ValidateCatalogMessage(const Json& p) {
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateInteractiveFooter(p); !s) return s;
  const Json& a = p["action"];
  if (auto s = RequireActionName(a, "catalog_message"); !s) return s;
  if (auto s = RequireObject(a, "parameters", Sub(kMa, "parameters"), false); !s || !a.contains("parameters"))
    return s;
  return RequireString(a["parameters"], "thumbnail_product_retailer_id",
                       Sub(Sub(kMa, "parameters"), "thumbnail_product_retailer_id"), 256, false);
}

// --- carousel ---
Status ValidateMediaCard(const Json& card, const std::string& where, std::string& header_type) {
  if (auto s = RequireObject(card, "header", Sub(where, "header")); !s) return s;
  const Json& h = card["header"];
  const std::string hw = Sub(where, "header");
  if (auto s = RequireString(h, "type", Sub(hw, "type"), 16); !s) return s;
  std::string type = h["type"].get<std::string>();
  if (type != "image" && type != "video") return ParamNotOneOf(Sub(hw, "type"), "image, video", type);
  // Meta: all cards must have the same header type.
  if (header_type.empty()) header_type = type;
  if (type != header_type) return MoreValueInvalid("All carousel cards must have the same header type.");
  if (!h.contains(type)) return ParamRequired(Sub(hw, type));
  if (auto s = ValidateMediaObject(h[type], Sub(hw, type)); !s) return s;
  // Meta: card body is optional, at most 160 characters.
  if (card.contains("body")) {
    if (auto s = RequireObject(card, "body", Sub(where, "body")); !s) return s;
    if (auto s = RequireBoundedText(card["body"], "text", Sub(Sub(where, "body"), "text"), "Card body text",
                                    1, limits::kCarouselCardBody);
        !s)
      return s;
  }
  if (auto s = RequireObject(card, "action", Sub(where, "action")); !s) return s;
  return ValidateCtaUrlParameters(card["action"]);
}

Status ValidateProductCard(const Json& card, const std::string& where, std::string& catalog) {
  if (auto s = RequireObject(card, "action", Sub(where, "action")); !s) return s;
  if (auto s = RequireCatalogIds(card["action"], Sub(where, "action"), true); !s) return s;
  // Meta: every card references the same catalog_id.
  std::string id = card["action"]["catalog_id"].get<std::string>();
  if (catalog.empty()) catalog = id;
  if (id != catalog) return MoreValueInvalid("All carousel cards must reference the same catalog_id.");
  return {};
}

// Meta: body required; no header or footer outside the cards; 2..10 cards with
// unique card_index 0..9, all "cta_url" (media carousel) or all "product".
Status ValidateCarousel(const Json& p) {
  if (auto s = Forbid(p, "header", "carousel"); !s) return s;
  if (auto s = Forbid(p, "footer", "carousel"); !s) return s;
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  const std::string cw = Sub(kMa, "cards");
  const Json& a = p["action"];
  if (!a.contains("cards")) return ParamRequired(cw);
  const Json& cards = a["cards"];
  if (!cards.is_array()) return ParamWrongType(cw, "an array");
  if (cards.size() < limits::kCarouselCardsMin || cards.size() > limits::kCarouselCardsMax)
    return MoreValueInvalid(
        "Invalid cards count. Min allowed cards: " + std::to_string(limits::kCarouselCardsMin) +
        ", Max allowed cards: " + std::to_string(limits::kCarouselCardsMax));
  std::set<long long> indexes;
  std::string first_type, header_type, catalog;
  for (size_t i = 0; i < cards.size(); ++i) {
    const Json& card = cards[i];
    const std::string w = At(cw, i);
    if (!card.is_object()) return ParamWrongType(w, "an object");
    if (!card.contains("card_index")) return ParamRequired(Sub(w, "card_index"));
    if (!card["card_index"].is_number_integer()) return ParamWrongType(Sub(w, "card_index"), "an integer");
    long long idx = card["card_index"].get<long long>();
    if (idx < 0 || idx >= static_cast<long long>(limits::kCarouselCardsMax) || !indexes.insert(idx).second)
      return MoreValueInvalid("card_index must be unique and between 0 and 9.");
    if (auto s = RequireString(card, "type", Sub(w, "type"), 16); !s) return s;
    std::string type = card["type"].get<std::string>();
    if (type != "cta_url" && type != "product")
      return ParamNotOneOf(Sub(w, "type"), "cta_url, product", type);
    if (first_type.empty()) first_type = type;
    if (type != first_type) return MoreValueInvalid("All carousel cards must have the same type.");
    auto s =
        type == "cta_url" ? ValidateMediaCard(card, w, header_type) : ValidateProductCard(card, w, catalog);
    if (!s) return s;
  }
  return {};
}

// --- location_request_message, address_message, call_permission_request ---
Status ValidateLocationRequest(const Json& p) {
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  return RequireActionName(p["action"], "send_location");
}

// Meta: action.parameters.country is mandatory ("If it is not included, there
// will be a validation error"). The feature is India-only; Assumption: wasim
// does not restrict the country (any two-letter ISO code).
Status ValidateAddressMessage(const Json& p) {
  if (auto s = ValidateInteractiveHeader(p, false); !s) return s;
  if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  if (auto s = ValidateInteractiveFooter(p); !s) return s;
  const Json& a = p["action"];
  if (auto s = RequireActionName(a, "address_message"); !s) return s;
  const std::string pw = Sub(kMa, "parameters");
  if (auto s = RequireObject(a, "parameters", pw); !s) return s;
  const Json& prm = a["parameters"];
  if (auto s = RequireString(prm, "country", Sub(pw, "country"), 2); !s) return s;
  if (prm["country"].get_ref<const std::string&>().size() != 2)
    return SchemaParamError("Param " + Sub(pw, "country") + " must be a two-letter ISO country code.");
  for (const char* key : {"values", "validation_errors"})
    if (auto s = RequireObject(prm, key, Sub(pw, key), false); !s) return s;
  if (prm.contains("saved_addresses") && !prm["saved_addresses"].is_array())
    return ParamWrongType(Sub(pw, "saved_addresses"), "an array");
  return {};
}

// Meta (calling/user-call-permissions.mdx): type and action.name
// call_permission_request; `body` is optional ("highly recommended").
Status ValidateCallPermissionRequest(const Json& p) {
  if (p.contains("body"))
    if (auto s = ValidateInteractiveBody(p, limits::kInteractiveBody); !s) return s;
  return RequireActionName(p["action"], "call_permission_request");
}

}  // namespace

bool IsMoreInteractiveType(const std::string& type) {
  static const std::set<std::string> kTypes = {"address_message",
                                               "call_permission_request",
                                               "carousel",
                                               "catalog_message",
                                               "flow",
                                               "location_request_message",
                                               "product",
                                               "product_list"};
  return kTypes.count(type) > 0;
}

Status ValidateMoreInteractive(const std::string& type, const Json& p) {
  if (auto s = RequireObject(p, "action", kMa); !s) return s;
  if (type == "flow") return ValidateFlow(p);
  if (type == "product") return ValidateProduct(p);
  if (type == "product_list") return ValidateProductList(p);
  if (type == "catalog_message") return ValidateCatalogMessage(p);
  if (type == "carousel") return ValidateCarousel(p);
  if (type == "location_request_message") return ValidateLocationRequest(p);
  if (type == "address_message") return ValidateAddressMessage(p);
  return ValidateCallPermissionRequest(p);
}

}  // namespace wasim::messages
