// The complete state (persist/complete_state.h): a rich world exported,
// imported into a fresh instance and exported again gives the same document,
// and both instances then behave the same (same webhooks, same facts, same
// state) when driven the same way. Bad documents change nothing.
#include "simulator/persist/complete_state.h"

#include <gtest/gtest.h>

#include "simulator/app/builder.h"
#include "simulator/app/wiring.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/persist/instance_state.h"
#include "tests/support/test_support.h"
#include "tests/webhooks/fake_sender.h"

namespace wasim {
namespace {

using D = DefaultIds;
using webhooks::testing::FakeSender;

constexpr const char* kCoexPhone = "106540352249999";
constexpr const char* kOtherCustomer = "16505550001";
constexpr const char* kThirdCustomer = "16505550002";
constexpr const char* kFourthCustomer = "16505550003";

WorldBuilder CompleteStateWorld() {
  WorldBuilder w = DefaultWorld();
  w.EditApp(D::kAppId, [](App& a) {
    a.callback_url = "http://receiver.test/hook";
    a.subscribed_fields = {"messages",
                           "message_template_status_update",
                           "phone_number_name_update",
                           "account_update",
                           "history",
                           "smb_app_state_sync"};
  });
  // Rules counters near a limit: one unique user reached (outside the window) of two.
  w.EditBusiness(D::kBusinessId, [](Business& b) { b.messaging_limit = 2; });
  PhoneNumber p;
  p.id = kCoexPhone;
  p.waba_id = D::kWabaId;
  p.display_phone_number = "15550009999";
  p.verified_name = "Lucky Shrub";
  p.mode = NumberMode::kCoexistence;
  p.onboarded_at = kDefaultManualStart;
  p.business_app.contacts = {{"16505551234", "Pablo Morales", "Pablo"}};
  p.business_app.threads = {
      {"16505551234",
       {{3 * kHour, false, "text", "In stock?", "READ"}, {2 * kHour, true, "text", "Yes", "DELIVERED"}}}};
  w.Add(p);
  return w;
}

struct CompleteStateRig {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kDefaultManualStart);
  std::shared_ptr<FakeSender> sender = std::make_shared<FakeSender>();
  std::unique_ptr<Instance> instance;

  explicit CompleteStateRig(WorldBuilder world = CompleteStateWorld()) {
    instance = SimulatorBuilder().Seed(7).Clock(clock).WebhookSender(sender).World(std::move(world)).Build();
  }
  HttpResponse Graph(const std::string& method, const std::string& path, const std::string& body) {
    HttpRequest r;
    r.method = method;
    r.path = "/v23.0/" + path;
    r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
    r.headers.emplace("content-type", "application/json");
    r.headers.emplace("host", "wasim.test:8080");
    r.body = body;
    HttpResponse resp = instance->pipeline().Handle(r);
    instance->sim().SettleNow();
    return resp;
  }
  HttpResponse Upload(const std::string& bytes) {
    HttpRequest r;
    r.method = "POST";
    r.path = std::string("/v23.0/") + D::kPhoneNumberId + "/media";
    r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
    r.headers.emplace("content-type", "multipart/form-data; boundary=xyz");
    r.headers.emplace("host", "wasim.test:8080");
    r.parts = {{"messaging_product", "", "", "whatsapp"}, {"file", "photo.jpg", "image/jpeg", bytes}};
    return instance->pipeline().Handle(r);
  }
  HttpResponse Admin(const std::string& method, const std::string& path, const std::string& body) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    HttpResponse resp = *instance->admin().Handle(r);
    instance->sim().SettleNow();
    return resp;
  }
  HttpResponse SendText(const std::string& to, const std::string& text) {
    return Graph("POST", std::string(D::kPhoneNumberId) + "/messages",
                 R"({"messaging_product":"whatsapp","to":")" + to + R"(","type":"text","text":{"body":")" +
                     text + R"("}})");
  }
  HttpResponse SendTemplate(const std::string& to) {
    return Graph("POST", std::string(D::kPhoneNumberId) + "/messages",
                 R"({"messaging_product":"whatsapp","to":")" + to +
                     R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  }
  Json Export() { return persist::ExportCompleteState(*instance); }
};

// What both instances are asked to do after the import: sends (one faulted,
// one over the messaging limit), a reply, and time passing over every
// pending status, review, sync piece and webhook retry.
void CompleteStateDrive(CompleteStateRig& rig) {
  rig.sender->Respond([](const webhooks::OutboundRequest&) { return webhooks::testing::Status(200); });
  EXPECT_NE(rig.SendText(D::kCustomerWaId, "faulted").status, 200);  // the fault rule's second match
  EXPECT_EQ(rig.SendText(D::kCustomerWaId, "after import").status, 200);
  EXPECT_EQ(rig.SendTemplate(kThirdCustomer).status, 200);  // a second user reached: the limit
  rig.SendTemplate(kFourthCustomer);                        // a third: over the limit
  rig.Admin("POST", "/_sim/inbound",
            Json{{"from", D::kCustomerWaId},
                 {"phone_number_id", D::kPhoneNumberId},
                 {"type", "text"},
                 {"text", {{"body", "thanks"}}}}
                .dump());
  rig.instance->sim().AdvanceBy(2 * kDay);
}

std::vector<std::string> CompleteStateCalls(FakeSender& sender, size_t from) {
  std::vector<std::string> out;
  auto calls = sender.calls();
  for (size_t i = from; i < calls.size(); ++i)
    out.push_back(calls[i].url + " " + webhooks::testing::Header(calls[i], "X-Hub-Signature-256") + " " +
                  calls[i].body);
  return out;
}

class CompleteStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CompleteStateRig& a = source_;
    // Webhooks fail for now: deliveries wait on the timeline with retries.
    a.sender->Respond([](const webhooks::OutboundRequest&) { return webhooks::testing::Status(500); });
    ASSERT_EQ(a.Admin("POST", "/_sim/inbound",
                      Json{{"from", D::kCustomerWaId},
                           {"phone_number_id", D::kPhoneNumberId},
                           {"type", "text"},
                           {"text", {{"body", "hi"}}}}
                          .dump())
                  .status,
              200);
    ASSERT_EQ(a.SendText(D::kCustomerWaId, "hello").status, 200);
    ASSERT_EQ(a.SendTemplate(kOtherCustomer).status, 200);
    a.instance->sim().AdvanceBy(1500);  // the first is sent, its delivery is pending
    ASSERT_EQ(a.SendText(D::kCustomerWaId, "second").status, 200);
    auto tmpl = a.Graph("POST", std::string(D::kWabaId) + "/message_templates",
                        R"({"name":"spring_sale","language":"en_US","category":"MARKETING",
                            "components":[{"type":"BODY","text":"Spring sale this weekend."}]})");
    ASSERT_EQ(tmpl.status, 200) << tmpl.body;
    auto name = a.Graph("POST", D::kPhoneNumberId, R"({"new_display_name":"Lucky Shrub Plants"})");
    ASSERT_EQ(name.status, 200) << name.body;
    auto sync = a.Graph("POST", std::string(kCoexPhone) + "/smb_app_data",
                        R"({"messaging_product":"whatsapp","sync_type":"history"})");
    ASSERT_EQ(sync.status, 200) << sync.body;
    auto media = a.Upload(std::string("\xff\xd8\xff\x00 jpeg bytes", 16));
    ASSERT_EQ(media.status, 200) << media.body;
    media_id_ = testing::ParseOrDie(media.body)["id"];
    auto fault = a.Admin("POST", "/_sim/faults",
                         R"({"match":{"method":"POST","path":"/v*/*/messages"},"times":1,"every":2,
                             "error":{"code":131000}})");
    ASSERT_EQ(fault.status, 200) << fault.body;
    ASSERT_EQ(a.SendTemplate(kOtherCustomer).status, 200);  // the rule's first match: not faulted
    a.instance->sim().AdvanceBy(700);
  }

  CompleteStateRig source_;
  std::string media_id_;
};

TEST_F(CompleteStateTest, ExportImportExportIsTheSameDocument) {
  Json doc = source_.Export();
  EXPECT_EQ(doc["format"], "wasim-state");
  EXPECT_EQ(doc["version"], 1);
  // The world is rich where it should be.
  EXPECT_GE(doc["messages"]["outbound"].size(), 4u);
  EXPECT_EQ(doc["messages"]["inbound"].size(), 1u);
  EXPECT_FALSE(doc["webhooks"]["deliveries"].empty());
  EXPECT_EQ(doc["faults"]["rules"].size(), 1u);
  EXPECT_EQ(doc["media"]["blobs"].size(), 1u);
  std::set<std::string> kinds;
  for (const auto& e : doc["timeline"]["pending"]) kinds.insert(e["kind"].get<std::string>());
  for (const char* k : {"status_due", "webhook_attempt_due", "lifecycle_due", "business_app_sync_due"})
    EXPECT_TRUE(kinds.count(k)) << k << " not pending in " << doc["timeline"].dump();

  CompleteStateRig copy(DefaultWorld());  // another world: the import replaces it
  ASSERT_EQ(persist::ImportCompleteState(*copy.instance, doc), std::nullopt);
  EXPECT_EQ(copy.clock->Now(), source_.clock->Now());
  EXPECT_EQ(copy.Export(), doc);
  // The media bytes came along.
  EXPECT_EQ(copy.instance->sim().blobs().total_bytes(), 16u);
}

TEST_F(CompleteStateTest, BothInstancesContinueTheSameWay) {
  Json doc = source_.Export();
  CompleteStateRig copy(DefaultWorld());
  ASSERT_EQ(persist::ImportCompleteState(*copy.instance, doc), std::nullopt);
  size_t source_before = source_.sender->calls().size();
  CompleteStateDrive(source_);
  CompleteStateDrive(copy);
  auto from_source = CompleteStateCalls(*source_.sender, source_before);
  auto from_copy = CompleteStateCalls(*copy.sender, 0);
  // Retries of the failed deliveries, statuses, the template and name
  // decisions, the history pieces, the reply: the same bytes, signatures and order.
  EXPECT_GT(from_copy.size(), 8u);
  EXPECT_EQ(from_copy, from_source);
  Json a = source_.Export();
  Json b = copy.Export();
  // Attempt latencies are real time (the fake answers at once, but a clock tick may pass).
  for (Json* d : {&a, &b})
    for (auto& del : (*d)["webhooks"]["deliveries"])
      for (auto& att : del["attempts"]) att.erase("latency_ms");
  EXPECT_EQ(a, b);
  std::set<std::string> facts;
  for (const auto& f : b["facts"]["retained"]) facts.insert(f["type"].get<std::string>());
  for (const char* t : {"template_status_changed", "phone_name_decided", "business_app_history_synced",
                        "status_changed", "api_call"})
    EXPECT_TRUE(facts.count(t)) << t;
}

// A bad document changes nothing, and says where it is bad.
TEST_F(CompleteStateTest, BadDocumentsChangeNothing) {
  Json good = source_.Export();
  CompleteStateRig target;
  ASSERT_EQ(target.SendText(D::kCustomerWaId, "before").status, 200);
  Json before = target.Export();

  auto refuse = [&](Json doc, const std::string& expected_in_error) {
    auto problem = persist::ImportCompleteState(*target.instance, doc);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find(expected_in_error), std::string::npos) << *problem;
    EXPECT_EQ(target.Export(), before) << "changed by: " << *problem;
  };
  Json wrong_format = good;
  wrong_format["format"] = "something-else";
  refuse(wrong_format, "at $.format");
  Json newer = good;
  newer["version"] = 2;
  refuse(newer, "at $.version: version 2");
  Json deep = good;
  deep["messages"]["outbound"][1]["statuses"][0]["status"] = "teleported";
  refuse(deep, "at $.messages.outbound[1].statuses[0].status: expected one of accepted");
  Json wrong_type = good;
  wrong_type["world"]["accounts"]["wabas"][D::kWabaId]["locked"] = "no";
  refuse(wrong_type,
         std::string("at $.world.accounts.wabas[\"") + D::kWabaId + "\"].locked: expected a boolean");
  Json bad_blob = good;
  for (auto& [sha, b64] : bad_blob["media"]["blobs"].items()) b64 = Base64Encode("other bytes");
  refuse(bad_blob, "not to their key");
  Json bad_record = good;
  bad_record["timeline"]["pending"][0]["kind"] = "no_such_kind";
  refuse(bad_record, "at $.timeline.pending[0]");
  ASSERT_FALSE(good["faults"]["rules"].empty());
  Json zero_every = good;  // POST /_sim/faults refuses it; 0 would divide by zero at the next match
  zero_every["faults"]["rules"][0]["every"] = 0;
  refuse(zero_every, "at $.faults.rules[0]: expected a valid fault rule");
  Json endless_latency = good;
  endless_latency["faults"]["rules"][0]["action"]["latency_ms"] = 3'600'000;
  refuse(endless_latency, "at $.faults.rules[0]: expected a valid fault rule");
  Json missing = good;
  missing.erase("facts");
  refuse(missing, "at $.facts: is missing");
  refuse(Json::array(), "at $: expected an object");
}

// A manual clock may be set back by an import (and only by an import).
TEST_F(CompleteStateTest, AnImportSetsTheClockBackToTheDocumentsTime) {
  Json doc = source_.Export();
  TimeMs then = source_.clock->Now();
  source_.instance->sim().AdvanceBy(5 * kDay);
  ASSERT_EQ(persist::ImportCompleteState(*source_.instance, doc), std::nullopt);
  EXPECT_EQ(source_.clock->Now(), then);
  EXPECT_EQ(source_.Export(), doc);
}

TEST(CompleteStateClockTest, ARealtimeClockContinuesFromTheDocumentsTime) {
  TimeMs wall = 1'000'000;
  RealtimeClock clock([&] { return wall; }, kDefaultManualStart);
  clock.RestoreTo(kDefaultManualStart - kDay);
  EXPECT_EQ(clock.Now(), kDefaultManualStart - kDay);
  wall += 1500;
  EXPECT_EQ(clock.Now(), kDefaultManualStart - kDay + 1500);
}

}  // namespace
}  // namespace wasim
