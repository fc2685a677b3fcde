// A scripted WebhookSender for unit tests: records every request and answers
// with `respond` (default: 200).
#pragma once
#include <functional>
#include <mutex>
#include <vector>

#include "simulator/webhooks/sender.h"

namespace wasim::webhooks::testing {

class FakeSender : public WebhookSender {
 public:
  std::function<SendResult(const OutboundRequest&)> respond = [](const OutboundRequest&) {
    SendResult r;
    r.status = 200;
    return r;
  };
  SendResult Send(const OutboundRequest& req) override {
    std::function<SendResult(const OutboundRequest&)> f;
    {
      std::lock_guard lock(mu_);
      calls_.push_back(req);
      f = respond;
    }
    return f(req);
  }
  std::vector<OutboundRequest> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  void Respond(std::function<SendResult(const OutboundRequest&)> f) {
    std::lock_guard lock(mu_);
    respond = std::move(f);
  }

 private:
  std::mutex mu_;
  std::vector<OutboundRequest> calls_;
};

inline SendResult Status(int code) {
  SendResult r;
  r.status = code;
  return r;
}

inline std::string Header(const OutboundRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

}  // namespace wasim::webhooks::testing
