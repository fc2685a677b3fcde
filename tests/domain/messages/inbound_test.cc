// messages::ReceiveInbound: each inbound type's published content, the 24 h
// window / referral bookkeeping, Meta's edit (15 min) and revoke (2 days)
// windows, inbound media, and errors that change nothing.
#include "simulator/domain/messages/inbound.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "simulator/core/hmac.h"
#include "simulator/core/ids.h"
#include "simulator/domain/customers/service.h"
#include "simulator/domain/messages/inbound_content.h"
#include "simulator/domain/world/default_world.h"
#include "tests/support/fact_tap.h"

namespace wasim::messages {
namespace {

using D = DefaultIds;

// A media object's bytes, which live in the blob store ("" when absent).
std::string BytesOf(const Ctx& ctx, const MediaObject& m) {
  Blob b = ctx.blobs.Get(m.sha256);
  return b ? *b : std::string();
}

class InboundTest : public ::testing::Test {
 protected:
  InboundTest() : clock_(std::make_shared<ManualClock>(kDefaultManualStart)) {
    Simulator::Options o;
    o.clock = clock_;
    o.world = DefaultWorld();
    sim_ = std::make_unique<Simulator>(std::move(o));
    tap_.emplace(*sim_);
  }
  // The InboundReceived facts recorded since the fixture was made, with their time.
  std::vector<wasim::testing::Timed<InboundReceived>> Events() { return tap_->TimedOf<InboundReceived>(); }
  Result<InboundResult> Receive(Json body) {
    if (!body.contains("from")) body["from"] = D::kCustomerWaId;
    if (!body.contains("phone_number_id")) body["phone_number_id"] = D::kPhoneNumberId;
    return sim_->WithLock([&](Ctx& ctx) { return ReceiveInbound(ctx, body); });
  }
  Result<InboundResult> Receive(const char* json) { return Receive(Json::parse(json)); }
  std::string Text(const std::string& body = "hi") {
    auto r = Receive(Json{{"type", "text"}, {"text", {{"body", body}}}});
    EXPECT_TRUE(r) << (r ? "" : r.error().details);
    return r ? r->wamid : "";
  }
  size_t InboundCount() {
    return sim_->WithLock([](Ctx& ctx) { return ctx.state.inbound.order().size(); });
  }
  std::optional<CustomerRelation> Rel(const std::string& wa_id = D::kCustomerWaId) {
    return sim_->WithLock([&](Ctx& ctx) -> std::optional<CustomerRelation> {
      auto* r = ctx.state.customers.FindRelation(D::kPhoneNumberId, wa_id);
      return r ? std::optional<CustomerRelation>(*r) : std::nullopt;
    });
  }
  // A change-nothing failure: error returned, no message, no event, no window.
  void ExpectRejected(const Json& body, const std::string& needle) {
    size_t before = InboundCount(), events = Events().size();
    auto r = Receive(body);
    ASSERT_FALSE(r) << body.dump();
    EXPECT_NE(r.error().details.find(needle), std::string::npos) << r.error().details;
    EXPECT_EQ(InboundCount(), before);
    EXPECT_EQ(Events().size(), events);
  }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Simulator> sim_;
  std::optional<wasim::testing::FactTap> tap_;
};

TEST_F(InboundTest, TextFromUnknownUserCreatesCustomerRecordsAndOpensTheWindow) {
  clock_->Advance(kHour);
  auto r = Receive(R"({"from":"5511987654321","type":"text","text":{"body":"oi"},"profile_name":"João"})");
  ASSERT_TRUE(r) << r.error().details;
  std::string user;
  bool business = true;
  ASSERT_TRUE(DecodeWamid(r->wamid, &user, &business));
  EXPECT_EQ(user, "5511987654321");
  EXPECT_FALSE(business);  // user-sent wamid
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  const InboundReceived& e = events[0].fact;
  EXPECT_EQ(e.wamid, r->wamid);
  EXPECT_EQ(e.waba_id, D::kWabaId);
  EXPECT_EQ(e.from, "5511987654321");
  EXPECT_EQ(e.profile_name, "João");
  EXPECT_EQ(e.type, "text");
  EXPECT_EQ(e.content, Json::parse(R"({"body":"oi"})"));
  EXPECT_TRUE(e.context.is_null());
  EXPECT_TRUE(e.referral.is_null());
  EXPECT_EQ(events[0].at, kDefaultManualStart + kHour);
  auto rel = Rel("5511987654321");
  ASSERT_TRUE(rel);
  EXPECT_EQ(rel->last_inbound_at, kDefaultManualStart + kHour);
  EXPECT_FALSE(rel->last_referral_at);
  EXPECT_EQ(InboundCount(), 1u);
}

TEST_F(InboundTest, ReferralSetsTheEntryPointAndIsPublishedInMetasOrder) {
  auto r = Receive(R"({"type":"text","text":{"body":"info?"},"referral":{"ctwa_clid":"Aff","headline":"Chat",
      "source_type":"ad","source_id":"120226305854810726","source_url":"https://fb.me/3cr4Wqqkv",
      "welcome_message":{"text":"Hi!"}}})");
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(
      Events().at(0).fact.referral.dump(),
      R"({"source_url":"https://fb.me/3cr4Wqqkv","source_id":"120226305854810726","source_type":"ad","headline":"Chat","ctwa_clid":"Aff","welcome_message":{"text":"Hi!"}})");
  EXPECT_EQ(Rel()->last_referral_at, kDefaultManualStart);
  ExpectRejected(Json::parse(R"({"type":"text","text":{"body":"x"},"referral":{"source_type":"ad"}})"),
                 "source_url");
  ExpectRejected(Json::parse(R"({"type":"reaction","reaction":{"message_id":"x","emoji":"👍"},
      "referral":{"source_url":"u","source_id":"1","source_type":"ad"}})"),
                 "referral");
}

TEST_F(InboundTest, MediaIsStoredAsInboundMediaWithBase64DigestInTheEvent) {
  std::string bytes = "\xFF\xD8\xFF\xE0 fake jpeg";
  Json body = {{"type", "image"},
               {"image", {{"mime_type", "image/jpeg"}, {"caption", "Taj"}, {"data", Base64Encode(bytes)}}}};
  auto r = Receive(body);
  ASSERT_TRUE(r) << r.error().details;
  ASSERT_FALSE(r->media_id.empty());
  std::string hex = Sha256Hex(bytes);
  sim_->WithLock([&](Ctx& ctx) {
    const MediaObject& m = ctx.state.media.by_id.at(r->media_id);
    EXPECT_TRUE(m.inbound);
    EXPECT_EQ(BytesOf(ctx, m), bytes);
    EXPECT_EQ(m.mime_type, "image/jpeg");
    EXPECT_EQ(m.sha256, hex);
    EXPECT_EQ(m.phone_number_id, D::kPhoneNumberId);
    EXPECT_EQ(m.expires_at, kDefaultManualStart + 7 * kDay);  // Meta: inbound media 7 days
  });
  const Json c = Events().at(0).fact.content;
  EXPECT_EQ(c["caption"], "Taj");
  EXPECT_EQ(c["mime_type"], "image/jpeg");
  EXPECT_EQ(c["id"], r->media_id);
  std::string digest;
  ASSERT_TRUE(Base64Decode(c["sha256"].get<std::string>(), &digest));
  EXPECT_EQ(digest.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(digest[0]), std::stoi(hex.substr(0, 2), nullptr, 16));
}

TEST_F(InboundTest, MediaWithoutDataGetsGeneratedBytesAndTypeChecks) {
  auto r = Receive(R"({"type":"document","document":{"mime_type":"application/pdf","filename":"a.pdf"}})");
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(Events().at(0).fact.content["filename"], "a.pdf");
  sim_->WithLock(
      [&](Ctx& ctx) { EXPECT_FALSE(BytesOf(ctx, ctx.state.media.by_id.at(r->media_id)).empty()); });
  ExpectRejected(Json::parse(R"({"type":"sticker","sticker":{"mime_type":"image/png"}})"), "image/webp");
  ExpectRejected(Json::parse(R"({"type":"audio","audio":{"mime_type":"audio/ogg","caption":"x"}})"),
                 "caption");
  ExpectRejected(Json::parse(R"({"type":"image","image":{"mime_type":"image/jpeg","data":"***"}})"),
                 "base64");
  ExpectRejected(Json::parse(R"({"type":"video","video":{}})"), "mime_type");
}

// Replies to the interactive types wasim now sends: the call permission reply
// (calling/user-call-permissions.mdx), an address message's nfm_reply
// (messages/address-messages.mdx) and a location shared for a location request.
TEST_F(InboundTest, RepliesToCallPermissionAddressAndLocationRequests) {
  std::string outbound = sim_->WithLock([](Ctx& ctx) {
    OutboundMessage m;
    m.wamid = ctx.ids.Wamid(D::kCustomerWaId, true);
    m.phone_number_id = D::kPhoneNumberId;
    m.wa_id = D::kCustomerWaId;
    return ctx.state.messages.Add(m).wamid;
  });
  Json reply = Json::parse(R"({"response":"accept","is_permanent":false,"expiration_timestamp":1745343479,
                               "response_source":"user_action"})");
  auto r =
      Receive(Json{{"type", "interactive"},
                   {"interactive", {{"type", "call_permission_reply"}, {"call_permission_reply", reply}}},
                   {"context", {{"id", outbound}}}});
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(Events().back().fact.content,
            (Json{{"type", "call_permission_reply"}, {"call_permission_reply", reply}}));
  EXPECT_EQ(Events().back().fact.context, (Json{{"from", D::kDisplayPhoneNumber}, {"id", outbound}}));
  ExpectRejected(Json::parse(R"({"type":"interactive","interactive":{"type":"call_permission_reply",
                                 "call_permission_reply":{"response":"maybe"}}})"),
                 "accept or reject");
  ExpectRejected(Json::parse(R"({"type":"interactive","interactive":{"type":"call_permission_reply",
                                 "call_permission_reply":{"response":"accept","is_permanent":"no"}}})"),
                 "is_permanent");
  auto address = Receive(Json::parse(R"({"type":"interactive","interactive":{"type":"nfm_reply","nfm_reply":{
      "name":"address_message","response_json":"{\"saved_address_id\":\"address1\",\"values\":{\"in_pin_code\":\"400063\"}}",
      "body":"1st floor, Mumbai 400063"}}})"));
  ASSERT_TRUE(address) << address.error().details;
  EXPECT_EQ(Events().back().fact.content["nfm_reply"]["name"], "address_message");
  auto shared = Receive(Json{{"type", "location"},
                             {"location", {{"latitude", 40.782910059774}, {"longitude", -73.959075808525}}},
                             {"context", {{"id", outbound}}}});
  ASSERT_TRUE(shared) << shared.error().details;
  EXPECT_EQ(Events().back().fact.type, "location");
}

TEST_F(InboundTest, ContextResolvesTheRepliedMessagesAuthor) {
  std::string first = Text("first");
  auto r = Receive(Json{{"type", "text"}, {"text", {{"body", "again"}}}, {"context", {{"id", first}}}});
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(Events().back().fact.context, (Json{{"from", D::kCustomerWaId}, {"id", first}}));
  std::string outbound = sim_->WithLock([](Ctx& ctx) {
    OutboundMessage m;
    m.wamid = ctx.ids.Wamid(D::kCustomerWaId, true);
    m.phone_number_id = D::kPhoneNumberId;
    m.wa_id = D::kCustomerWaId;
    return ctx.state.messages.Add(m).wamid;
  });
  r = Receive(Json{{"type", "button"},
                   {"button", {{"payload", "YES"}, {"text", "Yes"}}},
                   {"context", {{"id", outbound}}}});
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(Events().back().fact.context, (Json{{"from", D::kDisplayPhoneNumber}, {"id", outbound}}));
  ExpectRejected(Json{{"type", "text"}, {"text", {{"body", "x"}}}, {"context", {{"id", "wamid.nope"}}}},
                 "context.id");
}

TEST_F(InboundTest, EditWithinFifteenMinutesOnly) {
  std::string orig = Text("helo");
  clock_->Advance(15 * kMinute);
  Json edit = {
      {"type", "edit"},
      {"edit",
       {{"original_message_id", orig}, {"message", {{"type", "text"}, {"text", {{"body", "hello"}}}}}}}};
  auto r = Receive(edit);
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(Events().back().fact.content["message"]["text"]["body"], "hello");
  std::string late = Text("second");
  clock_->Advance(15 * kMinute + 1);
  edit["edit"]["original_message_id"] = late;
  ExpectRejected(edit, "15 minutes");
  edit["edit"]["original_message_id"] = Text("third");
  edit["edit"]["message"] = {{"type", "image"}, {"image", {{"caption", "x"}}}};
  ExpectRejected(edit, "must match the original");
}

TEST_F(InboundTest, RevokeWithinTwoDaysOnlyAndOnce) {
  std::string a = Text("a");
  clock_->Advance(2 * kDay);
  Json revoke = {{"type", "revoke"}, {"revoke", {{"original_message_id", a}}}};
  ASSERT_TRUE(Receive(revoke));
  EXPECT_EQ(Events().back().fact.content, (Json{{"original_message_id", a}}));
  ExpectRejected(revoke, "already deleted");
  std::string b = Text("b");
  clock_->Advance(2 * kDay + 1);
  revoke["revoke"]["original_message_id"] = b;
  ExpectRejected(revoke, "2 days");
  ExpectRejected(Json{{"type", "revoke"}, {"revoke", {{"original_message_id", "wamid.unknown"}}}},
                 "original_message_id");
}

TEST_F(InboundTest, UnsupportedCarries131051) {
  ASSERT_TRUE(Receive(R"({"type":"unsupported","unsupported":{"type":"poll"}})"));
  ASSERT_TRUE(Events().back().fact.error);
  EXPECT_EQ(Events().back().fact.error->code, ErrorCode::kUnsupportedMessageType);
  EXPECT_EQ(Events().back().fact.content, (Json{{"type", "poll"}}));
}

TEST_F(InboundTest, ReactionMustTargetThisConversation) {
  std::string mine = Text();
  ASSERT_TRUE(Receive(Json{{"type", "reaction"}, {"reaction", {{"message_id", mine}, {"emoji", "👍"}}}}));
  EXPECT_EQ(Events().back().fact.content, (Json{{"message_id", mine}, {"emoji", "👍"}}));
  ASSERT_TRUE(Receive(Json{{"type", "reaction"}, {"reaction", {{"message_id", mine}, {"emoji", ""}}}}));
  EXPECT_EQ(Events().back().fact.content, (Json{{"message_id", mine}}));  // removal
  ExpectRejected(Json{{"from", "16505550000"},
                      {"type", "reaction"},
                      {"reaction", {{"message_id", mine}, {"emoji", "👍"}}}},
                 "not a message");
}

TEST_F(InboundTest, BadRequestsChangeNothing) {
  ExpectRejected(Json{{"type", "text"}, {"text", {{"body", ""}}}}, "text.body");
  ExpectRejected(Json{{"type", "poll"}}, "not an inbound type");
  ExpectRejected(Json{{"from", "+1650"}, {"type", "text"}, {"text", {{"body", "x"}}}}, "from");
  ExpectRejected(Json{{"type", "location"}, {"location", {{"latitude", 91}, {"longitude", 0}}}}, "latitude");
  ExpectRejected(Json{{"type", "contacts"}, {"contacts", Json::array()}}, "contacts");
  ExpectRejected(Json{{"type", "interactive"},
                      {"interactive", {{"type", "button_reply"}, {"button_reply", {{"id", "a"}}}}}},
                 "title");
  Json unknown_phone = {{"phone_number_id", "1"}, {"type", "text"}, {"text", {{"body", "x"}}}};
  auto r = Receive(unknown_phone);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 404);
  EXPECT_FALSE(Rel());
}

TEST_F(InboundTest, UsersWhoCannotWriteAreRejected) {
  sim_->WithLock([](Ctx& ctx) {
    ASSERT_TRUE(customers::SetState(ctx, D::kCustomerWaId, CustomerState::kNotOnWhatsApp));
  });
  ExpectRejected(Json{{"type", "text"}, {"text", {{"body", "x"}}}}, "not_on_whatsapp");
  sim_->WithLock([](Ctx& ctx) {
    ASSERT_TRUE(customers::SetState(ctx, D::kCustomerWaId, CustomerState::kOnline));
    ASSERT_TRUE(customers::SetRelation(ctx, D::kCustomerWaId, D::kPhoneNumberId, true, {}));
  });
  ExpectRejected(Json{{"type", "text"}, {"text", {{"body", "x"}}}}, "blocked");
}

// The admin API decodes and hashes `data` before it takes the lock: the
// message then stores those very bytes (no second decode or copy).
TEST_F(InboundTest, MediaDataPreparedBeforeTheLockIsStoredAsIs) {
  std::string bytes(4096, '\x7f');
  Json body = {{"from", D::kCustomerWaId},
               {"phone_number_id", D::kPhoneNumberId},
               {"type", "document"},
               {"document", {{"mime_type", "application/pdf"}, {"data", Base64Encode(bytes)}}}};
  std::optional<PreparedBlob> data = PrepareInboundData(body);
  ASSERT_TRUE(data);
  EXPECT_EQ(data->sha256, Sha256Hex(bytes));
  auto r = sim_->WithLock([&](Ctx& ctx) { return ReceiveInbound(ctx, body, &*data); });
  ASSERT_TRUE(r) << r.error().details;
  EXPECT_EQ(sim_->blobs().Get(Sha256Hex(bytes)), data->bytes);  // the same buffer
  EXPECT_EQ(Events().at(0).fact.content["id"], r->media_id);
}

TEST_F(InboundTest, RefusedMediaMessagesLeaveNoBytesBehind) {
  Json body = {{"from", D::kCustomerWaId},
               {"phone_number_id", D::kPhoneNumberId},
               {"type", "image"},
               {"image", {{"mime_type", "image/jpeg"}, {"data", Base64Encode("jpeg")}}},
               {"context", {{"id", "wamid.unknown"}}}};
  std::optional<PreparedBlob> data = PrepareInboundData(body);
  ASSERT_TRUE(data);
  EXPECT_FALSE(sim_->WithLock([&](Ctx& ctx) { return ReceiveInbound(ctx, body, &*data); }));
  EXPECT_FALSE(Receive(body));  // and without the prepared bytes
  EXPECT_EQ(sim_->blobs().size(), 0u);
  // Malformed data is left to the checks under the lock, which report it as before.
  EXPECT_FALSE(PrepareInboundData(Json::parse(R"({"type":"image","image":{"data":"***"}})")));
  EXPECT_FALSE(PrepareInboundData(Json::parse(R"({"type":"text","text":{"data":"aGk="}})")));
  EXPECT_FALSE(PrepareInboundData(Json::parse(R"({"type":"image","image":{"data":7}})")));
}

}  // namespace
}  // namespace wasim::messages
