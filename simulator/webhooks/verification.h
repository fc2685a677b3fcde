// Meta's callback verification handshake (webhooks/create-webhook-endpoint):
//   GET <callback>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>
// The endpoint is verified only when it answers HTTP 200 with the challenge
// as the body. Sent whenever a callback URL or verify token is set or edited.
// Does network IO: call it outside the Simulator lock.
#pragma once
#include <string>

#include "simulator/core/result.h"
#include "simulator/webhooks/sender.h"

namespace wasim::webhooks {

// The GET URL of the handshake (query parameters URL-encoded, appended to any
// query the callback already has).
std::string HandshakeUrl(const std::string& callback_url, const std::string& verify_token,
                         const std::string& challenge);

// OK, or Graph's (#2200) error naming what went wrong.
Status VerifyCallback(WebhookSender& sender, const std::string& callback_url, const std::string& verify_token,
                      const std::string& challenge);

}  // namespace wasim::webhooks
