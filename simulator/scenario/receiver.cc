#include "simulator/scenario/receiver.h"

namespace wasim::scenario {

webhooks::SendResult ScenarioReceiver::Send(const webhooks::OutboundRequest& req) {
  ReceivedWebhook r;
  r.at = clock_->Now();
  r.url = req.url;
  r.body = req.body;
  const DurationMs since = r.at - start_;
  for (const auto& o : outages_)
    if (since >= o.from && since < o.until) r.answered = o.status;
  webhooks::SendResult result;
  if (r.answered == 0)
    result.error = "connection refused (scenario receiver outage)";
  else
    result.status = r.answered;
  std::lock_guard lock(mu_);
  if (req.method == "POST") received_.push_back(std::move(r));
  return result;
}

std::vector<ReceivedWebhook> ScenarioReceiver::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

}  // namespace wasim::scenario
