// Helpers shared by the rules_*_test.cc end-to-end tests (Meta's messaging
// rules over real HTTP on a manual clock, with a real webhook receiver).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "simulator/webhooks/signature.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"
#include "tests/support/world.h"

namespace wasim::testing::rules_e2e {

inline std::string MessagesPath() { return std::string(D::kPhoneNumberId) + "/messages"; }

inline httplib::Result SendText(LoopbackServer& s, const std::string& to) {
  return s.PostGraph(MessagesPath(), R"({"messaging_product":"whatsapp","to":")" + to +
                                         R"(","type":"text","text":{"body":"hi"}})");
}

inline httplib::Result SendTemplate(LoopbackServer& s, const std::string& to,
                                    const std::string& name = "hello_world") {
  return s.PostGraph(MessagesPath(), R"({"messaging_product":"whatsapp","to":")" + to +
                                         R"(","type":"template","template":{"name":")" + name +
                                         R"(","language":{"code":"en_US"}}})");
}

// The wamid of a 200 send response ("" otherwise).
inline std::string WamidOf(const httplib::Result& r) {
  if (!r || r->status != 200) return "";
  Json j = Json::parse(r->body, nullptr, false);
  return j.is_discarded() ? "" : j["messages"][0]["id"].get<std::string>();
}

// The journal entry of `wamid` from GET /_sim/messages (null when absent).
inline Json JournalEntry(LoopbackServer& s, const std::string& wamid) {
  auto r = s.client().Get("/_sim/messages");
  if (!r) return nullptr;
  Json j = Json::parse(r->body, nullptr, false);
  if (j.is_discarded()) return nullptr;
  for (const auto& m : j["data"])
    if (m["id"] == wamid) return m;
  return nullptr;
}

inline std::string StatusOf(LoopbackServer& s, const std::string& wamid) {
  Json m = JournalEntry(s, wamid);
  return m.is_null() ? "" : m["status"].get<std::string>();
}

// Code of the error on the message's `failed` status (0 when none).
inline int FailureCodeOf(LoopbackServer& s, const std::string& wamid) {
  Json m = JournalEntry(s, wamid);
  if (m.is_null()) return 0;
  for (const auto& st : m["statuses"])
    if (st["status"] == "failed" && st.contains("error")) return st["error"]["code"].get<int>();
  return 0;
}

// A customer message to the default number (opens/refreshes the 24 h window).
inline httplib::Result Inbound(LoopbackServer& s, const std::string& from, bool with_referral = false) {
  std::string referral =
      with_referral
          ? R"(,"referral":{"source_url":"https://fb.me/ad","source_id":"120200","source_type":"ad","ctwa_clid":"ARA1"})"
          : "";
  return s.client().Post("/_sim/inbound",
                         R"({"from":")" + from + R"(","phone_number_id":")" + D::kPhoneNumberId +
                             R"(","type":"text","text":{"body":"hello"})" + referral + "}",
                         "application/json");
}

inline httplib::Result Patch(LoopbackServer& s, const std::string& path, const std::string& body) {
  return s.client().Patch(path.c_str(), body, "application/json");
}

// Adds an approved MARKETING template "promo" (no parameters) to the default WABA.
inline void AddMarketingTemplate(LoopbackServer& s) {
  MessageTemplate t;
  t.id = "777000111";
  t.waba_id = D::kWabaId;
  t.name = "promo";
  t.language = "en_US";
  t.category = "MARKETING";
  t.status.state = *ParseTemplateStatus("APPROVED");
  t.components = Json::parse(R"([{"type":"BODY","text":"Our sale starts today."}])");
  EditWorld(s.sim(), WorldBuilder().Add(t));
}

inline std::string User(int i) { return std::to_string(16505550000LL + i); }

// ---- Webhooks ---------------------------------------------------------------

constexpr const char* kReceiverSecret = "rules-e2e-secret";
constexpr const char* kErrorCodesHref =
    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

inline ServeConfig WebhookConfig(const std::string& url) {
  ServeConfig c;
  c.webhook_url = url;
  c.app_secret = kReceiverSecret;
  c.verify_token = "vt";
  return c;
}

// A loopback server whose default app posts its webhooks to a real receiver.
// Members are built in order: the receiver listens before the server starts.
struct Rig {
  explicit Rig(const std::string& webhook_version = "v24.0") {
    EditWorld(server.sim(), WorldBuilder().EditApp(
                                D::kAppId, [&](App& app) { app.webhook_api_version = webhook_version; }));
  }
  WebhookReceiver rx;
  LoopbackServer server{WebhookConfig(rx.url())};
};

// Every statuses[] entry the receiver got, in arrival order (each POST's
// signature is checked over the raw bytes; batches are flattened).
inline std::vector<Json> ReceivedStatuses(WebhookReceiver& rx) {
  std::vector<Json> out;
  for (const auto& p : rx.posts()) {
    EXPECT_TRUE(VerifySignatureHeader(kReceiverSecret, p.body, p.signature)) << p.body;
    Json body = Json::parse(p.body, nullptr, false);
    if (body.is_discarded()) {
      ADD_FAILURE() << "webhook body is not JSON: " << p.body;
      continue;
    }
    for (const auto& entry : body["entry"])
      for (const auto& change : entry["changes"])
        if (change["value"].contains("statuses"))
          for (const auto& st : change["value"]["statuses"]) out.push_back(st);
  }
  return out;
}

// The status webhooks of one message, in arrival order.
inline std::vector<Json> StatusesOf(WebhookReceiver& rx, const std::string& wamid) {
  std::vector<Json> out;
  for (auto& st : ReceivedStatuses(rx))
    if (st["id"] == wamid) out.push_back(st);
  return out;
}

// "sent", "delivered", ... of one message, in arrival order.
inline std::vector<std::string> StatusNamesOf(WebhookReceiver& rx, const std::string& wamid) {
  std::vector<std::string> out;
  for (const auto& st : StatusesOf(rx, wamid)) out.push_back(st["status"]);
  return out;
}

using Names = std::vector<std::string>;
inline const Names kSentDeliveredRead = {"sent", "delivered", "read"};
inline const Names kSentDelivered = {"sent", "delivered"};
inline const Names kFailedOnly = {"failed"};

// The message's last status webhook is Meta's `failed` status for `code`:
// errors[0] {code, title, message (= title), error_data.details, href} as in
// the catalog, no pricing or conversation, stamped `at` (unix seconds).
inline ::testing::AssertionResult FailedWebhookIs(WebhookReceiver& rx, const std::string& wamid,
                                                  ErrorCode code, TimeMs at) {
  auto sts = StatusesOf(rx, wamid);
  if (sts.empty()) return ::testing::AssertionFailure() << "no status webhook for " << wamid;
  const Json& st = sts.back();
  const ErrorSpec& spec = SpecFor(code);
  Json expected_error = {{"code", static_cast<int>(code)},
                         {"title", std::string(spec.title)},
                         {"message", std::string(spec.title)},
                         {"error_data", {{"details", std::string(spec.details)}}},
                         {"href", kErrorCodesHref}};
  if (st["status"] != "failed") return ::testing::AssertionFailure() << "last status is " << st.dump();
  if (st["errors"] != Json::array({expected_error}))
    return ::testing::AssertionFailure()
           << "errors " << st["errors"].dump() << " != [" << expected_error.dump() << "]";
  if (st.contains("pricing") || st.contains("conversation"))
    return ::testing::AssertionFailure() << "failed status carries pricing/conversation: " << st.dump();
  if (st["timestamp"] != UnixSecondsString(at))
    return ::testing::AssertionFailure()
           << "failed at " << st["timestamp"] << ", expected " << UnixSecondsString(at);
  return ::testing::AssertionSuccess();
}

// When an async failure of a message accepted at `accepted` is reported
// (SimConfig::failed_status_delay, 8 s by default).
inline TimeMs FailureTime(LoopbackServer& s, TimeMs accepted) {
  return accepted + s.sim().WithLock([](Ctx& ctx) { return ctx.state.config.failed_status_delay; });
}

inline std::string BusinessPath() { return std::string("/_sim/businesses/") + D::kBusinessId; }
inline TimeMs Now(LoopbackServer& s) { return s.sim().clock().Now(); }

// Advances by a number of seconds (fractions allowed: 0.001 is one virtual millisecond).
inline void AdvanceSeconds(LoopbackServer& s, double seconds) {
  Json body = {{"seconds", seconds}};
  auto r = s.client().Post("/_sim/clock/advance", body.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
}

// The wamids with a status webhook about a message to `wa_id`: a refused
// (sync) send has no wamid, so this is exactly the accepted messages.
inline std::set<std::string> StatusWebhookIdsTo(WebhookReceiver& rx, const std::string& wa_id) {
  std::set<std::string> out;
  for (const auto& st : ReceivedStatuses(rx))
    if (st["recipient_id"] == wa_id) out.insert(st["id"].get<std::string>());
  return out;
}

// The message went out normally: `sent` first, and no `failed`.
inline ::testing::AssertionResult SentWithoutFailure(WebhookReceiver& rx, const std::string& wamid) {
  auto names = StatusNamesOf(rx, wamid);
  if (names.empty() || names.front() != "sent")
    return ::testing::AssertionFailure() << wamid << " has no `sent` webhook first";
  for (const auto& n : names)
    if (n == "failed") return ::testing::AssertionFailure() << wamid << " got a `failed` webhook";
  return ::testing::AssertionSuccess();
}

// Values of the management webhooks of `field` the receiver got, in order.
inline std::vector<Json> ManagementValues(WebhookReceiver& rx, const std::string& field) {
  std::vector<Json> out;
  for (const auto& p : rx.posts()) {
    Json body = Json::parse(p.body, nullptr, false);
    if (body.is_discarded()) continue;
    for (const auto& entry : body["entry"])
      for (const auto& change : entry["changes"])
        if (change["field"] == field) out.push_back(change["value"]);
  }
  return out;
}

// `pricing` of the message's status webhooks (the first that has one).
inline Json PricingWebhookOf(WebhookReceiver& rx, const std::string& wamid) {
  for (const auto& st : StatusesOf(rx, wamid))
    if (st.contains("pricing")) return st["pricing"];
  return nullptr;
}

inline Json Pricing(bool billable, const std::string& type, const std::string& category) {
  return {{"billable", billable}, {"pricing_model", "PMP"}, {"type", type}, {"category", category}};
}

}  // namespace wasim::testing::rules_e2e
