// Webhook subscriptions: which app receives which fields (/{app-id}/subscriptions)
// and which apps a WABA sends to, with an optional override callback
// (/{waba-id}/subscribed_apps). The service owns these fields of App and Waba;
// the HTTP handlers validate requests (and run Meta's handshake) and call it.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::subscriptions {

// Fields of the whatsapp_business_account object an app can subscribe to
// (Meta: webhooks/overview, field reference pages), in name order.
const std::set<std::string>& KnownFields();

// Subscribes `app_id` to `fields`; a non-empty `callback_url` replaces the
// app's callback and verify token; a non-empty `version` becomes the Graph
// version its webhooks are rendered in (Meta: the version of the subscribing call).
Status SubscribeApp(Ctx& ctx, const std::string& app_id, const std::string& callback_url,
                    const std::string& verify_token, const std::vector<std::string>& fields,
                    const std::string& version);
// Graph: without fields the whole subscription goes; with fields only those.
Status UnsubscribeApp(Ctx& ctx, const std::string& app_id, const std::vector<std::string>& fields);
// Subscribes the app to the WABA's webhooks; an empty `override_uri` removes the override (Meta).
Status SubscribeWaba(Ctx& ctx, const std::string& waba_id, const std::string& app_id,
                     const std::string& override_uri, const std::string& verify_token);
// Unsubscribes the app; the override goes with the last subscribed app.
Status UnsubscribeWaba(Ctx& ctx, const std::string& waba_id, const std::string& app_id);

}  // namespace wasim::subscriptions
