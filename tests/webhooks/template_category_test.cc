// template_category_update rendered as Meta's two reference examples, byte
// for byte ("field" before "value", the id a number).
#include <gtest/gtest.h>

#include "simulator/webhooks/payloads.h"
#include "tests/support/golden_json.h"

namespace wasim::webhooks {
namespace {

Json RenderedCategoryChange(const TemplateCategoryChanged& c, TimeMs at) {
  Fact f;
  f.at = at;
  f.body = c;
  auto events = WebhookEventsOf(f);
  EXPECT_EQ(events.size(), 1u);
  const WebhookEvent& e = events.at(0);
  return Envelope(e.waba_id, {Change{e.field, RenderValue(e, {}, "v24.0")}}, e.at);
}

TemplateCategoryChanged WelcomeTemplate(const char* phase) {
  TemplateCategoryChanged c;
  c.waba_id = "102290129340398";
  c.template_id = "278077987957091";
  c.name = "welcome_template";
  c.language = "en-US";
  c.phase = phase;
  return c;
}

TEST(TemplateCategoryWebhookTest, ImpendingIsMetasExample) {
  TemplateCategoryChanged c = WelcomeTemplate("impending");
  c.new_category = "UTILITY";
  c.correct_category = "MARKETING";
  c.update_at = 1746169200000;
  Json want = ::wasim::testing::LoadFixture("webhooks/template_category_update_impending.json");
  EXPECT_EQ(DumpMeta(RenderedCategoryChange(c, 1746082800000)), DumpMeta(want));
}

TEST(TemplateCategoryWebhookTest, CompletedIsMetasExample) {
  TemplateCategoryChanged c = WelcomeTemplate("completed");
  c.previous_category = "UTILITY";
  c.new_category = "MARKETING";
  Json want = ::wasim::testing::LoadFixture("webhooks/template_category_update_completed.json");
  EXPECT_EQ(DumpMeta(RenderedCategoryChange(c, 1746169200000)), DumpMeta(want));
}

// A world file may name a template with any string: it is then sent as that
// string (Meta's ids are numbers), never an exception in the emitter.
TEST(TemplateCategoryWebhookTest, ANonNumericWorldTemplateIdIsSentAsAString) {
  TemplateCategoryChanged c = WelcomeTemplate("completed");
  c.template_id = "tmpl_1";
  c.previous_category = "UTILITY";
  c.new_category = "MARKETING";
  Json v = RenderedCategoryChange(c, 1746169200000)["entry"][0]["changes"][0]["value"];
  EXPECT_EQ(v["message_template_id"], "tmpl_1");
}

}  // namespace
}  // namespace wasim::webhooks
