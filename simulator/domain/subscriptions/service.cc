#include "simulator/domain/subscriptions/service.h"

#include <algorithm>

namespace wasim::subscriptions {

const std::set<std::string>& KnownFields() {
  static const std::set<std::string> kFields = {"account_alerts",
                                                "account_review_update",
                                                "account_update",
                                                "automatic_events",
                                                "business_capability_update",
                                                "calls",
                                                "flows",
                                                "group_lifecycle_update",
                                                "group_participants_update",
                                                "group_settings_update",
                                                "group_status_update",
                                                "history",
                                                "message_echoes",
                                                "message_template_components_update",
                                                "message_template_quality_update",
                                                "message_template_status_update",
                                                "messages",
                                                "partner_solutions",
                                                "payment_configuration_update",
                                                "phone_number_name_update",
                                                "phone_number_quality_update",
                                                "phone_number_username_update",
                                                "security",
                                                "smb_app_state_sync",
                                                "smb_message_echoes",
                                                "template_category_update",
                                                "tracking_events",
                                                "user_preferences"};
  return kFields;
}

Status SubscribeApp(Ctx& ctx, const std::string& app_id, const std::string& callback_url,
                    const std::string& verify_token, const std::vector<std::string>& fields,
                    const std::string& version) {
  auto it = ctx.state.accounts.apps.find(app_id);
  if (it == ctx.state.accounts.apps.end()) return UnknownObjectError("post", app_id);
  App& a = it->second;
  if (!callback_url.empty()) {
    a.callback_url = callback_url;
    a.verify_token = verify_token;
  }
  for (const auto& f : fields)
    if (std::find(a.subscribed_fields.begin(), a.subscribed_fields.end(), f) == a.subscribed_fields.end())
      a.subscribed_fields.push_back(f);
  if (!version.empty()) a.webhook_api_version = version;
  return {};
}

Status UnsubscribeApp(Ctx& ctx, const std::string& app_id, const std::vector<std::string>& fields) {
  auto it = ctx.state.accounts.apps.find(app_id);
  if (it == ctx.state.accounts.apps.end()) return UnknownObjectError("delete", app_id);
  App& app = it->second;
  if (fields.empty()) {
    app.callback_url.clear();
    app.verify_token.clear();
    app.subscribed_fields.clear();
    return {};
  }
  auto& sf = app.subscribed_fields;
  sf.erase(std::remove_if(sf.begin(), sf.end(),
                          [&](const std::string& f) {
                            return std::find(fields.begin(), fields.end(), f) != fields.end();
                          }),
           sf.end());
  return {};
}

Status SubscribeWaba(Ctx& ctx, const std::string& waba_id, const std::string& app_id,
                     const std::string& override_uri, const std::string& verify_token) {
  Waba* w = ctx.state.accounts.FindWaba(waba_id);
  if (!w) return UnknownObjectError("post", waba_id);
  auto& subs = w->subscribed_app_ids;
  if (std::find(subs.begin(), subs.end(), app_id) == subs.end()) subs.push_back(app_id);
  w->override_callback_uri = override_uri;
  w->override_verify_token = override_uri.empty() ? "" : verify_token;
  return {};
}

Status UnsubscribeWaba(Ctx& ctx, const std::string& waba_id, const std::string& app_id) {
  Waba* w = ctx.state.accounts.FindWaba(waba_id);
  if (!w) return UnknownObjectError("delete", waba_id);
  auto& subs = w->subscribed_app_ids;
  subs.erase(std::remove(subs.begin(), subs.end(), app_id), subs.end());
  if (subs.empty()) {
    w->override_callback_uri.clear();
    w->override_verify_token.clear();
  }
  return {};
}

}  // namespace wasim::subscriptions
