// Interactive types beyond buttons, lists and cta_url: Meta's request
// examples are accepted, and each documented requirement and limit is refused
// with code 100 (schema) or 131009 (counts and lengths).
#include <gtest/gtest.h>

#include <string>

#include "simulator/domain/messages/validation.h"
#include "tests/domain/messages/send_body.h"

namespace wasim::messages {
namespace {

Json I(const std::string& json) { return Body("interactive", Json::parse(json)); }

void MoreOk(const Json& body) {
  auto s = ValidateSendBody(body);
  EXPECT_TRUE(s.ok()) << body.dump() << " -> " << (s.ok() ? "" : s.error().details);
}

GraphError MoreErr(const Json& body) {
  auto s = ValidateSendBody(body);
  EXPECT_FALSE(s.ok()) << "accepted: " << body.dump();
  return s.ok() ? GraphError{} : s.error();
}

void More100(const Json& body, const std::string& details) {
  GraphError e = MoreErr(body);
  EXPECT_EQ(e.code, ErrorCode::kInvalidParameter) << e.details;
  EXPECT_EQ(e.details, details);
}

void More131009(const Json& body, const std::string& details) {
  GraphError e = MoreErr(body);
  EXPECT_EQ(e.code, ErrorCode::kParameterValueInvalid) << e.details;
  EXPECT_EQ(e.details, details);
}

// Meta's "with all parameters" example (flows/guides/sendingaflow.mdx), flow_id variant.
const char* kFlow = R"({"type":"flow","header":{"type":"text","text":"Flow message header"},
  "body":{"text":"Flow message body"},"footer":{"text":"Flow message footer"},
  "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.",
  "flow_id":"123456","flow_cta":"Book!","flow_action":"navigate",
  "flow_action_payload":{"screen":"<SCREEN_NAME>","data":{"product_name":"name","product_price":100}}}}})";

TEST(InteractiveMoreValidationTest, FlowFollowsTheSendAFlowGuide) {
  MoreOk(I(kFlow));
  Json b = I(kFlow);
  auto& prm = b["interactive"]["action"]["parameters"];
  prm["flow_message_version"] = "2";
  More100(
      b, "Param interactive['action']['parameters']['flow_message_version'] must be one of {3} - got \"2\".");
  b = I(kFlow);
  b["interactive"]["action"]["parameters"]["flow_name"] = "appointment_booking_v1";
  More100(b,
          "Params interactive['action']['parameters']['flow_id'] and "
          "interactive['action']['parameters']['flow_name'] "
          "cannot be used together.");
  b = I(kFlow);
  b["interactive"]["action"]["parameters"].erase("flow_id");
  More100(b, "The parameter interactive['action']['parameters']['flow_id'] is required.");
  b["interactive"]["action"]["parameters"]["flow_name"] = "appointment_booking_v1";
  MoreOk(b);
  b["interactive"]["action"]["parameters"]["flow_cta"] = std::string(31, 'c');
  More131009(b, "Flow CTA length invalid. Min length: 1, Max length: 30");
  b = I(kFlow);
  b["interactive"]["action"]["parameters"]["flow_action"] = "data_exchange";
  More100(b,
          "Param interactive['action']['parameters']['flow_action_payload'] is only supported when "
          "flow_action is "
          "navigate.");
  b = I(kFlow);
  b["interactive"]["action"]["parameters"]["flow_action_payload"]["data"] = Json::object();
  More100(
      b,
      "Param interactive['action']['parameters']['flow_action_payload']['data'] must be a non-empty object.");
  b = I(kFlow);
  b["interactive"]["action"]["parameters"]["mode"] = "live";
  More100(
      b,
      "Param interactive['action']['parameters']['mode'] must be one of {draft, published} - got \"live\".");
  b = I(kFlow);
  b["interactive"]["action"]["name"] = "navigate";
  More100(b, "Param interactive['action']['name'] must be one of {flow} - got \"navigate\".");
  b = I(kFlow);
  b["interactive"].erase("body");
  More100(b, "The parameter interactive['body'] is required.");
}

// share-products.md: single- and multi-product messages.
const char* kProduct =
    R"({"type":"product","body":{"text":"optional body"},"footer":{"text":"optional footer"},
  "action":{"catalog_id":"CATALOG_ID","product_retailer_id":"ID_TEST_ITEM_1"}})";

std::string ProductList(int sections, int items_per_section) {
  Json secs = Json::array();
  for (int s = 0; s < sections; ++s) {
    Json items = Json::array();
    for (int i = 0; i < items_per_section; ++i)
      items.push_back({{"product_retailer_id", "SKU-" + std::to_string(i)}});
    secs.push_back({{"title", "Section " + std::to_string(s)}, {"product_items", items}});
  }
  Json p = {{"type", "product_list"},
            {"header", {{"type", "text"}, {"text", "header-content"}}},
            {"body", {{"text", "body-content"}}},
            {"action", {{"catalog_id", "CATALOG_ID"}, {"sections", secs}}}};
  return p.dump();
}

TEST(InteractiveMoreValidationTest, ProductMessagesNeedCatalogAndProductIds) {
  MoreOk(I(kProduct));
  Json b = I(kProduct);
  b["interactive"]["action"].erase("product_retailer_id");
  More100(b, "The parameter interactive['action']['product_retailer_id'] is required.");
  b = I(kProduct);
  b["interactive"].erase("body");
  MoreOk(b);  // Meta: body optional for product
  b["interactive"]["header"] = {{"type", "text"}, {"text", "h"}};
  More100(b, "Param interactive['header'] is not supported for product messages.");
}

TEST(InteractiveMoreValidationTest, ProductListLimitsAreTenSectionsAndThirtyProducts) {
  MoreOk(I(ProductList(2, 2)));
  MoreOk(I(ProductList(10, 3)));
  MoreOk(I(ProductList(1, 30)));
  More131009(I(ProductList(11, 1)),
             "Invalid sections count. Min allowed sections: 1, Max allowed sections: 10");
  More131009(I(ProductList(2, 16)), "Total product count exceed max allowed count: 30");
  Json b = I(ProductList(2, 1));
  b["interactive"].erase("header");
  More100(b, "The parameter interactive['header'] is required.");
  b = I(ProductList(2, 1));
  b["interactive"]["header"] = {{"type", "image"}, {"image", {{"link", "https://x.test/a.png"}}}};
  More100(b, "Param interactive['header']['type'] must be one of {text} - got \"image\".");
  b = I(ProductList(2, 1));
  b["interactive"]["action"]["sections"][1].erase("title");
  More100(b, "The parameter interactive['action']['sections'][1]['title'] is required.");
  b = I(ProductList(1, 1));
  b["interactive"]["action"]["sections"][0]["product_items"][0] = Json::object();
  More100(b,
          "The parameter interactive['action']['sections'][0]['product_items'][0]['product_retailer_id'] is "
          "required.");
}

TEST(InteractiveMoreValidationTest, CatalogMessageThumbnailIsOptional) {
  MoreOk(I(R"({"type":"catalog_message","body":{"text":"Hello! Thanks for your interest."},
    "action":{"name":"catalog_message","parameters":{"thumbnail_product_retailer_id":"2lc20305pt"}}})"));
  MoreOk(I(R"({"type":"catalog_message","body":{"text":"Hi"},"action":{"name":"catalog_message"}})"));
  More100(I(R"({"type":"catalog_message","body":{"text":"Hi"},"action":{"name":"catalog"}})"),
          "Param interactive['action']['name'] must be one of {catalog_message} - got \"catalog\".");
}

Json MediaCard(int index, const std::string& header = "image") {
  return {{"card_index", index},
          {"type", "cta_url"},
          {"header", {{"type", header}, {header, {{"link", "https://example.com/image1.png"}}}}},
          {"body", {{"text", "Exclusive deal #1"}}},
          {"action",
           {{"name", "cta_url"},
            {"parameters", {{"display_text", "Shop now"}, {"url", "https://shop.example.com/deal1"}}}}}};
}

Json Carousel(Json cards) {
  return Body("interactive", {{"type", "carousel"},
                              {"body", {{"text", "Check out our latest offers!"}}},
                              {"action", {{"cards", std::move(cards)}}}});
}

TEST(InteractiveMoreValidationTest, MediaCarouselHasTwoToTenMatchingCards) {
  MoreOk(Carousel({MediaCard(0), MediaCard(1)}));
  More131009(Carousel({MediaCard(0)}), "Invalid cards count. Min allowed cards: 2, Max allowed cards: 10");
  Json eleven = Json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back(MediaCard(i % 10));
  More131009(Carousel(eleven), "Invalid cards count. Min allowed cards: 2, Max allowed cards: 10");
  More131009(Carousel({MediaCard(0), MediaCard(0)}), "card_index must be unique and between 0 and 9.");
  More131009(Carousel({MediaCard(0), MediaCard(1, "video")}),
             "All carousel cards must have the same header type.");
  Json long_body = MediaCard(1);
  long_body["body"]["text"] = std::string(161, 'b');
  More131009(Carousel({MediaCard(0), long_body}),
             "Card body text length invalid. Min length: 1, Max length: 160");
  Json b = Carousel({MediaCard(0), MediaCard(1)});
  b["interactive"]["footer"] = {{"text", "f"}};
  More100(b, "Param interactive['footer'] is not supported for carousel messages.");
}

TEST(InteractiveMoreValidationTest, ProductCarouselCardsShareOneCatalog) {
  auto card = [](int i, const std::string& catalog) {
    return Json{{"card_index", i},
                {"type", "product"},
                {"action", {{"product_retailer_id", "abc123xyz"}, {"catalog_id", catalog}}}};
  };
  MoreOk(Carousel({card(0, "123456789"), card(1, "123456789")}));
  More131009(Carousel({card(0, "123456789"), card(1, "987654321")}),
             "All carousel cards must reference the same catalog_id.");
  More131009(Carousel({card(0, "123456789"), MediaCard(1)}), "All carousel cards must have the same type.");
}

TEST(InteractiveMoreValidationTest, LocationRequestAddressAndCallPermission) {
  // messages/location-request-messages.mdx example request.
  MoreOk(I(R"({"type":"location_request_message","body":{"text":"Let's start with your pickup."},
    "action":{"name":"send_location"}})"));
  More100(I(R"({"type":"location_request_message","body":{"text":"x"},"action":{"name":"location"}})"),
          "Param interactive['action']['name'] must be one of {send_location} - got \"location\".");
  More131009(I(R"({"type":"location_request_message","body":{"text":")" + std::string(1025, 'x') +
               R"("},"action":{"name":"send_location"}})"),
             "Body text length invalid. Min length: 1, Max length: 1024");
  // messages/address-messages.mdx: country is mandatory.
  MoreOk(I(R"({"type":"address_message","body":{"text":"Thanks for your order!"},
    "action":{"name":"address_message","parameters":{"country":"IN","values":{"name":"CUSTOMER_NAME","in_pin_code":"666666"},
    "validation_errors":{"in_pin_code":"We could not locate this pin code."}}}})"));
  More100(
      I(R"({"type":"address_message","body":{"text":"x"},"action":{"name":"address_message","parameters":{}}})"),
      "The parameter interactive['action']['parameters']['country'] is required.");
  // calling/user-call-permissions.mdx.
  MoreOk(I(R"({"type":"call_permission_request","action":{"name":"call_permission_request"},
    "body":{"text":"We would like to call you to help support your query on Order No: ON-12853."}})"));
  More100(I(R"({"type":"call_permission_request","body":{"text":"x"},"action":{}})"),
          "The parameter interactive['action']['name'] is required.");
  // Meta: the body is optional ("highly recommended").
  MoreOk(I(R"({"type":"call_permission_request","action":{"name":"call_permission_request"}})"));
}

}  // namespace
}  // namespace wasim::messages
