// Coexistence webhook values (Meta: embedded-signup/onboarding-business-app-users
// and the webhooks/reference pages history, smb_app_state_sync,
// smb_message_echoes, account_update), rendered from facts only.
#include <set>

#include "simulator/webhooks/payloads.h"

namespace wasim::webhooks {
namespace {

Json Head(const std::string& display, const std::string& phone_number_id) {
  Json v = Json::object();
  v["messaging_product"] = "whatsapp";
  v["metadata"] = {{"display_phone_number", display}, {"phone_number_id", phone_number_id}};
  return v;
}

// A message of a history chunk (contents under the type's key, then
// history_context) or of a media piece. Meta's syntax says `to` appears "only
// if SMB message echo", but its example shows none on the business's own
// messages; wasim follows the example (no `to` in history).
Json HistoryMessageJson(const BusinessAppHistorySynced::Message& m, bool with_context) {
  Json j = Json::object();
  j["from"] = m.from;
  j["id"] = m.wamid;
  j["timestamp"] = UnixSecondsString(m.sent_at);
  j["type"] = m.type;
  if (!m.content.is_null()) j[m.type] = m.content;
  if (with_context) j["history_context"] = {{"status", m.status}};
  return j;
}

Json Threads(const std::vector<BusinessAppHistorySynced::Message>& messages) {
  Json threads = Json::array();
  std::vector<std::string> order;
  for (const auto& m : messages) {
    size_t i = 0;
    while (i < order.size() && order[i] != m.thread_wa_id) ++i;
    if (i == order.size()) {
      order.push_back(m.thread_wa_id);
      threads.push_back({{"id", m.thread_wa_id}, {"messages", Json::array()}});
    }
    threads[i]["messages"].push_back(HistoryMessageJson(m, true));
  }
  return threads;
}

}  // namespace

bool EntryHasTime(const std::string& field) {
  // Meta's examples: `messages` and the Coexistence sync/echo fields have no
  // entry[].time; management fields (account_update, templates, ...) do.
  static const std::set<std::string> kWithout = {kMessagesField, "history", "smb_app_state_sync",
                                                 "smb_message_echoes"};
  return kWithout.count(field) == 0;
}

// Meta (webhooks/reference/smb_app_state_sync): names are omitted on remove.
Json ContactsSyncValue(const BusinessAppContactsSynced& f, TimeMs at) {
  Json v = Head(f.display_phone_number, f.phone_number_id);
  Json list = Json::array();
  for (const auto& c : f.contacts) {
    Json contact = Json::object();
    if (f.action != "remove") {
      contact["full_name"] = c.full_name;
      contact["first_name"] = c.first_name;
    }
    contact["phone_number"] = c.phone_number;
    list.push_back({{"type", "contact"},
                    {"contact", contact},
                    {"action", f.action},
                    {"metadata", {{"timestamp", UnixSecondsString(at)}}}});
  }
  v["state_sync"] = list;
  return v;
}

// Meta (webhooks/reference/history): a chunk is history[{metadata, threads}];
// media contents are messages[] on their own; a refusal is history[{errors}].
Json HistoryValue(const BusinessAppHistorySynced& f) {
  Json v = Head(f.display_phone_number, f.phone_number_id);
  using Kind = BusinessAppHistorySynced::Kind;
  if (f.kind == Kind::kMedia) {
    Json messages = Json::array();
    for (const auto& m : f.messages) messages.push_back(HistoryMessageJson(m, false));
    v["messages"] = messages;
    return v;
  }
  Json item = Json::object();
  if (f.kind == Kind::kDeclined && f.error) {
    // Meta's example: code, title, message, error_data (no href).
    Json e = Json::object();
    e["code"] = f.error->code_number();
    e["title"] = f.error->title;
    e["message"] = f.error->title;
    e["error_data"] = {{"details", f.error->details}};
    item["errors"] = Json::array({e});
  } else {
    item["metadata"] = {{"phase", f.phase}, {"chunk_order", f.chunk_order}, {"progress", f.progress}};
    item["threads"] = Threads(f.messages);
  }
  v["history"] = Json::array({item});
  return v;
}

// Meta (webhooks/reference/smb_message_echoes).
Json EchoValue(const BusinessAppEchoed& f, TimeMs at) {
  Json v = Head(f.from, f.phone_number_id);
  Json m = Json::object();
  m["from"] = f.from;
  m["to"] = f.to;
  m["id"] = f.wamid;
  m["timestamp"] = UnixSecondsString(at);
  m["type"] = f.type;
  m[f.type] = f.content;
  v["message_echoes"] = Json::array({m});
  return v;
}

// Meta (webhooks/reference/account_update): PARTNER_* events carry waba_info;
// a Coexistence number's removal carries phone_number (onboarding-business-app-users)
// and, since 2026-04, disconnection_info {reason, initiated_by} (changelog #387).
Json PartnerValue(const PartnerChanged& f) {
  Json v = Json::object();
  if (!f.phone_number.empty()) v["phone_number"] = f.phone_number;
  v["event"] = f.event;
  if (f.phone_number.empty())
    v["waba_info"] = {{"waba_id", f.waba_id}, {"owner_business_id", f.owner_business_id}};
  if (!f.reason.empty()) v["disconnection_info"] = {{"reason", f.reason}, {"initiated_by", f.initiated_by}};
  return v;
}

}  // namespace wasim::webhooks
