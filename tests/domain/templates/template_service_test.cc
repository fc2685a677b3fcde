// Template management rules: creation checks and codes, review on the
// virtual clock with its status-update event, edits and their limits, delete.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "simulator/domain/templates/definition_check.h"
#include "simulator/domain/templates/service.h"
#include "simulator/domain/uploads/service.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"
#include "tests/support/world.h"

namespace wasim::templates {
namespace {

using wasim::testing::EditWorld;

using D = DefaultIds;

Json Body(const std::string& name, const std::string& body_text, Json example = Json()) {
  Json body = {{"type", "BODY"}, {"text", body_text}};
  if (!example.is_null()) body["example"] = example;
  return Json{
      {"name", name}, {"language", "en_US"}, {"category", "utility"}, {"components", Json::array({body})}};
}

Json Simple(const std::string& name) { return Body(name, "Your order has shipped."); }

class TemplateServiceTest : public ::testing::Test {
 protected:
  TemplateServiceTest() {
    Simulator::Options o;
    o.seed = 5;
    o.clock = std::make_shared<ManualClock>(kDefaultManualStart);
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  // Management webhook changes caused since the fixture was made.
  std::vector<wasim::testing::ManagementChange> Events() { return tap_->ManagementChanges(); }

  Result<CreateResult> Create(const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) { return templates::Create(ctx, D::kWabaId, body); });
  }
  ErrorCode CreateError(const Json& body) {
    auto r = Create(body);
    EXPECT_FALSE(r.ok());
    return r.ok() ? ErrorCode::kApiUnknown : r.error().code;
  }
  static std::string StatusOf(const MessageTemplate& t) { return TemplateStatusName(t.status.state); }
  MessageTemplate Get(const std::string& id) {
    return sim_->WithLock([&](Ctx& ctx) { return *ctx.state.templates.Get(id); });
  }
  Status Edit(const std::string& id, const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) { return templates::Edit(ctx, id, body); });
  }
  Status Delete(const std::string& name, const std::string& hsm_id = "") {
    return sim_->WithLock([&](Ctx& ctx) { return templates::Delete(ctx, D::kWabaId, name, hsm_id); });
  }
  std::string CreateApproved(const Json& body) {
    auto r = Create(body);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().details);
    sim_->AdvanceBy(kMinute);
    return r.ok() ? r->id : "";
  }

  // A file handle from the Resumable Upload API (a 3-byte file of `mime`).
  std::string Uploaded(const std::string& mime) {
    return sim_->WithLock([&](Ctx& ctx) {
      auto id = uploads::StartSession(ctx, D::kAppId,
                                      {{"file_name", "f"}, {"file_length", "3"}, {"file_type", mime}});
      EXPECT_TRUE(id.ok());
      auto done = uploads::Append(ctx, *id, "0", "abc");
      EXPECT_TRUE(done.ok() && done->complete);
      return done->handle;
    });
  }

  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(TemplateServiceTest, CreatedPendingThenApprovedAfterReviewDelayWithEvent) {
  auto r = Create(Simple("order_shipped"));
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(r->status, "PENDING");
  EXPECT_EQ(r->category, "UTILITY");
  sim_->AdvanceBy(kMinute - 1);
  EXPECT_EQ(StatusOf(Get(r->id)), "PENDING");
  EXPECT_TRUE(Events().empty());
  sim_->AdvanceBy(1);
  EXPECT_EQ(StatusOf(Get(r->id)), "APPROVED");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  const wasim::testing::ManagementChange& e = events[0];
  EXPECT_EQ(e.field, "message_template_status_update");
  EXPECT_EQ(e.waba_id, D::kWabaId);
  EXPECT_EQ(e.at, kDefaultManualStart + kMinute);
  EXPECT_EQ(e.value["event"], "APPROVED");
  EXPECT_TRUE(e.value["message_template_id"].is_number_integer());
  EXPECT_EQ(std::to_string(e.value["message_template_id"].get<long long>()), r->id);
  EXPECT_EQ(e.value["message_template_name"], "order_shipped");
  EXPECT_EQ(e.value["message_template_language"], "en_US");
  EXPECT_EQ(e.value["reason"], "NONE");
  EXPECT_EQ(e.value["message_template_category"], "UTILITY");
}

TEST_F(TemplateServiceTest, ConfiguredRejectionIsPublishedWithReason) {
  auto r = Create(Simple("promo_blast"));
  ASSERT_TRUE(r.ok());
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_TRUE(SetReviewDecision(ctx, r->id, "REJECTED", "PROMOTIONAL", 2 * kHour).ok());
  });
  sim_->AdvanceBy(kHour);
  EXPECT_EQ(StatusOf(Get(r->id)), "PENDING");  // rescheduled from the admin call
  sim_->AdvanceBy(kHour);
  EXPECT_EQ(StatusOf(Get(r->id)), "REJECTED");
  EXPECT_EQ(Get(r->id).rejected_reason, "PROMOTIONAL");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].value["event"], "REJECTED");
  EXPECT_EQ(events[0].value["reason"], "PROMOTIONAL");
}

TEST_F(TemplateServiceTest, AdjacentParametersAreRejectedAsInvalidFormat) {
  Json ex = {{"body_text", Json::array({Json::array({"a", "b"})})}};
  auto r = Create(Body("adjacent_vars", "Hello there {{1}}{{2}} and thanks for the order.", ex));
  ASSERT_TRUE(r.ok()) << r.error().details;
  sim_->AdvanceBy(kMinute);
  EXPECT_EQ(StatusOf(Get(r->id)), "REJECTED");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].value["reason"], "INVALID_FORMAT");
  EXPECT_TRUE(events[0].value["rejection_info"].contains("recommendation"));
}

TEST_F(TemplateServiceTest, NameLanguageAndCategoryChecks) {
  Json bad = Simple("Order-Shipped");
  EXPECT_EQ(CreateError(bad), ErrorCode::kInvalidParameter);
  EXPECT_EQ(CreateError(Simple(std::string(513, 'a'))), ErrorCode::kTemplateCharLimitExceeded);
  EXPECT_TRUE(Create(Simple(std::string(512, 'a'))).ok());
  Json cat = Simple("x1");
  cat["category"] = "TRANSACTIONAL";
  EXPECT_EQ(CreateError(cat), ErrorCode::kInvalidParameter);
  Json lang = Simple("x2");
  lang["language"] = "english";
  EXPECT_EQ(CreateError(lang), ErrorCode::kInvalidParameter);
  Json no_body = Simple("x3");
  no_body["components"] = Json::array({{{"type", "FOOTER"}, {"text", "bye"}}});
  EXPECT_EQ(CreateError(no_body), ErrorCode::kInvalidParameter);
  Json missing = Simple("x4");
  missing.erase("components");
  EXPECT_EQ(CreateError(missing), ErrorCode::kInvalidParameter);
}

TEST_F(TemplateServiceTest, BodyParameterRules) {
  // Meta: examples are required when the body has parameters.
  EXPECT_EQ(CreateError(Body("b1", "Hi {{1}}, your order is ready.")), ErrorCode::kTemplateBodyFormat);
  Json ok_ex = {{"body_text", Json::array({Json::array({"Pablo"})})}};
  EXPECT_TRUE(Create(Body("b2", "Hi {{1}}, your order is ready.", ok_ex)).ok());
  Json two = {{"body_text", Json::array({Json::array({"a", "b"})})}};
  EXPECT_EQ(CreateError(Body("b3", "Hi {{2}}, your order {{1}} is ready.", two)),
            ErrorCode::kTemplateBodyFormat);
  EXPECT_EQ(CreateError(Body("b4", "{{1}} is your order number, thanks.", ok_ex)),
            ErrorCode::kTemplateLeadingTrailingParam);
  EXPECT_EQ(CreateError(Body("b5", "Your order number is {{1}}", ok_ex)),
            ErrorCode::kTemplateLeadingTrailingParam);
  Json three = {{"body_text", Json::array({Json::array({"a", "b", "c"})})}};
  EXPECT_EQ(CreateError(Body("b6", "Hi {{1}} {{2}} {{3}} ok", three)), ErrorCode::kTemplateParamRatio);
  EXPECT_EQ(CreateError(Body("b7", std::string(1025, 'x'))), ErrorCode::kTemplateCharLimitExceeded);
  EXPECT_TRUE(Create(Body("b8", std::string(1024, 'x'))).ok());
  // The one placeholder grammar: what send time would not treat as a
  // parameter, creation refuses as malformed.
  EXPECT_EQ(CreateError(Body("b9", "Hi {{{1}}, your order is ready.", ok_ex)),
            ErrorCode::kTemplateBodyFormat);
  EXPECT_EQ(CreateError(Body("b10", "Hi {{1234}}, your order is ready.", ok_ex)),
            ErrorCode::kTemplateBodyFormat);
}

TEST_F(TemplateServiceTest, NamedParametersNeedNamedExamples) {
  Json body = Body(
      "named_ok", "Thank you, {{first_name}}! Your order is {{order_number}}.",
      {{"body_text_named_params", Json::array({{{"param_name", "first_name"}, {"example", "Pablo"}},
                                               {{"param_name", "order_number"}, {"example", "860198"}}})}});
  body["parameter_format"] = "named";
  auto r = Create(body);
  ASSERT_TRUE(r.ok()) << r.error().details;
  EXPECT_EQ(Get(r->id).parameter_format, "NAMED");
  Json partial = body;
  partial["name"] = "named_partial";
  partial["components"][0]["example"]["body_text_named_params"].erase(1);
  EXPECT_EQ(CreateError(partial), ErrorCode::kTemplateBodyFormat);
  Json positional_in_named = Body("named_bad", "Thanks {{1}} for the order.", {{"body_text", {{"x"}}}});
  positional_in_named["parameter_format"] = "NAMED";
  EXPECT_EQ(CreateError(positional_in_named), ErrorCode::kTemplateBodyFormat);
}

TEST_F(TemplateServiceTest, HeaderFooterAndButtonShapes) {
  Json t = Simple("shapes");
  auto with = [&](Json comp) {
    Json b = t;
    b["components"].push_back(comp);
    return b;
  };
  EXPECT_EQ(CreateError(with({{"type", "HEADER"}, {"format", "TEXT"}, {"text", std::string(61, 'h')}})),
            ErrorCode::kTemplateCharLimitExceeded);
  EXPECT_EQ(CreateError(with({{"type", "HEADER"},
                              {"format", "TEXT"},
                              {"text", "Hi {{1}} and {{2}}"},
                              {"example", {{"header_text", {"a", "b"}}}}})),
            ErrorCode::kTemplateHeaderFormat);
  EXPECT_EQ(CreateError(with({{"type", "HEADER"}, {"format", "IMAGE"}})), ErrorCode::kTemplateHeaderFormat);
  EXPECT_EQ(CreateError(with({{"type", "FOOTER"}, {"text", std::string(61, 'f')}})),
            ErrorCode::kTemplateCharLimitExceeded);
  EXPECT_EQ(CreateError(with({{"type", "FOOTER"}, {"text", "Bye {{1}}"}})), ErrorCode::kTemplateFooterFormat);
  EXPECT_EQ(CreateError(with(
                {{"type", "BUTTONS"},
                 {"buttons", Json::array({{{"type", "QUICK_REPLY"}, {"text", std::string(26, 'b')}}})}})),
            ErrorCode::kTemplateCharLimitExceeded);
  Json split_qr = {{"type", "BUTTONS"},
                   {"buttons", Json::array({{{"type", "QUICK_REPLY"}, {"text", "a"}},
                                            {{"type", "URL"}, {"text", "b"}, {"url", "https://x.example"}},
                                            {{"type", "QUICK_REPLY"}, {"text", "c"}}})}};
  EXPECT_EQ(CreateError(with(split_qr)), ErrorCode::kInvalidParameter);
  // A handle the Resumable Upload API did not issue is refused; an issued one is taken.
  EXPECT_EQ(CreateError(
                with({{"type", "header"}, {"format", "image"}, {"example", {{"header_handle", {"4::aW"}}}}})),
            ErrorCode::kInvalidParameter);
  auto ok = Create(with(
      {{"type", "header"}, {"format", "image"}, {"example", {{"header_handle", {Uploaded("image/png")}}}}}));
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  EXPECT_EQ(Get(ok->id).components[1]["type"], "HEADER");
  EXPECT_EQ(Get(ok->id).components[1]["format"], "IMAGE");
}

TEST_F(TemplateServiceTest, MediaHeaderHandleMustFitTheFormatOrBeAUrl) {
  auto header = [](const std::string& format, const std::string& handle) {
    Json b = Simple("media_" + std::to_string(handle.size()) + "_" + std::to_string(format.size()));
    b["components"].insert(
        b["components"].begin(),
        Json{{"type", "HEADER"}, {"format", format}, {"example", {{"header_handle", {handle}}}}});
    return b;
  };
  EXPECT_EQ(CreateError(header("VIDEO", Uploaded("image/jpeg"))), ErrorCode::kTemplateHeaderFormat);
  EXPECT_EQ(CreateError(header("DOCUMENT", Uploaded("video/mp4"))), ErrorCode::kTemplateHeaderFormat);
  EXPECT_TRUE(Create(header("DOCUMENT", Uploaded("application/pdf"))).ok());
  EXPECT_TRUE(Create(header("GIF", Uploaded("video/mp4"))).ok());
  EXPECT_TRUE(Create(header("IMAGE", "https://scontent.whatsapp.net/v/t61/header.jpg")).ok());
}

// Meta's example (limited-time-offer-templates.mdx), with a handle this world issued.
TEST_F(TemplateServiceTest, LimitedTimeOfferTemplatesAreMarketingWithoutFooter) {
  auto offer = [&](const std::string& category, const std::string& offer_text) {
    return Json{
        {"name", "limited_time_offer_caribbean_pkg_2023"},
        {"language", "en_US"},
        {"category", category},
        {"components",
         Json::array(
             {{{"type", "header"},
               {"format", "image"},
               {"example", {{"header_handle", {Uploaded("image/jpeg")}}}}},
              {{"type", "limited_time_offer"},
               {"limited_time_offer", {{"text", offer_text}, {"has_expiration", true}}}},
              {{"type", "body"},
               {"text",
                "Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean Destination packages!"},
               {"example", {{"body_text", Json::array({Json::array({"Pablo", "CARIBE25"})})}}}},
              {{"type", "buttons"},
               {"buttons",
                {{{"type", "copy_code"}, {"example", "CARIBE25"}},
                 {{"type", "url"},
                  {"text", "Book now!"},
                  {"url", "https://awesomedestinations.com/offers?code={{1}}"},
                  {"example", {"https://awesomedestinations.com/offers?ref=n3mtql"}}}}}}})}};
  };
  auto ok = Create(offer("marketing", "Expiring offer!"));
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  EXPECT_EQ(Get(ok->id).components[1]["type"], "LIMITED_TIME_OFFER");
  EXPECT_EQ(CreateError(offer("utility", "Expiring offer!")), ErrorCode::kInvalidParameter);
  EXPECT_EQ(CreateError(offer("marketing", "Expiring offer!!!")), ErrorCode::kTemplateCharLimitExceeded);
  Json footer = offer("marketing", "Expiring offer!");
  footer["name"] = "lto_with_footer";
  footer["components"].push_back({{"type", "footer"}, {"text", "Terms apply"}});
  EXPECT_EQ(CreateError(footer), ErrorCode::kInvalidParameter);
}

// Meta's example (media-card-carousel-templates.mdx), with handles this world issued.
TEST_F(TemplateServiceTest, CarouselTemplatesHaveTwoToTenMatchingCards) {
  auto card = [&](const std::string& format, bool with_url) {
    Json buttons = Json::array({{{"type", "quick_reply"}, {"text", "Send me more like this!"}}});
    if (with_url)
      buttons.push_back({{"type", "url"},
                         {"text", "Buy now"},
                         {"url", "https://www.luckyshrub.com/rare-succulents/{{1}}"},
                         {"example", {"https://www.luckyshrub.com/rare-succulents/BUDDHA"}}});
    return Json{
        {"components",
         Json::array(
             {{{"type", "header"},
               {"format", format},
               {"example", {{"header_handle", {Uploaded(format == "image" ? "image/png" : "video/mp4")}}}}},
              {{"type", "buttons"}, {"buttons", buttons}}})}};
  };
  auto carousel = [&](const std::string& name, Json cards) {
    return Json{
        {"name", name},
        {"language", "en_US"},
        {"category", "marketing"},
        {"components",
         Json::array(
             {{{"type", "body"},
               {"text", "Rare succulents for sale! {{1}}, add these unique plants to your collection."},
               {"example", {{"body_text", Json::array({Json::array({"Pablo"})})}}}},
              {{"type", "carousel"}, {"cards", std::move(cards)}}})}};
  };
  auto ok = Create(carousel("carousel_template_media_cards_v1", {card("image", true), card("image", true)}));
  ASSERT_TRUE(ok.ok()) << ok.error().details;
  EXPECT_EQ(Get(ok->id).components[1]["cards"].size(), 2u);
  EXPECT_EQ(Get(ok->id).components[1]["cards"][0]["components"][1]["buttons"][1]["type"], "URL");
  EXPECT_EQ(CreateError(carousel("one_card", {card("image", true)})), ErrorCode::kInvalidParameter);
  EXPECT_EQ(CreateError(carousel("mixed_cards", {card("image", true), card("image", false)})),
            ErrorCode::kInvalidParameter);
  Json unknown_handle = carousel("bad_handle", {card("image", true), card("image", true)});
  unknown_handle["components"][1]["cards"][1]["components"][0]["example"]["header_handle"][0] = "4::an...";
  EXPECT_EQ(CreateError(unknown_handle), ErrorCode::kInvalidParameter);
  Json with_header = carousel("with_header", {card("image", true), card("image", true)});
  with_header["components"].push_back({{"type", "footer"}, {"text", "f"}});
  EXPECT_EQ(CreateError(with_header), ErrorCode::kInvalidParameter);
}

TEST_F(TemplateServiceTest, DuplicateNameAndLanguageIsRefused) {
  ASSERT_TRUE(Create(Simple("dup")).ok());
  EXPECT_EQ(CreateError(Simple("dup")), ErrorCode::kTemplateAlreadyExists);
  Json es = Simple("dup");
  es["language"] = "es";
  EXPECT_TRUE(Create(es).ok());  // Meta: same name in another language is a new template
}

TEST_F(TemplateServiceTest, TemplateLimitIs250PerWaba) {
  WorldBuilder bulk;
  for (int i = 0; i < 249; ++i) {  // + hello_world = 250
    MessageTemplate t;
    t.id = std::to_string(9000000000000000LL + i);
    t.waba_id = D::kWabaId;
    t.name = "bulk_" + std::to_string(i);
    bulk.Add(t);
  }
  EditWorld(*sim_, bulk);
  EXPECT_EQ(CreateError(Simple("one_too_many")), ErrorCode::kTemplateLimitExceeded);
  EditWorld(*sim_, WorldBuilder().EditBusiness(D::kBusinessId, [](Business& b) { b.verified = true; }));
  EXPECT_TRUE(Create(Simple("verified_has_room")).ok());  // Meta: 6,000 once verified
}

TEST_F(TemplateServiceTest, PendingTemplatesCannotBeEdited) {
  auto r = Create(Simple("in_review"));
  ASSERT_TRUE(r.ok());
  auto s = Edit(r->id, {{"components", Simple("x")["components"]}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kTemplateStatusCannotChange);
}

TEST_F(TemplateServiceTest, EditSendsBackToReviewAndIsLimitedForApprovedTemplates) {
  std::string id = CreateApproved(Simple("editable"));
  Json edit = {{"components", Json::array({{{"type", "BODY"}, {"text", "Your parcel is on its way."}}})}};
  ASSERT_TRUE(Edit(id, edit).ok());
  EXPECT_EQ(StatusOf(Get(id)), "PENDING");
  EXPECT_EQ(Get(id).components[0]["text"], "Your parcel is on its way.");
  sim_->AdvanceBy(kMinute);
  EXPECT_EQ(StatusOf(Get(id)), "APPROVED");
  // Meta: once per 24 h ...
  auto again = Edit(id, edit);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kTemplateStatusCannotChange);
  // ... and 10 times per 30 days.
  for (int i = 2; i <= 10; ++i) {
    sim_->AdvanceBy(kDay);
    ASSERT_TRUE(Edit(id, edit).ok()) << "edit " << i;
    sim_->AdvanceBy(kMinute);
  }
  sim_->AdvanceBy(kDay);
  auto eleventh = Edit(id, edit);
  ASSERT_FALSE(eleventh.ok());
  EXPECT_EQ(eleventh.error().code, ErrorCode::kTemplateStatusCannotChange);
  sim_->AdvanceBy(20 * kDay);  // the first edits leave the 30-day window
  EXPECT_TRUE(Edit(id, edit).ok());
}

TEST_F(TemplateServiceTest, ApprovedCategoryCannotChangeButRejectedEditsAreUnlimited) {
  std::string id = CreateApproved(Simple("cat_locked"));
  auto s = Edit(id, {{"category", "MARKETING"}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidParameter);
  sim_->WithLock([&](Ctx& ctx) { EXPECT_TRUE(ForceStatus(ctx, id, "REJECTED", "INCORRECT_CATEGORY").ok()); });
  EXPECT_TRUE(Edit(id, {{"category", "MARKETING"}}).ok());
  sim_->WithLock([&](Ctx& ctx) { EXPECT_TRUE(ForceStatus(ctx, id, "REJECTED", "").ok()); });
  EXPECT_TRUE(Edit(id, {{"category", "MARKETING"}}).ok());  // same day: no limit for rejected
  EXPECT_EQ(Get(id).category, "MARKETING");
}

TEST_F(TemplateServiceTest, ForcedStatusCancelsPendingReviewAndCarriesMetaFields) {
  auto r = Create(Simple("forced"));
  ASSERT_TRUE(r.ok());
  sim_->WithLock([&](Ctx& ctx) { EXPECT_TRUE(ForceStatus(ctx, r->id, "PAUSED", "").ok()); });
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].value["event"], "PAUSED");
  EXPECT_EQ(events[0].value["other_info"]["title"], "FIRST_PAUSE");
  sim_->AdvanceBy(kMinute);
  EXPECT_EQ(StatusOf(Get(r->id)), "PAUSED");  // the stale review did not override it
  EXPECT_EQ(Events().size(), 1u);
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_TRUE(ForceStatus(ctx, r->id, "DISABLED", "").ok());
    EXPECT_FALSE(ForceStatus(ctx, r->id, "ARCHIVED", "").ok());
    EXPECT_FALSE(ForceStatus(ctx, r->id, "REJECTED", "BECAUSE").ok());
  });
  EXPECT_EQ(Events().back().value["disable_info"]["disable_date"], UnixSeconds(sim_->clock().Now()));
}

TEST_F(TemplateServiceTest, DeleteByNameRemovesAllLanguagesAndBlocksTheNameThirtyDays) {
  std::string en = CreateApproved(Simple("seasonal"));
  Json es = Simple("seasonal");
  es["language"] = "es";
  std::string es_id = CreateApproved(es);
  EXPECT_FALSE(Delete("").ok());
  EXPECT_FALSE(Delete("no_such_template").ok());
  ASSERT_TRUE(Delete("seasonal").ok());
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_EQ(ctx.state.templates.Contains(en), false);
    EXPECT_EQ(ctx.state.templates.Contains(es_id), false);
  });
  EXPECT_EQ(CreateError(Simple("seasonal")), ErrorCode::kTemplateAlreadyExists);
  sim_->AdvanceBy(30 * kDay);
  EXPECT_TRUE(Create(Simple("seasonal")).ok());
}

TEST_F(TemplateServiceTest, DeleteByIdKeepsOtherLanguagesAndDisabledCannotBeDeleted) {
  std::string en = CreateApproved(Simple("by_id"));
  Json es = Simple("by_id");
  es["language"] = "es";
  std::string es_id = CreateApproved(es);
  EXPECT_FALSE(Delete("other_name", en).ok());
  ASSERT_TRUE(Delete("by_id", en).ok());
  sim_->WithLock([&](Ctx& ctx) {
    EXPECT_EQ(ctx.state.templates.Contains(en), false);
    EXPECT_EQ(ctx.state.templates.Contains(es_id), true);
    EXPECT_TRUE(ForceStatus(ctx, es_id, "DISABLED", "").ok());
  });
  EXPECT_FALSE(Delete("by_id").ok());
}

TEST(DefinitionCheckTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePoints("h\xC3\xA9llo"), 5u);
  EXPECT_EQ(CodePoints("\xF0\x9F\x98\x83"), 1u);
}

}  // namespace
}  // namespace wasim::templates
