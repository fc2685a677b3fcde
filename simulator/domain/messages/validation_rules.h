// Per-type payload validators for POST /{phone-number-id}/messages, the
// limits they enforce and the small helpers they share.
//
// Error codes (decided from Meta's docs and captured responses):
// - Request-schema problems (missing key, wrong JSON type, plain field length,
//   unknown enum value) are code 100 in Graph's shape, the description being
//   the message itself. Captures: "(#100) The parameter messaging_product is
//   required.", "(#100) The parameter interactive['body']['text'] is
//   required.", "(#100) Param text['body'] must be a string.", "(#100) Param
//   text['body'] must be at most 4096 characters long.". So a missing required
//   request parameter is 100, not 131008.
// - 131008 "Required parameter is missing" is kept for a template parameter
//   object without its value (captured: "Parameter of type text is missing
//   text value").
// - Interactive-message limits are 131009 "Parameter value is not valid" with
//   details "<Field> length invalid. Min length: m, Max length: M" (captured for
//   body, footer and button title), "Invalid buttons count. Min allowed
//   buttons: 1, Max allowed buttons: 3" and "Total row count exceed max allowed
//   count: 10" (captured). Other interactive fields use the same wording
//   (Assumption).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "simulator/core/json.h"
#include "simulator/core/result.h"

namespace wasim::messages {

// Limits, with the Meta page that states them (messages/*.mdx) or "Assumption".
namespace limits {
constexpr size_t kTextBody = 4096;              // Meta: text messages
constexpr size_t kCaption = 1024;               // Meta: image/video/document messages
constexpr size_t kBizOpaqueCallbackData = 512;  // Meta: send-messages
constexpr size_t kContacts = 257;               // Meta: contacts messages
constexpr size_t kInteractiveBody = 1024;       // Meta: reply buttons, cta_url
constexpr size_t kListBody = 4096;              // Meta: list messages
constexpr size_t kHeaderText = 60;              // Meta: reply buttons, list, cta_url
constexpr size_t kFooterText = 60;              // Meta: reply buttons, list, cta_url
constexpr size_t kReplyButtons = 3;             // Meta: reply buttons
constexpr size_t kReplyButtonId = 256;          // Meta: reply buttons
constexpr size_t kReplyButtonTitle = 20;        // Meta: reply buttons
constexpr size_t kListButtonLabel = 20;         // Meta: list messages
constexpr size_t kListSections = 10;            // Meta: list messages
constexpr size_t kListRowsTotal = 10;           // Meta: list messages ("all sections combined")
constexpr size_t kListSectionTitle = 24;        // Meta: list messages
constexpr size_t kListRowId = 200;              // Meta: list messages
constexpr size_t kListRowTitle = 24;            // Meta: list messages
constexpr size_t kListRowDescription = 72;      // Meta: list messages
constexpr size_t kCtaDisplayText = 20;          // Meta: cta_url messages
constexpr size_t kTemplateName = 512;           // Meta: template names are at most 512 characters
constexpr size_t kFlowCta = 30;                 // Meta: Flows "Send a Flow" (flow_cta), OpenAPI maxLength 30
constexpr size_t kProductSections = 10;         // Meta: OpenAPI ActionObject.sections maxItems 10
constexpr size_t kProductItemsTotal = 30;       // Meta: multi-product messages, up to 30 products
constexpr size_t kCarouselCardsMin = 2;         // Meta: media/product carousel messages, 2..10 cards
constexpr size_t kCarouselCardsMax = 10;        // Meta: media/product carousel messages
constexpr size_t kCarouselCardBody = 160;       // Meta: media carousel card body.text max 160
}  // namespace limits

// Length as Meta counts it (characters; we count Unicode code points).
size_t CharLength(std::string_view utf8);

// Paths the way Meta names parameters: Sub("text", "body") == "text['body']",
// At("contacts", 0) == "contacts[0]".
std::string Sub(const std::string& where, const std::string& key);
std::string At(const std::string& where, size_t index);

// Error builders (code 100, Graph shape).
GraphError ParamRequired(const std::string& where);                     // The parameter X is required.
GraphError ParamWrongType(const std::string& where, const char* what);  // Param X must be a string.
GraphError ParamTooLong(const std::string& where, size_t max);  // Param X must be at most N characters long.
GraphError ParamNotOneOf(const std::string& where, const std::string& allowed, const std::string& got);
// 131009 with Meta's interactive wording: "<field> length invalid. Min length: m, Max length: M".
GraphError LengthInvalid(const std::string& field, size_t min, size_t max);

// True for absolute http(s) URLs with a host (Meta fetches links over HTTP(S)).
bool IsHttpUrl(std::string_view url);

// Field helpers: `where` is the path of obj[key] in Meta's notation.
// A string of at most max_len characters (code 100 when too long).
Status RequireString(const Json& obj, const char* key, const std::string& where, size_t max_len,
                     bool required = true);
// A string whose length must be within [min_len, max_len] (131009 LengthInvalid with `field`).
Status RequireBoundedText(const Json& obj, const char* key, const std::string& where,
                          const std::string& field, size_t min_len, size_t max_len, bool required = true);
// An object (code 100 when missing and required, or not an object).
Status RequireObject(const Json& obj, const char* key, const std::string& where, bool required = true);

// Type validators (payload = body[type]).
Status ValidateText(const Json& payload);
Status ValidateMediaMessage(const std::string& type, const Json& payload);
// One media reference (image/video/document/audio/sticker object): exactly one of id or link.
Status ValidateMediaObject(const Json& media, const std::string& where);
Status ValidateLocation(const Json& payload);
Status ValidateContacts(const Json& payload);
Status ValidateReaction(const Json& payload);
Status ValidateInteractive(const Json& payload);

// Interactive pieces shared by every interactive type (validation_interactive.cc).
Status ValidateInteractiveHeader(const Json& interactive, bool media_allowed);  // optional header
Status ValidateInteractiveBody(const Json& interactive, size_t max);            // required body.text
Status ValidateInteractiveFooter(const Json& interactive);                      // optional footer
// A cta_url action object ({"name":"cta_url","parameters":{display_text,url}}); paths
// are reported under interactive['action'].
Status ValidateCtaUrlParameters(const Json& action);
// Every interactive type wasim accepts, as Meta's enum error lists them.
inline constexpr const char* kInteractiveTypes =
    "address_message, button, call_permission_request, carousel, catalog_message, cta_url, flow, list, "
    "location_request_message, product, product_list";
// The types validation_interactive_more.cc handles, and their validator.
bool IsMoreInteractiveType(const std::string& type);
Status ValidateMoreInteractive(const std::string& type, const Json& interactive);
Status ValidateTemplatePayload(const Json& payload);

}  // namespace wasim::messages
