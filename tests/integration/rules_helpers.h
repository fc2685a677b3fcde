// Helpers shared by the rules_*_test.cc end-to-end tests (Meta's messaging
// rules over real HTTP on a manual clock).
#pragma once
#include <string>

#include "tests/support/test_support.h"

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
  s.sim().WithLock([](Ctx& ctx) {
    MessageTemplate t;
    t.id = "777000111";
    t.waba_id = D::kWabaId;
    t.name = "promo";
    t.language = "en_US";
    t.category = "MARKETING";
    t.status = "APPROVED";
    t.components = Json::parse(R"([{"type":"BODY","text":"Our sale starts today."}])");
    ctx.state.templates.by_id[t.id] = t;
  });
}

inline std::string User(int i) { return std::to_string(16505550000LL + i); }

}  // namespace wasim::testing::rules_e2e
