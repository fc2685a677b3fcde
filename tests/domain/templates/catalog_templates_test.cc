// Catalog-backed marketing templates, from Meta's pages
// (templates/marketing-templates/): multi-product (MPM) templates, catalog
// templates and product card carousels — created and sent as Meta's examples
// show. wasim simulates no catalog: product ids are taken as given.
#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/messages/validation_rules.h"
#include "simulator/domain/templates/send_check.h"
#include "simulator/domain/templates/service.h"
#include "simulator/domain/world/default_world.h"

namespace wasim::templates {
namespace {

using D = DefaultIds;

MessageTemplate CatalogApproved(const std::string& id, const std::string& name, const char* components) {
  MessageTemplate t;
  t.id = id;
  t.waba_id = D::kWabaId;
  t.name = name;
  t.language = "en_US";
  t.category = "MARKETING";
  t.status.state = TemplateStatus::kApproved;
  t.components = Json::parse(components);
  return t;
}

// The product card carousel of Meta's creation example, as stored (types upper-cased).
constexpr const char* kProductCarousel = R"([
  {"type":"BODY","text":"Rare succulents for sale! {{1}}, add these unique plants to your collection.",
   "example":{"body_text":[["Pablo"]]}},
  {"type":"CAROUSEL","cards":[
    {"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}]},
    {"components":[{"type":"HEADER","format":"PRODUCT"},{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}]}]}])";

class CatalogTemplatesTest : public ::testing::Test {
 protected:
  CatalogTemplatesTest() {
    store_.Put(CatalogApproved("31", "abandoned_cart", R"([
      {"type":"HEADER","format":"TEXT","text":"Forget something, {{1}}?"},
      {"type":"BODY","text":"Looks like you left these items in your cart, still interested? Use code {{1}} to get 10% off!"},
      {"type":"BUTTONS","buttons":[{"type":"MPM","text":"View items"}]}])"));
    store_.Put(CatalogApproved("32", "intro_catalog_offer", R"([
      {"type":"BODY","text":"Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off."},
      {"type":"BUTTONS","buttons":[{"type":"CATALOG","text":"View catalog"}]}])"));
    store_.Put(CatalogApproved("33", "carousel_template_product_cards_v1", kProductCarousel));
  }

  // Validates the payload first (CheckTemplateSend's precondition), then checks it.
  Result<TemplateSend> Send(const std::string& name, const std::string& components) {
    Json p;
    p["name"] = name;
    p["language"]["code"] = "en_US";
    p["components"] = Json::parse(components);
    auto valid = messages::ValidateTemplatePayload(p);
    if (!valid.ok()) return valid.error();
    return CheckTemplateSend(store_, D::kWabaId, p);
  }

  int Code(const std::string& name, const std::string& components) {
    auto r = Send(name, components);
    return r.ok() ? 0 : r.error().code_number();
  }

  TemplateStore store_;
};

std::string MpmButton(const std::string& action) {
  return R"({"type":"button","sub_type":"mpm","index":0,"parameters":[{"type":"action","action":)" + action +
         "}]}";
}

std::string MpmSend(const std::string& action) {
  return R"([{"type":"header","parameters":[{"type":"text","text":"Pablo"}]},
             {"type":"body","parameters":[{"type":"text","text":"10OFF"}]},)" +
         MpmButton(action) + "]";
}

std::string Sections(int sections, int items_each) {
  std::string out = "[";
  for (int s = 0; s < sections; ++s) {
    out += std::string(s ? "," : "") + R"({"title":"Section )" + std::to_string(s) + R"(","product_items":[)";
    for (int i = 0; i < items_each; ++i)
      out += std::string(i ? "," : "") + R"({"product_retailer_id":"sku)" + std::to_string(s * 100 + i) +
             R"("})";
    out += "]}";
  }
  return out + "]";
}

// Meta's "Sending MPM template messages" request, filled in.
TEST_F(CatalogTemplatesTest, MpmTemplatesSendWithTheirSections) {
  EXPECT_EQ(Code("abandoned_cart", MpmSend(R"({"thumbnail_product_retailer_id":"2lc20305pt","sections":)" +
                                           Sections(2, 2) + "}")),
            0);
  // The button's action is required.
  EXPECT_EQ(Code("abandoned_cart", R"([{"type":"header","parameters":[{"type":"text","text":"Pablo"}]},
                                      {"type":"body","parameters":[{"type":"text","text":"10OFF"}]}])"),
            131008);
  // Up to 10 sections, up to 30 products in all, titles of at most 24 characters.
  EXPECT_EQ(Code("abandoned_cart",
                 MpmSend(R"({"thumbnail_product_retailer_id":"x","sections":)" + Sections(11, 1) + "}")),
            131009);
  EXPECT_EQ(Code("abandoned_cart",
                 MpmSend(R"({"thumbnail_product_retailer_id":"x","sections":)" + Sections(3, 11) + "}")),
            131009);
  EXPECT_EQ(Code("abandoned_cart",
                 MpmSend(R"({"thumbnail_product_retailer_id":"x","sections":)" + Sections(3, 10) + "}")),
            0);
  EXPECT_EQ(Code("abandoned_cart",
                 MpmSend(R"({"thumbnail_product_retailer_id":"x","sections":[{"title":")" +
                         std::string(25, 't') + R"(","product_items":[{"product_retailer_id":"a"}]}]})")),
            131009);
  EXPECT_EQ(Code("abandoned_cart", MpmSend(R"({"sections":)" + Sections(1, 1) + "}")), 131009);
}

// Meta (catalog-templates.mdx): the thumbnail parameter is optional.
TEST_F(CatalogTemplatesTest, CatalogTemplatesTakeAnOptionalThumbnail) {
  const std::string body = R"({"type":"body","parameters":[{"type":"text","text":"100"}]})";
  EXPECT_EQ(Code("intro_catalog_offer", "[" + body + "]"), 0);
  EXPECT_EQ(Code("intro_catalog_offer", "[" + body + R"(,{"type":"button","sub_type":"CATALOG","index":0,
      "parameters":[{"type":"action","action":{"thumbnail_product_retailer_id":"2lc20305pt"}}]}])"),
            0);
}

std::string ProductCards(int n, const std::string& header_type = "product") {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    std::string param = header_type == "product"
                            ? R"({"type":"product","product":{"product_retailer_id":"p)" + std::to_string(i) +
                                  R"(","catalog_id":"194836987003835"}})"
                            : R"({"type":"image","image":{"link":"https://x.test/a.png"}})";
    out += std::string(i ? "," : "") + R"({"card_index":)" + std::to_string(i) +
           R"(,"components":[{"type":"header","parameters":[)" + param + "]}]}";
  }
  return out + "]";
}

std::string ProductCarouselSend(const std::string& cards) {
  return R"([{"type":"body","parameters":[{"type":"text","text":"Pablo"}]},{"type":"carousel","cards":)" +
         cards + "}]";
}

// Meta (product-card-carousel-templates.mdx): two cards defined, up to 10 sent.
TEST_F(CatalogTemplatesTest, ProductCarouselsSendOneToTenProductCards) {
  EXPECT_EQ(Code("carousel_template_product_cards_v1", ProductCarouselSend(ProductCards(3))), 0);
  EXPECT_EQ(Code("carousel_template_product_cards_v1", ProductCarouselSend(ProductCards(10))), 0);
  EXPECT_EQ(Code("carousel_template_product_cards_v1", ProductCarouselSend(ProductCards(2, "image"))),
            132012);
  EXPECT_EQ(Code("carousel_template_product_cards_v1",
                 ProductCarouselSend(R"([{"card_index":0,"components":[{"type":"header","parameters":[
                     {"type":"product","product":{"product_retailer_id":"p0"}}]}]}])")),
            100);  // catalog_id is required
}

class CatalogTemplateCreationTest : public ::testing::Test {
 protected:
  CatalogTemplateCreationTest() {
    Simulator::Options o;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }
  Result<CreateResult> Create(const std::string& body) {
    Json j = Json::parse(body);
    return sim_->WithLock([&](Ctx& ctx) { return templates::Create(ctx, D::kWabaId, j); });
  }
  std::unique_ptr<Simulator> sim_;
};

std::string ProductCarouselBody(const std::string& name, const std::string& card_buttons) {
  std::string card = R"({"components":[{"type":"header","format":"product"},{"type":"buttons","buttons":)" +
                     card_buttons + "}]}";
  return R"({"name":")" + name + R"(","language":"en_US","category":"marketing","components":[
    {"type":"body","text":"Rare succulents for sale! {{1}}, add these unique plants to your collection.",
     "example":{"body_text":[["Pablo"]]}},
    {"type":"carousel","cards":[)" +
         card + "," + card + "]}]}";
}

// Meta's creation examples: a product card carousel (SPM or URL button) and an MPM template.
TEST_F(CatalogTemplateCreationTest, ProductCarouselsAndMpmTemplatesAreCreatedAsMetasExamples) {
  EXPECT_TRUE(
      Create(ProductCarouselBody("carousel_template_product_cards_v1", R"([{"type":"spm","text":"View"}])"))
          .ok());
  EXPECT_TRUE(
      Create(ProductCarouselBody(
                 "product_cards_url",
                 R"([{"type":"url","text":"Buy now","url":"https://www.luckyshrub.com/rare-succulents/{{1}}",
                                      "example":["BUDBURST10"]}])"))
          .ok());
  auto two = Create(ProductCarouselBody(
      "product_cards_two_buttons", R"([{"type":"spm","text":"View"},{"type":"quick_reply","text":"Stop"}])"));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code_number(), 100);
  EXPECT_TRUE(Create(R"({"name":"abandoned_cart","language":"en_US","category":"MARKETING","components":[
      {"type":"HEADER","format":"TEXT","text":"Forget something, {{1}}?","example":{"header_text":["Pablo"]}},
      {"type":"BODY","text":"Use code {{1}} to get 10% off!","example":{"body_text":[["10OFF"]]}},
      {"type":"BUTTONS","buttons":[{"type":"MPM","text":"View items"}]}]})")
                  .ok());
}

}  // namespace
}  // namespace wasim::templates
