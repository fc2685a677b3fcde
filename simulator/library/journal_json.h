// The admin API's journals (GET /_sim/messages, /_sim/webhooks, /_sim/events)
// read into the public records of include/wasim/simulator.h. Shared by
// EmbeddedSimulator (admin calls in-process) and SandboxClient (over HTTP).
// Internal to the library.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "wasim/simulator.h"

namespace wasim {

inline constexpr const char* kDeliveriesPath = "/_sim/webhooks?limit=100000";
// "/_sim/messages", with ?to= when `to` is given.
std::string MessagesPath(const std::string& to);
std::vector<SentMessage> ParseSentMessages(const std::string& body);
// Oldest first.
std::vector<DeliveryRecord> ParseDeliveries(const std::string& body);
// Every fact after `after_seq` of `type`, page by page through `get` (an admin GET of a path).
std::vector<FactRecord> ReadFacts(const std::function<Reply(const std::string& path)>& get,
                                  const std::string& type, std::uint64_t after_seq);
std::vector<ApiCallRecord> ApiCallsOf(const std::vector<FactRecord>& api_call_facts);

}  // namespace wasim
