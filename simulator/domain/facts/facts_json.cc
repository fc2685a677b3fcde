#include "simulator/domain/facts/facts_json.h"

#include <utility>

#include "simulator/core/error_json.h"
#include "simulator/core/variant_util.h"

namespace wasim {
namespace {

Json OptionalError(const std::optional<GraphError>& e) { return e ? GraphErrorToJson(*e) : Json(nullptr); }

void Fields(Json& j, const ApiCallHandled& f) {
  j["method"] = f.method;
  j["path"] = f.path;
  // Only with a query string, so the shape of other calls stays as it was.
  if (!f.query.empty()) {
    Json q = Json::object();
    for (const auto& [k, v] : f.query) q[k] = v;
    j["query"] = q;
  }
  j["status"] = f.status;
  j["error_code"] = f.error_code ? Json(f.error_code) : Json(nullptr);
  j["request_body"] = f.request_body;
  j["request_truncated"] = f.request_truncated;
  j["response_body"] = f.response_body;
  j["response_truncated"] = f.response_truncated;
  // Only on faulted calls, so fault-free logs keep their shape.
  if (!f.fault_id.empty()) j["fault_id"] = f.fault_id;
  if (f.dropped) j["dropped"] = true;
}

// The business-scoped identity, only once BSUIDs are shared.
void UserFields(Json& j, const UserIdentity& u) {
  if (u.user_id.empty()) return;
  j["user_id"] = u.user_id;
  if (!u.username.empty()) j["username"] = u.username;
  j["country_code"] = u.country_code;
  j["phone_hidden"] = u.phone_hidden;
}

void Fields(Json& j, const MessageAccepted& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["wamid"] = f.wamid;
  j["to"] = f.to;
  j["message_type"] = f.type;
  if (!f.template_name.empty()) j["template_name"] = f.template_name;
}

void Fields(Json& j, const StatusChanged& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["wamid"] = f.wamid;
  j["recipient_id"] = f.recipient_id;
  j["status"] = MessageStatusName(f.status);
  j["error"] = OptionalError(f.error);
  if (f.pricing) {
    j["pricing"] = {{"billable", f.pricing->billable},
                    {"type", f.pricing->type},
                    {"category", PricingCategoryName(f.pricing->category)}};
  }
  if (!f.biz_opaque_callback_data.empty()) j["biz_opaque_callback_data"] = f.biz_opaque_callback_data;
  if (!f.conversation_id.empty()) j["conversation_id"] = f.conversation_id;
  if (f.conversation_expires_at) j["conversation_expires_at"] = FormatIso8601(*f.conversation_expires_at);
  UserFields(j, f.user);
  if (f.to_user_id) j["to_user_id"] = true;
}

void Fields(Json& j, const InboundReceived& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["from"] = f.from;
  j["profile_name"] = f.profile_name;
  j["wamid"] = f.wamid;
  j["message_type"] = f.type;
  j["content"] = f.content;
  if (!f.context.is_null()) j["context"] = f.context;
  if (!f.referral.is_null()) j["referral"] = f.referral;
  j["error"] = OptionalError(f.error);
  UserFields(j, f.user);
}

void Fields(Json& j, const TemplateStatusChanged& f) {
  j["waba_id"] = f.waba_id;
  j["template_id"] = f.template_id;
  j["name"] = f.name;
  j["language"] = f.language;
  j["category"] = f.category;
  j["status"] = f.status;
  j["reason"] = f.reason;
  if (!f.rejection_info.is_null()) j["rejection_info"] = f.rejection_info;
}

void Fields(Json& j, const TemplateQualityChanged& f) {
  j["waba_id"] = f.waba_id;
  j["template_id"] = f.template_id;
  j["name"] = f.name;
  j["language"] = f.language;
  j["previous_score"] = f.previous_score;
  j["new_score"] = f.new_score;
}

void Fields(Json& j, const TemplateCategoryChanged& f) {
  j["waba_id"] = f.waba_id;
  j["template_id"] = f.template_id;
  j["name"] = f.name;
  j["language"] = f.language;
  j["phase"] = f.phase;
  if (!f.previous_category.empty()) j["previous_category"] = f.previous_category;
  j["new_category"] = f.new_category;
  if (!f.correct_category.empty()) {
    j["correct_category"] = f.correct_category;
    j["update_at"] = FormatIso8601(f.update_at);
  }
}

void Fields(Json& j, const MessagingLimitChanged& f) {
  j["business_id"] = f.business_id;
  j["old_limit"] = f.old_limit;
  j["new_limit"] = f.new_limit;
  Json wabas = Json::array();
  for (const auto& w : f.wabas) {
    Json phones = Json::array();
    for (const auto& p : w.phones) phones.push_back(p.phone_number_id);
    wabas.push_back({{"waba_id", w.waba_id}, {"phone_number_ids", phones}});
  }
  j["wabas"] = wabas;
}

void Fields(Json& j, const ThroughputUpgraded& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["display_phone_number"] = f.display_phone_number;
}

void Fields(Json& j, const WebhookAttempted& f) {
  j["delivery_id"] = f.delivery_id;
  j["app_id"] = f.app_id;
  j["field"] = f.field;
  j["url"] = f.url;
  j["attempt"] = f.attempt;
  j["response_status"] = f.response_status ? Json(f.response_status) : Json(nullptr);
  if (!f.error.empty()) j["error"] = f.error;
  j["outcome"] = f.outcome;
}

void Fields(Json& j, const LifecycleChanged& f) {
  j["machine"] = f.machine;
  j["object_id"] = f.object_id;
  j["from"] = f.from;
  j["to"] = f.to;
  j["cause"] = f.cause;
}

void Fields(Json& j, const PhoneUsernameDecided& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["display_phone_number"] = f.display_phone_number;
  j["decision"] = f.decision;
  j["requested_username"] = f.requested_username;
  j["rejection_reasons"] = f.rejection_reasons;
}

void Fields(Json& j, const PhoneNameDecided& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["display_phone_number"] = f.display_phone_number;
  j["decision"] = f.decision;
  j["requested_verified_name"] = f.requested_verified_name;
  j["rejection_reason"] = f.rejection_reason.empty() ? Json(nullptr) : Json(f.rejection_reason);
}

void Fields(Json& j, const BusinessAppContactsSynced& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["action"] = f.action;
  Json contacts = Json::array();
  for (size_t i = 0; i < f.contacts.size(); ++i) {
    const auto& c = f.contacts[i];
    Json one = {{"phone_number", c.phone_number}, {"full_name", c.full_name}, {"first_name", c.first_name}};
    if (i < f.users.size()) UserFields(one, f.users[i]);
    contacts.push_back(std::move(one));
  }
  j["contacts"] = contacts;
}

const char* HistoryKindName(BusinessAppHistorySynced::Kind k) {
  switch (k) {
    case BusinessAppHistorySynced::Kind::kChunk:
      return "chunk";
    case BusinessAppHistorySynced::Kind::kMedia:
      return "media";
    case BusinessAppHistorySynced::Kind::kDeclined:
      return "declined";
  }
  return "?";
}

void Fields(Json& j, const BusinessAppHistorySynced& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["kind"] = HistoryKindName(f.kind);
  j["phase"] = f.phase;
  j["chunk_order"] = f.chunk_order;
  j["progress"] = f.progress;
  Json messages = Json::array();
  for (const auto& m : f.messages) {
    Json one = {{"thread", m.thread_wa_id},
                {"from", m.from},
                {"wamid", m.wamid},
                {"message_type", m.type},
                {"sent_at", FormatIso8601(m.sent_at)}};
    UserFields(one, m.user);
    messages.push_back(std::move(one));
  }
  j["messages"] = messages;
  j["error"] = OptionalError(f.error);
}

void Fields(Json& j, const BusinessAppEchoed& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["from"] = f.from;
  j["to"] = f.to;
  j["wamid"] = f.wamid;
  j["message_type"] = f.type;
  j["content"] = f.content;
  UserFields(j, f.user);
}

void Fields(Json& j, const PartnerChanged& f) {
  j["waba_id"] = f.waba_id;
  j["owner_business_id"] = f.owner_business_id;
  j["event"] = f.event;
  if (!f.phone_number.empty()) j["phone_number"] = f.phone_number;
  if (!f.reason.empty()) j["reason"] = f.reason;
  if (!f.initiated_by.empty()) j["initiated_by"] = f.initiated_by;
}

void Fields(Json& j, const CompanionsUnlinked& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["count"] = f.count;
}

void Fields(Json& j, const VerificationCodeSent& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["method"] = f.method;
  j["language"] = f.language;
  j["code"] = f.code;
  j["delivered"] = f.delivered;
  j["expires_at"] = FormatIso8601(f.expires_at);
}

void Fields(Json& j, const TwoStepSecurityEvent& f) {
  j["waba_id"] = f.waba_id;
  j["phone_number_id"] = f.phone_number_id;
  j["display_phone_number"] = f.display_phone_number;
  j["event"] = f.event;
  j["requester"] = f.requester.empty() ? Json(nullptr) : Json(f.requester);
}

void Fields(Json& j, const AccountUpdated& f) {
  j["waba_id"] = f.waba_id;
  j["event"] = f.event;
  if (!f.phone_number.empty()) j["phone_number"] = f.phone_number;
  if (!f.violation_type.empty()) j["violation_type"] = f.violation_type;
  if (!f.ban_state.empty()) j["ban_state"] = f.ban_state;
  if (!f.ban_date.empty()) j["ban_date"] = f.ban_date;
  if (!f.restrictions.empty()) {
    Json list = Json::array();
    for (const auto& r : f.restrictions)
      list.push_back({{"restriction_type", r.type},
                      {"expiration", r.expiration ? Json(FormatIso8601(*r.expiration)) : Json(nullptr)}});
    j["restrictions"] = list;
  }
  if (!f.country.empty()) j["country"] = f.country;
  if (!f.owner_business_id.empty()) j["owner_business_id"] = f.owner_business_id;
  if (f.auth_intl_start_time) {
    j["start_time"] = FormatIso8601(*f.auth_intl_start_time);
    Json list = Json::array();
    for (const auto& c : f.exception_countries)
      list.push_back({{"country_code", c.country_code}, {"start_time", FormatIso8601(c.start_time)}});
    j["exception_countries"] = list;
  }
  if (f.volume_tier) {
    j["pricing_category"] = f.volume_tier->pricing_category;
    j["tier"] = f.volume_tier->tier;
    j["effective_month"] = f.volume_tier->effective_month;
    j["region"] = f.volume_tier->region;
  }
  if (!f.certification_status.empty()) {
    j["client_business_id"] = f.client_business_id;
    j["status"] = f.certification_status;
    j["rejection_reasons"] = f.rejection_reasons;
  }
}

void Fields(Json& j, const AccountAlertRaised& f) {
  j["waba_id"] = f.waba_id;
  j["entity_type"] = f.entity_type;
  j["entity_id"] = f.entity_id;
  j["alert_severity"] = f.alert_severity;
  j["alert_status"] = f.alert_status;
  j["alert_type"] = f.alert_type;
  j["alert_description"] = f.alert_description;
}

void Fields(Json& j, const AccountReviewDecided& f) {
  j["waba_id"] = f.waba_id;
  j["decision"] = f.decision;
}

}  // namespace

const char* FactTypeName(const FactBody& b) {
  return std::visit(Overloaded{
                        [](const ApiCallHandled&) { return "api_call"; },
                        [](const MessageAccepted&) { return "message_accepted"; },
                        [](const StatusChanged&) { return "status_changed"; },
                        [](const InboundReceived&) { return "inbound_received"; },
                        [](const TemplateStatusChanged&) { return "template_status_changed"; },
                        [](const TemplateQualityChanged&) { return "template_quality_changed"; },
                        [](const TemplateCategoryChanged&) { return "template_category_changed"; },
                        [](const MessagingLimitChanged&) { return "messaging_limit_changed"; },
                        [](const ThroughputUpgraded&) { return "throughput_upgraded"; },
                        [](const WebhookAttempted&) { return "webhook_attempted"; },
                        [](const LifecycleChanged&) { return "lifecycle_changed"; },
                        [](const PhoneNameDecided&) { return "phone_name_decided"; },
                        [](const PhoneUsernameDecided&) { return "phone_username_decided"; },
                        [](const BusinessAppContactsSynced&) { return "business_app_contacts_synced"; },
                        [](const BusinessAppHistorySynced&) { return "business_app_history_synced"; },
                        [](const BusinessAppEchoed&) { return "business_app_echoed"; },
                        [](const PartnerChanged&) { return "partner_changed"; },
                        [](const CompanionsUnlinked&) { return "companions_unlinked"; },
                        [](const VerificationCodeSent&) { return "verification_code_sent"; },
                        [](const TwoStepSecurityEvent&) { return "two_step_security_event"; },
                        [](const AccountUpdated&) { return "account_updated"; },
                        [](const AccountReviewDecided&) { return "account_review_decided"; },
                        [](const AccountAlertRaised&) { return "account_alert_raised"; },
                    },
                    b);
}

const std::vector<std::string>& AllFactTypeNames() {
  static const std::vector<std::string> names =
      AlternativeNames<FactBody>([](const FactBody& v) { return FactTypeName(v); });
  return names;
}

std::vector<std::string> FactObjectIds(const FactBody& b) {
  return std::visit(Overloaded{
                        [](const ApiCallHandled&) { return std::vector<std::string>{}; },
                        [](const MessageAccepted& f) {
                          return std::vector{f.wamid, f.phone_number_id, f.to, f.waba_id};
                        },
                        [](const StatusChanged& f) {
                          return std::vector{f.wamid, f.phone_number_id, f.recipient_id, f.waba_id};
                        },
                        [](const InboundReceived& f) {
                          return std::vector{f.wamid, f.phone_number_id, f.from, f.waba_id};
                        },
                        [](const TemplateStatusChanged& f) {
                          return std::vector{f.template_id, f.waba_id};
                        },
                        [](const TemplateQualityChanged& f) {
                          return std::vector{f.template_id, f.waba_id};
                        },
                        [](const TemplateCategoryChanged& f) {
                          return std::vector{f.template_id, f.waba_id};
                        },
                        [](const MessagingLimitChanged& f) { return std::vector{f.business_id}; },
                        [](const ThroughputUpgraded& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const WebhookAttempted& f) {
                          return std::vector{f.delivery_id, f.app_id};
                        },
                        [](const LifecycleChanged& f) { return std::vector{f.object_id}; },
                        [](const PhoneNameDecided& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const AccountAlertRaised& f) {
                          return std::vector{f.entity_id, f.waba_id};
                        },
                        [](const PhoneUsernameDecided& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const BusinessAppContactsSynced& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const BusinessAppHistorySynced& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const BusinessAppEchoed& f) {
                          return std::vector{f.wamid, f.phone_number_id, f.to, f.waba_id};
                        },
                        [](const PartnerChanged& f) {
                          return std::vector{f.waba_id, f.owner_business_id};
                        },
                        [](const CompanionsUnlinked& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const VerificationCodeSent& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const TwoStepSecurityEvent& f) {
                          return std::vector{f.phone_number_id, f.waba_id};
                        },
                        [](const AccountUpdated& f) { return std::vector{f.waba_id}; },
                        [](const AccountReviewDecided& f) { return std::vector{f.waba_id}; },
                    },
                    b);
}

Json FactToJson(const Fact& f) {
  Json j = Json::object();
  j["seq"] = f.seq;
  j["at"] = FormatIso8601(f.at);
  j["at_ms"] = f.at;
  j["type"] = FactTypeName(f.body);
  std::visit([&](const auto& body) { Fields(j, body); }, f.body);
  return j;
}

}  // namespace wasim
