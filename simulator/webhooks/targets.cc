#include "simulator/webhooks/targets.h"

#include <algorithm>

namespace wasim::webhooks {

std::optional<Target> ResolveTarget(const Accounts& accounts, const std::string& waba_id,
                                    const std::string& app_id, const std::string& field) {
  const Waba* waba = accounts.FindWaba(waba_id);
  auto it = accounts.apps.find(app_id);
  if (!waba || it == accounts.apps.end()) return std::nullopt;
  const auto& subs = waba->subscribed_app_ids;
  if (std::find(subs.begin(), subs.end(), app_id) == subs.end()) return std::nullopt;
  const App& app = it->second;
  const auto& fields = app.subscribed_fields;
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) return std::nullopt;
  // Assumption: the model keeps one override per WABA; it applies to every subscribed app.
  std::string url = (field == kMessagesField && !waba->override_callback_uri.empty())
                        ? waba->override_callback_uri
                        : app.callback_url;
  if (url.empty()) return std::nullopt;
  return Target{app.id, url, app.secret, app.webhook_api_version};
}

std::vector<Target> ResolveTargets(const Accounts& accounts, const std::string& waba_id,
                                   const std::string& field) {
  std::vector<Target> out;
  const Waba* waba = accounts.FindWaba(waba_id);
  if (!waba) return out;
  for (const auto& app_id : waba->subscribed_app_ids)
    if (auto t = ResolveTarget(accounts, waba_id, app_id, field)) out.push_back(*t);
  return out;
}

PhoneMeta PhoneMetaFor(const Accounts& accounts, const std::string& phone_number_id) {
  PhoneMeta m;
  m.phone_number_id = phone_number_id;
  if (const PhoneNumber* p = accounts.FindPhone(phone_number_id))
    m.display_phone_number = p->display_phone_number;
  return m;
}

}  // namespace wasim::webhooks
