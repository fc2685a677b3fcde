// Who receives a webhook: every app subscribed to the WABA
// (Waba::subscribed_app_ids) whose subscribed_fields include the field, at
// the WABA's override callback for `messages` webhooks, else the app's
// callback_url. Meta (webhooks/override): overrides apply to messages
// webhooks; an app without a callback URL gets nothing. Reads state only:
// call under the Simulator lock.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/domain/world/model.h"
#include "simulator/webhooks/payloads.h"

namespace wasim::webhooks {

struct Target {
  std::string app_id;
  std::string url;
  std::string secret;
  std::string api_version;
};

std::vector<Target> ResolveTargets(const Accounts& accounts, const std::string& waba_id,
                                   const std::string& field);
// The current target of one app (retries follow a changed callback URL).
std::optional<Target> ResolveTarget(const Accounts& accounts, const std::string& waba_id,
                                    const std::string& app_id, const std::string& field);
PhoneMeta PhoneMetaFor(const Accounts& accounts, const std::string& phone_number_id);

}  // namespace wasim::webhooks
