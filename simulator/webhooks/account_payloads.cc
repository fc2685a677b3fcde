// Account webhook values (account_update, account_review_update), rendered
// from facts as Meta's reference pages shape them; key order follows each
// page's example.
#include "simulator/webhooks/payloads.h"

namespace wasim::webhooks {

// Meta (webhooks/reference/account_update): `event` plus the object of that
// event. ACCOUNT_RESTRICTION is not on the reference page; its shape is the
// example of Meta's calling-settings page (phone_number, event,
// violation_info, restriction_info[{restriction_type, expiration}]).
// Assumption: a restriction without an end omits `expiration`.
Json AccountUpdateValue(const AccountUpdated& f, TimeMs at) {
  Json v = Json::object();
  // Meta (pricing.mdx, "Tiering webhooks", from October 1, 2025): the tier
  // reached, tier_update_time being when (the event's time).
  if (f.volume_tier)
    v["volume_tier_info"] = {{"tier_update_time", UnixSeconds(at)},
                             {"pricing_category", f.volume_tier->pricing_category},
                             {"tier", f.volume_tier->tier},
                             {"effective_month", f.volume_tier->effective_month},
                             {"region", f.volume_tier->region}};
  if (f.auth_intl_start_time) {
    Json countries = Json::array();
    for (const auto& c : f.exception_countries)
      countries.push_back({{"country_code", c.country_code}, {"start_time", UnixSeconds(c.start_time)}});
    v["auth_international_rate_eligibility"] = {{"exception_countries", std::move(countries)},
                                                {"start_time", UnixSeconds(*f.auth_intl_start_time)}};
  }
  if (f.event == "BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE") v["country"] = f.country;
  if (!f.phone_number.empty()) v["phone_number"] = f.phone_number;
  v["event"] = f.event;
  if (!f.violation_type.empty()) v["violation_info"] = {{"violation_type", f.violation_type}};
  if (f.event == "DISABLED_UPDATE")
    v["ban_info"] = {{"waba_ban_state", f.ban_state}, {"waba_ban_date", f.ban_date}};
  if (!f.restrictions.empty()) {
    Json list = Json::array();
    for (const auto& r : f.restrictions) {
      Json one = Json::object();
      one["restriction_type"] = r.type;
      if (r.expiration) one["expiration"] = UnixSeconds(*r.expiration);
      list.push_back(std::move(one));
    }
    v["restriction_info"] = std::move(list);
  }
  if (f.event == "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE")
    v["partner_client_certification_info"] = {{"client_business_id", f.client_business_id},
                                              {"status", f.certification_status},
                                              {"rejection_reasons", f.rejection_reasons}};
  if (f.event == "MM_LITE_TERMS_SIGNED")
    v["waba_info"] = {{"owner_business_id", f.owner_business_id}, {"waba_id", f.waba_id}};
  return v;
}

// Meta (webhooks/reference/account_alerts): the entity and alert_info.
Json AccountAlertValue(const AccountAlertRaised& f) {
  Json v = Json::object();
  v["entity_type"] = f.entity_type;
  v["entity_id"] = f.entity_id;
  Json info = Json::object();
  info["alert_severity"] = f.alert_severity;
  info["alert_status"] = f.alert_status;
  info["alert_type"] = f.alert_type;
  info["alert_description"] = f.alert_description;
  v["alert_info"] = std::move(info);
  return v;
}

// Meta (webhooks/reference/account_review_update): {"decision"}.
Json AccountReviewValue(const AccountReviewDecided& f) { return Json{{"decision", f.decision}}; }

}  // namespace wasim::webhooks
