// The webhook receiver of `wasim run`: the scenario has no real app, so every
// delivery is answered here (200, or the configured outage's status on the
// virtual clock) and recorded for `webhook` expectations and the transcript.
// Thread-safe (the outbox sends concurrently).
#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "simulator/core/clock.h"
#include "simulator/scenario/scenario.h"
#include "simulator/webhooks/sender.h"

namespace wasim::scenario {

struct ReceivedWebhook {
  TimeMs at = 0;
  std::string url;
  std::string body;
  int answered = 200;  // 0: no answer
};

class ScenarioReceiver : public webhooks::WebhookSender {
 public:
  ScenarioReceiver(std::shared_ptr<Clock> clock, std::vector<ReceiverOutage> outages)
      : clock_(std::move(clock)), outages_(std::move(outages)) {}
  // Outages are relative to this instant (the scenario's start).
  void set_start(TimeMs start) { start_ = start; }
  webhooks::SendResult Send(const webhooks::OutboundRequest& req) override;
  std::vector<ReceivedWebhook> received() const;

 private:
  std::shared_ptr<Clock> clock_;
  std::vector<ReceiverOutage> outages_;
  TimeMs start_ = 0;
  mutable std::mutex mu_;
  std::vector<ReceivedWebhook> received_;
};

}  // namespace wasim::scenario
