#include "order_notifier.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>
#include <thread>

namespace example {
namespace {

using Json = nlohmann::json;

// Meta: X-Hub-Signature-256 is "sha256=" + hex HMAC-SHA256 of the raw body with the app secret.
bool SignatureOk(const std::string& secret, const std::string& body, const std::string& header) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  std::string want = "sha256=";
  for (unsigned int i = 0; i < len; ++i) {
    static const char* kHex = "0123456789abcdef";
    want += kHex[mac[i] >> 4];
    want += kHex[mac[i] & 0xf];
  }
  return header.size() == want.size() && CRYPTO_memcmp(header.data(), want.data(), want.size()) == 0;
}

int Rank(const std::string& status) {
  if (status == "sent") return 1;
  if (status == "delivered") return 2;
  if (status == "read") return 3;
  if (status == "failed") return 4;
  return 0;
}

}  // namespace

OrderNotifier::OrderNotifier(NotifierConfig config) : config_(std::move(config)) {
  if (!config_.sleep) config_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

SendOutcome OrderNotifier::NotifyShipped(const std::string& wa_id, const std::string& order_id) {
  Json body = {{"messaging_product", "whatsapp"},
               {"to", wa_id},
               {"type", "template"},
               {"template",
                {{"name", "order_shipped"},
                 {"language", {{"code", "en_US"}}},
                 {"components",
                  Json::array({{{"type", "body"},
                                {"parameters", Json::array({{{"type", "text"}, {"text", order_id}}})}}})}}}};
  return Send(body.dump());
}

SendOutcome OrderNotifier::Reply(const std::string& wa_id, const std::string& text) {
  Json body = {
      {"messaging_product", "whatsapp"}, {"to", wa_id}, {"type", "text"}, {"text", {{"body", text}}}};
  return Send(body.dump());
}

SendOutcome OrderNotifier::Send(const std::string& json) {
  const std::string& base = config_.base_url;  // scheme://host:port/vXX.X
  size_t path_at = base.find('/', base.find("//") + 2);
  httplib::Client client(base.substr(0, path_at));
  const std::string path = base.substr(path_at) + "/" + config_.phone_number_id + "/messages";
  httplib::Headers headers = {{"Authorization", "Bearer " + config_.access_token}};
  SendOutcome out;
  std::chrono::milliseconds backoff = config_.first_backoff;
  for (out.attempts = 1; out.attempts <= config_.max_attempts; ++out.attempts) {
    auto res = client.Post(path, headers, json, "application/json");
    if (!res) {
      out.error_code = -1;
      return out;
    }
    Json answer = Json::parse(res->body, nullptr, false);
    if (res->status == 200 && answer.contains("messages")) {
      out.wamid = answer["messages"][0].value("id", "");
      out.error_code = 0;
      std::lock_guard lock(mu_);
      recipient_[out.wamid] = Json::parse(json)["to"].get<std::string>();
      return out;
    }
    out.error_code = answer.is_object() && answer.contains("error") ? answer["error"].value("code", 0) : -1;
    // Meta: 130429 "Rate limit hit": slow down and try again later.
    if (out.error_code != 130429 || out.attempts == config_.max_attempts) return out;
    {
      std::lock_guard lock(mu_);
      backoffs_.push_back(backoff);
    }
    config_.sleep(backoff);
    backoff *= 2;
  }
  return out;
}

int OrderNotifier::HandleWebhook(const std::string& body, const std::string& signature_header) {
  if (!SignatureOk(config_.app_secret, body, signature_header)) return 401;
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return 400;
  std::vector<std::string> reengage;  // recipients to win back with a template
  {
    std::lock_guard lock(mu_);
    for (const Json& entry : j.value("entry", Json::array())) {
      for (const Json& change : entry.value("changes", Json::array())) {
        if (change.value("field", "") != "messages") continue;
        const Json value = change.value("value", Json::object());
        for (const Json& s : value.value("statuses", Json::array())) {
          std::string wamid = s.value("id", ""), status = s.value("status", "");
          // At least once, possibly out of order: only a later state counts.
          if (Rank(status) <= Rank(status_[wamid])) continue;
          status_[wamid] = status;
          ++applied_;
          int code = s.contains("errors") ? s["errors"][0].value("code", 0) : 0;
          // Meta: 131047 "Re-engagement message": more than 24 h since the
          // customer last wrote; only a template may open the conversation.
          if (status == "failed" && code == 131047 && reengaged_.insert(wamid).second) {
            auto to = recipient_.find(wamid);
            reengage.push_back(to != recipient_.end() ? to->second : s.value("recipient_id", ""));
          }
        }
        for (const Json& m : value.value("messages", Json::array()))
          if (m.value("type", "") == "text") inbound_.push_back(m["text"].value("body", ""));
      }
    }
  }
  for (const auto& to : reengage) NotifyShipped(to, "(see your account)");
  return 200;
}

std::string OrderNotifier::StatusOf(const std::string& wamid) const {
  std::lock_guard lock(mu_);
  auto it = status_.find(wamid);
  return it == status_.end() ? "" : it->second;
}

int OrderNotifier::status_updates_applied() const {
  std::lock_guard lock(mu_);
  return applied_;
}

std::vector<std::string> OrderNotifier::inbound_texts() const {
  std::lock_guard lock(mu_);
  return inbound_;
}

std::vector<std::chrono::milliseconds> OrderNotifier::backoffs() const {
  std::lock_guard lock(mu_);
  return backoffs_;
}

}  // namespace example
