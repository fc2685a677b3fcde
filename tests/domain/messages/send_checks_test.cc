// Stateful send checks: media ids and reaction targets, on the virtual clock.
#include "simulator/domain/messages/send_checks.h"

#include <gtest/gtest.h>

#include <memory>

#include "simulator/domain/world/default_world.h"

namespace wasim::messages {
namespace {

using D = DefaultIds;

class SendChecksTest : public ::testing::Test {
 protected:
  SendChecksTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
  }

  void AddMedia(const std::string& id, const std::string& waba, bool inbound = false) {
    sim_->WithLock([&](Ctx& ctx) {
      MediaObject m;
      m.id = id;
      m.waba_id = waba;
      m.phone_number_id = D::kPhoneNumberId;
      m.inbound = inbound;
      m.uploaded_at = ctx.now();
      m.expires_at = ctx.now() + 30 * kDay;
      ctx.state.media.by_id[id] = m;
    });
  }

  void AddInbound(const std::string& wamid, const std::string& from, const std::string& type = "text") {
    sim_->WithLock([&](Ctx& ctx) {
      InboundMessage in;
      in.wamid = wamid;
      in.phone_number_id = D::kPhoneNumberId;
      in.from = from;
      in.type = type;
      in.at = ctx.now();
      ctx.state.inbound.Add(in);
    });
  }

  Status Media(const std::string& type, const Json& body) {
    return sim_->WithLock([&](Ctx& ctx) {
      return CheckMediaIds(ctx, *ctx.state.accounts.FindPhone(D::kPhoneNumberId), type, body.at(type));
    });
  }

  std::optional<GraphError> React(const std::string& target, const std::string& wa_id = D::kCustomerWaId) {
    Json reaction = {{"message_id", target}, {"emoji", "x"}};
    return sim_->WithLock(
        [&](Ctx& ctx) { return ReactionTargetFailure(ctx, D::kPhoneNumberId, wa_id, reaction); });
  }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
};

Json ImageBody(const std::string& id) { return Json{{"image", {{"id", id}}}}; }

TEST_F(SendChecksTest, MediaIdMustBeUploadedToThisWaba) {
  AddMedia("111", D::kWabaId);
  AddMedia("222", "other-waba");
  AddMedia("333", D::kWabaId, /*inbound=*/true);
  EXPECT_TRUE(Media("image", ImageBody("111")).ok());
  for (const char* bad : {"999", "222", "333"}) {
    auto s = Media("image", ImageBody(bad));
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidParameter);
    EXPECT_EQ(s.error().message,
              "(#100) Param image['id'] is not a valid whatsapp business account media attachment ID");
  }
}

TEST_F(SendChecksTest, MediaIdExpiresAfterThirtyDays) {
  AddMedia("111", D::kWabaId);
  clock_->Advance(30 * kDay - 1);
  EXPECT_TRUE(Media("image", ImageBody("111")).ok());
  clock_->Advance(1);
  EXPECT_FALSE(Media("image", ImageBody("111")).ok());
}

TEST_F(SendChecksTest, MediaIdsInInteractiveHeadersAndTemplateParametersAreChecked) {
  Json interactive = {
      {"interactive", {{"type", "button"}, {"header", {{"type", "video"}, {"video", {{"id", "404"}}}}}}}};
  auto s = Media("interactive", interactive);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details,
            "Param interactive['header']['video']['id'] is not a valid whatsapp business account media "
            "attachment ID");
  Json tpl = Json::parse(R"({"template":{"name":"t","language":{"code":"en"},"components":[
      {"type":"body","parameters":[]},
      {"type":"header","parameters":[{"type":"image","image":{"id":"404"}}]}]}})");
  s = Media("template", tpl);
  ASSERT_FALSE(s.ok());
  // Captured wording for a template header media id.
  EXPECT_EQ(
      s.error().details,
      "Param template['components'][1]['parameters'][0]['image']['id'] is not a valid whatsapp business "
      "account media attachment ID");
  EXPECT_TRUE(Media("image", Json{{"image", {{"link", "https://x.test/a.png"}}}}).ok());
}

TEST_F(SendChecksTest, MediaIdsInCarouselCardsAreChecked) {
  AddMedia("111", D::kWabaId);
  Json interactive = Json::parse(R"({"interactive":{"type":"carousel","body":{"text":"b"},"action":{"cards":[
      {"card_index":0,"type":"cta_url","header":{"type":"image","image":{"id":"111"}}},
      {"card_index":1,"type":"cta_url","header":{"type":"image","image":{"id":"404"}}}]}}})");
  auto s = Media("interactive", interactive);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(
      s.error().details,
      "Param interactive['action']['cards'][1]['header']['image']['id'] is not a valid whatsapp business "
      "account media attachment ID");
  Json tpl = Json::parse(R"({"template":{"name":"t","language":{"code":"en"},"components":[
      {"type":"carousel","cards":[
        {"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"111"}}]}]},
        {"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"404"}}]}]}]}]}})");
  s = Media("template", tpl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(
      s.error().details,
      "Param template['components'][0]['cards'][1]['components'][0]['parameters'][0]['image']['id'] is not a "
      "valid whatsapp business account media attachment ID");
  tpl["template"]["components"][0]["cards"][1]["components"][0]["parameters"][0]["image"]["id"] = "111";
  EXPECT_TRUE(Media("template", tpl).ok());
}

TEST_F(SendChecksTest, ReactionToAKnownMessageOfThisChatIsFine) {
  AddInbound("wamid.IN1", D::kCustomerWaId);
  EXPECT_FALSE(React("wamid.IN1").has_value());
}

TEST_F(SendChecksTest, ReactionTargetUnknownOrInAnotherChatFailsWith131009) {
  AddInbound("wamid.IN1", "447700900123");
  for (const char* target : {"wamid.NOPE", "wamid.IN1"}) {
    auto f = React(target);
    ASSERT_TRUE(f.has_value()) << target;
    EXPECT_EQ(f->code, ErrorCode::kParameterValueInvalid);
  }
}

TEST_F(SendChecksTest, ReactionToAReactionFails) {
  AddInbound("wamid.R1", D::kCustomerWaId, "reaction");
  auto f = React("wamid.R1");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->details, "The message to react to is itself a reaction.");
}

TEST_F(SendChecksTest, ReactionTargetMayBeAtMostThirtyDaysOld) {
  AddInbound("wamid.IN1", D::kCustomerWaId);
  clock_->Advance(30 * kDay);
  EXPECT_FALSE(React("wamid.IN1").has_value());
  clock_->Advance(1);
  auto f = React("wamid.IN1");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->details, "The message to react to is older than 30 days.");
}

TEST_F(SendChecksTest, ReactionToOurOwnOutboundMessageInTheChat) {
  sim_->WithLock([](Ctx& ctx) {
    OutboundMessage m;
    m.wamid = "wamid.OUT1";
    m.phone_number_id = D::kPhoneNumberId;
    m.wa_id = D::kCustomerWaId;
    m.type = "text";
    m.accepted_at = ctx.now();
    ctx.state.messages.Add(m);
  });
  EXPECT_FALSE(React("wamid.OUT1").has_value());
  EXPECT_TRUE(React("wamid.OUT1", "447700900123").has_value());
}

// The journal keeps what the customer reads: a template's body with its parameters filled in.
TEST_F(SendChecksTest, ATemplateSendCarriesItsHydratedBodyText) {
  auto checked = sim_->WithLock([&](Ctx& ctx) {
    Json payload = {{"name", "hello_world"}, {"language", {{"code", "en_US"}}}};
    return CheckSendState(ctx, *ctx.state.accounts.FindPhone(D::kPhoneNumberId), D::kCustomerWaId, "template",
                          payload);
  });
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->template_text.rfind("Welcome and congratulations!! This message demonstrates", 0), 0u);
  auto text = sim_->WithLock([&](Ctx& ctx) {
    return CheckSendState(ctx, *ctx.state.accounts.FindPhone(D::kPhoneNumberId), D::kCustomerWaId, "text",
                          Json{{"body", "hi"}});
  });
  ASSERT_TRUE(text);
  EXPECT_EQ(text->template_text, "");
}

}  // namespace
}  // namespace wasim::messages
