// The pre-lock decode of POST /{phone-number-id}/messages: the codec, the
// router's decoder rules, that the pipeline decodes while another thread holds
// the Simulator lock, and that state errors still win over body errors.
#include "simulator/http/messages_codec.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "tests/support/test_support.h"
#include "tests/support/world.h"

namespace wasim::testing {
namespace {

const std::string kCodecPath = std::string(D::kPhoneNumberId) + "/messages";
constexpr const char* kCodecBadText =
    R"({"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":5}})";

TEST(MessagesCodecTest, SendsAndMarkReadsDecodeToTheirRequests) {
  auto send = DecodeMessagesCall(
      Json::parse(R"({"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"}})"));
  auto* s = std::get_if<Result<messages::SendRequest>>(&send);
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->ok());
  EXPECT_EQ((*s)->type, "text");
  EXPECT_EQ((*s)->to, "16505551234");

  auto typing = DecodeMessagesCall(Json::parse(
      R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.X","typing_indicator":{"type":"text"}})"));
  auto* t = std::get_if<Result<messages::MarkReadRequest>>(&typing);
  ASSERT_NE(t, nullptr);
  ASSERT_TRUE(t->ok());
  EXPECT_EQ((*t)->message_id, "wamid.X");
  EXPECT_TRUE((*t)->typing_indicator);

  auto bad = DecodeMessagesCall(Json::parse(kCodecBadText));
  auto* b = std::get_if<Result<messages::SendRequest>>(&bad);
  ASSERT_NE(b, nullptr);
  ASSERT_FALSE(b->ok());
  EXPECT_EQ(b->error().message, "(#100) Param text['body'] must be a string.");
}

TEST(GraphRouterDecodeTest, TheMessagesRouteDecodesAndOneKindPerMethodAndEdgeMay) {
  GraphRouter r = GraphApiRouter();
  const GraphRoute* messages = r.DecodingRoute("POST", "messages");
  ASSERT_NE(messages, nullptr);
  EXPECT_EQ(messages, r.Find(NodeKind::kPhoneNumber, "POST", "messages"));
  EXPECT_EQ(r.DecodingRoute("GET", "messages"), nullptr);
  auto noop = [](Ctx&, GraphCall&) -> Result<GraphReply> { return SuccessReply(); };
  auto decode = [](const Json&) { return std::any(1); };
  // Re-adding the same route replaces it; another kind cannot decode the same edge.
  r.Add(NodeKind::kPhoneNumber, "POST", "messages", noop, decode);
  EXPECT_NE(r.DecodingRoute("POST", "messages"), nullptr);
  EXPECT_THROW(r.Add(NodeKind::kWaba, "POST", "messages", noop, decode), std::logic_error);
  r.Add(NodeKind::kWaba, "POST", "messages", noop);  // without a decoder: fine
  r.Add(NodeKind::kPhoneNumber, "POST", "messages", noop);
  EXPECT_EQ(r.DecodingRoute("POST", "messages"), nullptr);
}

HttpRequest CodecPost(const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v23.0/" + kCodecPath;
  r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
  r.headers.emplace("content-type", "application/json");
  r.body = body;
  return r;
}

// The messages route's own decoder, wrapped to say when it runs. A thread
// holds the Simulator lock until the decode has been seen (or 10 s pass): a
// decode moved back under the lock could not run before the lock is let go.
TEST(PipelineDecodeTest, TheSendBodyIsDecodedWhileAnotherThreadHoldsTheLock) {
  PipelineHarness h;  // for its simulator (manual clock, default world)
  GraphRouter routes = GraphApiRouter();
  GraphRoute real = *routes.Find(NodeKind::kPhoneNumber, "POST", "messages");
  ASSERT_TRUE(real.decode);
  std::promise<void> decoded;
  routes.Add(NodeKind::kPhoneNumber, "POST", "messages", real.handler,
             [inner = real.decode, &decoded](const Json& params) {
               decoded.set_value();
               return inner(params);
             });
  GraphPipeline pipeline(h.sim(), std::move(routes));

  std::promise<void> holding;
  std::future<void> seen = decoded.get_future();
  std::future_status status = std::future_status::timeout;
  std::thread holder([&] {
    h.sim().WithLock([&](Ctx&) {
      holding.set_value();
      status = seen.wait_for(std::chrono::seconds(10));
    });
  });
  holding.get_future().wait();
  HttpResponse resp;
  std::thread client([&] {
    resp =
        pipeline.Handle(CodecPost(R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                                  R"("template":{"name":"hello_world","language":{"code":"en_US"}}})"));
  });
  holder.join();
  client.join();
  EXPECT_EQ(status, std::future_status::ready) << "the decode waited for the Simulator lock";
  // The handler sent what was decoded.
  ASSERT_EQ(resp.status, 200) << resp.body;
  std::string wamid = ParseOrDie(resp.body)["messages"][0]["id"];
  h.sim().WithLock([&](Ctx& ctx) {
    const OutboundMessage* m = ctx.state.messages.Find(wamid);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->type, "template");
    EXPECT_EQ(m->payload["name"], "hello_world");
  });
}

class DecodePrecedenceTest : public ::testing::Test {
 protected:
  PipelineHarness h_;
};

TEST_F(DecodePrecedenceTest, AuthAndNodeErrorsWinOverABadBody) {
  EXPECT_GRAPH_ERROR(h_.Post(kCodecPath, kCodecBadText, "not-a-token"), ErrorCode::kAccessTokenInvalid);
  auto unknown = h_.Post("999999999/messages", kCodecBadText);
  EXPECT_GRAPH_ERROR(unknown, ErrorCode::kInvalidParameter);
  EXPECT_NE(ParseOrDie(unknown.body)["error"]["message"].get<std::string>().find("does not exist"),
            std::string::npos)
      << unknown.body;
  // Not JSON at all: still after auth.
  EXPECT_GRAPH_ERROR(h_.Post(kCodecPath, "{not json", "not-a-token"), ErrorCode::kAccessTokenInvalid);
}

TEST_F(DecodePrecedenceTest, SenderErrorsWinOverABadBody) {
  EditWorld(h_.sim(),
            WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.registered = false; }));
  EXPECT_GRAPH_ERROR(h_.Post(kCodecPath, kCodecBadText), ErrorCode::kNotRegistered);
  EXPECT_GRAPH_ERROR(h_.Post(kCodecPath, R"({"status":"read"})"), ErrorCode::kNotRegistered);
  EditWorld(h_.sim(), WorldBuilder().EditPhone(D::kPhoneNumberId, [](PhoneNumber& p) { p.deleted = true; }));
  EXPECT_GRAPH_ERROR(h_.Post(kCodecPath, kCodecBadText), ErrorCode::kPhoneNumberDeleted);
}

TEST_F(DecodePrecedenceTest, AnUnknownMessageIdWinsOverABadTypingIndicator) {
  auto r = h_.Post(kCodecPath, R"({"messaging_product":"whatsapp","status":"read","message_id":"wamid.NOPE",)"
                               R"("typing_indicator":{"type":5}})");
  EXPECT_GRAPH_ERROR(r, ErrorCode::kInvalidParameter);
  EXPECT_NE(r.body.find("Invalid message_id"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace wasim::testing
