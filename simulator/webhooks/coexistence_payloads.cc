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

// Meta (business-scoped-user-ids.mdx, Coexistence): once BSUIDs are shared,
// a user's number is "" when hidden (a username adopter the business has not
// messaged in 30 days and who has not saved its number).
std::string NumberOf(const std::string& wa_id, const UserIdentity& u) {
  return !u.user_id.empty() && u.phone_hidden ? "" : wa_id;
}

// contacts[] of media history and echoes: profile {username (when set),
// country_code}, wa_id, user_id (the page's syntax; no profile name).
Json SyncContacts(const std::string& wa_id, const UserIdentity& u) {
  Json profile = Json::object();
  if (!u.username.empty()) profile["username"] = u.username;
  profile["country_code"] = u.country_code;
  Json contact = Json::object();
  contact["profile"] = profile;
  contact["wa_id"] = NumberOf(wa_id, u);
  contact["user_id"] = u.user_id;
  return Json::array({contact});
}

// A message of a history chunk (contents under the type's key, then
// history_context) or of a media piece. Meta's syntax says `to` appears "only
// if SMB message echo", but its example shows none on the business's own
// messages; wasim follows the example (no `to` in history).
// Assumption: from_user_id only on the user's own messages (the page's syntax
// puts it under a `from` that is the business's or the user's number).
Json HistoryMessageJson(const BusinessAppHistorySynced::Message& m, bool with_context) {
  Json j = Json::object();
  bool from_user = m.from == m.thread_wa_id;
  j["from"] = from_user ? NumberOf(m.from, m.user) : m.from;
  if (from_user && !m.user.user_id.empty()) j["from_user_id"] = m.user.user_id;
  j["id"] = m.wamid;
  j["timestamp"] = UnixSecondsString(m.sent_at);
  j["type"] = m.type;
  if (!m.content.is_null()) j[m.type] = m.content;
  if (with_context) j["history_context"] = {{"status", m.status}};
  return j;
}

// The business's own media of a history media piece: from, to, to_user_id
// (once BSUIDs are shared), id, timestamp, type, contents.
Json MediaEchoJson(const BusinessAppHistorySynced::Message& m) {
  Json j = Json::object();
  j["from"] = m.from;
  j["to"] = NumberOf(m.thread_wa_id, m.user);
  if (!m.user.user_id.empty()) j["to_user_id"] = m.user.user_id;
  j["id"] = m.wamid;
  j["timestamp"] = UnixSecondsString(m.sent_at);
  j["type"] = m.type;
  if (!m.content.is_null()) j[m.type] = m.content;
  return j;
}

// A thread: id, then (once BSUIDs are shared) context {wa_id, user_id,
// username (when set), country_code}, then messages.
Json ThreadJson(const BusinessAppHistorySynced::Message& first) {
  const UserIdentity& u = first.user;
  Json t = Json::object();
  t["id"] = NumberOf(first.thread_wa_id, u);
  if (!u.user_id.empty()) {
    Json context = Json::object();
    context["wa_id"] = NumberOf(first.thread_wa_id, u);
    context["user_id"] = u.user_id;
    if (!u.username.empty()) context["username"] = u.username;
    context["country_code"] = u.country_code;
    t["context"] = context;
  }
  t["messages"] = Json::array();
  return t;
}

Json Threads(const std::vector<BusinessAppHistorySynced::Message>& messages) {
  Json threads = Json::array();
  std::vector<std::string> order;
  for (const auto& m : messages) {
    size_t i = 0;
    while (i < order.size() && order[i] != m.thread_wa_id) ++i;
    if (i == order.size()) {
      order.push_back(m.thread_wa_id);
      threads.push_back(ThreadJson(m));
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
  for (size_t i = 0; i < f.contacts.size(); ++i) {
    const BusinessAppContact& c = f.contacts[i];
    UserIdentity u = i < f.users.size() ? f.users[i] : UserIdentity{};
    Json contact = Json::object();
    if (f.action != "remove") {
      contact["full_name"] = c.full_name;
      contact["first_name"] = c.first_name;
    }
    contact["phone_number"] = NumberOf(c.phone_number, u);
    if (!u.user_id.empty()) {
      contact["user_id"] = u.user_id;
      if (!u.username.empty()) contact["username"] = u.username;
      contact["country_code"] = u.country_code;
    }
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
    if (!f.messages.empty() && !f.messages.front().user.user_id.empty())
      v["contacts"] = SyncContacts(f.messages.front().thread_wa_id, f.messages.front().user);
    // Meta (business-scoped-user-ids.mdx, history): the user's media under
    // `messages`, the business's under `message_echoes` (with `to`).
    Json messages = Json::array(), echoes = Json::array();
    for (const auto& m : f.messages) {
      if (m.from == m.thread_wa_id)
        messages.push_back(HistoryMessageJson(m, false));
      else
        echoes.push_back(MediaEchoJson(m));
    }
    if (!messages.empty()) v["messages"] = messages;
    if (!echoes.empty()) v["message_echoes"] = echoes;
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
  bool shared = !f.user.user_id.empty();
  if (shared) v["contacts"] = SyncContacts(f.to, f.user);
  Json m = Json::object();
  m["from"] = f.from;
  m["to"] = NumberOf(f.to, f.user);
  if (shared) m["to_user_id"] = f.user.user_id;
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
