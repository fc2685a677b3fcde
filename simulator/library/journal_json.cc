#include "simulator/library/journal_json.h"

#include <algorithm>

#include "simulator/core/json.h"

namespace wasim {
namespace {

Json JournalParse(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

std::string JournalStr(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

int JournalInt(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return 0;
  return j[key].get<int>();
}

}  // namespace

std::string MessagesPath(const std::string& to) {
  return "/_sim/messages" + (to.empty() ? std::string() : "?to=" + to);
}

std::vector<SentMessage> ParseSentMessages(const std::string& body) {
  std::vector<SentMessage> out;
  Json j = JournalParse(body);
  if (!j.is_object() || !j["data"].is_array()) return out;
  for (const Json& m : j["data"]) {
    SentMessage s;
    s.wamid = JournalStr(m, "id");
    s.phone_number_id = JournalStr(m, "phone_number_id");
    s.to = JournalStr(m, "to");
    s.type = JournalStr(m, "type");
    s.status = JournalStr(m, "status");
    const Json& payload = m.contains("payload") ? m["payload"] : Json();
    if (s.type == "template") {
      s.text = JournalStr(m, "template_text");
      s.template_name = JournalStr(payload, "name");
    } else if (s.type == "text") {
      s.text = JournalStr(payload, "body");
    } else {
      s.text = JournalStr(payload, "caption");
    }
    if (m.contains("statuses") && m["statuses"].is_array()) {
      for (const Json& h : m["statuses"]) {
        s.status_history.push_back(JournalStr(h, "status"));
        if (h.contains("error") && h["error"].is_object()) s.error_code = JournalInt(h["error"], "code");
      }
    }
    s.json = m.dump();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<DeliveryRecord> ParseDeliveries(const std::string& body) {
  std::vector<DeliveryRecord> out;
  Json j = JournalParse(body);
  if (!j.is_object() || !j["data"].is_array()) return out;
  for (const Json& d : j["data"]) {
    DeliveryRecord rec;
    rec.id = JournalStr(d, "id");
    rec.state = JournalStr(d, "state");
    rec.field = JournalStr(d, "field");
    rec.url = JournalStr(d, "url");
    rec.body = JournalStr(d, "body");
    if (d.contains("attempts") && d["attempts"].is_array()) {
      rec.attempts = static_cast<int>(d["attempts"].size());
      if (!d["attempts"].empty())
        rec.last_response_status = JournalInt(d["attempts"].back(), "response_status");
    }
    rec.json = d.dump();
    out.push_back(std::move(rec));
  }
  // Oldest first, by the journal's numeric id (whd_N).
  auto num = [](const std::string& id) { return std::stoull("0" + id.substr(id.find('_') + 1)); };
  std::stable_sort(out.begin(), out.end(),
                   [&](const DeliveryRecord& a, const DeliveryRecord& b) { return num(a.id) < num(b.id); });
  return out;
}

std::vector<FactRecord> ReadFacts(const std::function<Reply(const std::string& path)>& get,
                                  const std::string& type, std::uint64_t after_seq) {
  std::vector<FactRecord> out;
  std::uint64_t after = after_seq;
  while (true) {
    std::string path = "/_sim/events?limit=1000&after=" + std::to_string(after);
    if (!type.empty()) path += "&type=" + type;
    Json j = JournalParse(get(path).body);
    if (!j.is_object() || !j["data"].is_array()) break;
    for (const Json& f : j["data"]) {
      FactRecord rec;
      rec.seq = f.value("seq", std::uint64_t{0});
      rec.at_ms = f.value("at_ms", std::int64_t{0});
      rec.type = JournalStr(f, "type");
      rec.json = f.dump();
      out.push_back(std::move(rec));
    }
    std::uint64_t next = j.value("next_after", after);
    if (j["data"].empty() || next <= after) break;
    after = next;
  }
  return out;
}

std::vector<ApiCallRecord> ApiCallsOf(const std::vector<FactRecord>& api_call_facts) {
  std::vector<ApiCallRecord> out;
  for (const FactRecord& f : api_call_facts) {
    Json j = JournalParse(f.json);
    ApiCallRecord c;
    c.method = JournalStr(j, "method");
    c.path = JournalStr(j, "path");
    c.status = JournalInt(j, "status");
    c.error_code = JournalInt(j, "error_code");
    c.request_body = JournalStr(j, "request_body");
    c.response_body = JournalStr(j, "response_body");
    c.at_ms = f.at_ms;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace wasim
