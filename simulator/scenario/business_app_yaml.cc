#include "simulator/scenario/business_app_yaml.h"

namespace wasim::scenario {
namespace {

constexpr long kMaxCompanions = 4;  // Meta: up to four companion devices

bool ReadContacts(YamlReader& r, const YAML::Node& list, BusinessApp& app) {
  if (!r.Sequence(list, "contacts")) return false;
  bool ok = true;
  for (const auto& c : list) {
    if (!r.Mapping(c, "contact", {"phone_number", "full_name", "first_name"}) ||
        !r.Require(c, "phone_number", "contact")) {
      ok = false;
      continue;
    }
    BusinessAppContact contact;
    ok &= r.String(c, "phone_number", contact.phone_number);
    r.String(c, "full_name", contact.full_name);
    r.String(c, "first_name", contact.first_name);
    app.contacts.push_back(contact);
  }
  return ok;
}

bool ReadMessage(YamlReader& r, const YAML::Node& m, BusinessAppThread& thread) {
  if (!r.Mapping(m, "message", {"age", "from", "type", "text", "status"}) || !r.Require(m, "age", "message"))
    return false;
  BusinessAppMessage msg;
  std::string from = "business";
  if (!r.Duration(m, "age", msg.age)) return false;
  r.Choice(m, "from", {"business", "user"}, from);
  msg.from_business = from == "business";
  r.Choice(m, "type", {"text", "image", "video", "audio", "document", "sticker"}, msg.type);
  r.String(m, "text", msg.text);
  r.Choice(m, "status", {"DELIVERED", "ERROR", "PENDING", "PLAYED", "READ", "SENT"}, msg.status);
  thread.messages.push_back(msg);
  return true;
}

bool ReadThreads(YamlReader& r, const YAML::Node& list, BusinessApp& app) {
  if (!r.Sequence(list, "threads")) return false;
  bool ok = true;
  for (const auto& t : list) {
    if (!r.Mapping(t, "thread", {"with", "messages"}) || !r.Require(t, "with", "thread")) {
      ok = false;
      continue;
    }
    BusinessAppThread thread;
    ok &= r.String(t, "with", thread.wa_id);
    if (t["messages"]) {
      if (!r.Sequence(t["messages"], "messages")) {
        ok = false;
        continue;
      }
      for (const auto& m : t["messages"]) ok &= ReadMessage(r, m, thread);
    }
    app.threads.push_back(thread);
  }
  return ok;
}

}  // namespace

std::optional<BusinessApp> ReadBusinessApp(YamlReader& r, const YAML::Node& node) {
  if (!r.Mapping(node, "business_app", {"shares_history", "companions", "contacts", "threads"}))
    return std::nullopt;
  BusinessApp app;
  bool ok = true;
  r.Bool(node, "shares_history", app.shares_history);
  long companions = 0;
  if (r.Long(node, "companions", companions)) {
    if (companions < 0 || companions > kMaxCompanions) {
      r.Error(node["companions"], "'companions': from 0 to 4 (Meta: up to four companion devices)");
      ok = false;
    }
    app.companions = static_cast<int>(companions);
  }
  if (node["contacts"]) ok &= ReadContacts(r, node["contacts"], app);
  if (node["threads"]) ok &= ReadThreads(r, node["threads"], app);
  if (!ok) return std::nullopt;
  return app;
}

}  // namespace wasim::scenario
