// Codecs of every piece of the complete state (see codec.h for the
// machinery): the world, the stores of each area, facts, timeline records,
// fault rules and webhook deliveries. Members are written under their C++
// names; times are integers (ms since the epoch), durations integers (ms).
// Only persist/ includes this header.
#pragma once
#include "simulator/core/error_json.h"
#include "simulator/core/ids.h"
#include "simulator/domain/coexistence/coexistence_store.h"
#include "simulator/domain/config.h"
#include "simulator/domain/facts/facts.h"
#include "simulator/domain/faults/fault_rule.h"
#include "simulator/domain/media/media_store.h"
#include "simulator/domain/messages/message_store.h"
#include "simulator/domain/onboarding/onboarding_store.h"
#include "simulator/domain/registration/registration_store.h"
#include "simulator/domain/rules/rules_config_json.h"
#include "simulator/domain/rules/rules_state.h"
#include "simulator/domain/templates/template_store.h"
#include "simulator/domain/timeline/records_json.h"
#include "simulator/domain/uploads/upload_store.h"
#include "simulator/domain/world/model.h"
#include "simulator/persist/codec.h"
#include "simulator/webhooks/journal.h"

// --- enums -------------------------------------------------------------------
WASIM_PERSIST_ENUM(wasim::QualityRating, {wasim::QualityRating::kGreen, "green"},
                   {wasim::QualityRating::kYellow, "yellow"}, {wasim::QualityRating::kRed, "red"},
                   {wasim::QualityRating::kNa, "na"}, {wasim::QualityRating::kUnknown, "unknown"})
WASIM_PERSIST_ENUM(wasim::ThroughputLevel, {wasim::ThroughputLevel::kStandard, "standard"},
                   {wasim::ThroughputLevel::kHigh, "high"},
                   {wasim::ThroughputLevel::kNotApplicable, "not_applicable"})
WASIM_PERSIST_ENUM(wasim::NameStatus, {wasim::NameStatus::kApproved, "approved"},
                   {wasim::NameStatus::kAvailableWithoutReview, "available_without_review"},
                   {wasim::NameStatus::kDeclined, "declined"}, {wasim::NameStatus::kExpired, "expired"},
                   {wasim::NameStatus::kPendingReview, "pending_review"}, {wasim::NameStatus::kNone, "none"})
WASIM_PERSIST_ENUM(wasim::CodeVerificationStatus, {wasim::CodeVerificationStatus::kVerified, "verified"},
                   {wasim::CodeVerificationStatus::kNotVerified, "not_verified"},
                   {wasim::CodeVerificationStatus::kUnverified, "unverified"},
                   {wasim::CodeVerificationStatus::kExpired, "expired"})
WASIM_PERSIST_ENUM(wasim::PhoneStatus, {wasim::PhoneStatus::kConnected, "connected"},
                   {wasim::PhoneStatus::kDisconnected, "disconnected"},
                   {wasim::PhoneStatus::kPending, "pending"}, {wasim::PhoneStatus::kFlagged, "flagged"},
                   {wasim::PhoneStatus::kRestricted, "restricted"},
                   {wasim::PhoneStatus::kRateLimited, "rate_limited"},
                   {wasim::PhoneStatus::kUnverified, "unverified"})
WASIM_PERSIST_ENUM(wasim::PlatformType, {wasim::PlatformType::kCloudApi, "cloud_api"},
                   {wasim::PlatformType::kOnPremise, "on_premise"},
                   {wasim::PlatformType::kNotApplicable, "not_applicable"})
WASIM_PERSIST_ENUM(wasim::AccountMode, {wasim::AccountMode::kLive, "live"},
                   {wasim::AccountMode::kSandbox, "sandbox"})
WASIM_PERSIST_ENUM(wasim::NumberMode, {wasim::NumberMode::kCloud, "cloud"},
                   {wasim::NumberMode::kCoexistence, "coexistence"})
WASIM_PERSIST_ENUM(wasim::UsernameReview, {wasim::UsernameReview::kNone, "none"},
                   {wasim::UsernameReview::kPending, "pending"},
                   {wasim::UsernameReview::kApproved, "approved"},
                   {wasim::UsernameReview::kRejected, "rejected"})
WASIM_PERSIST_ENUM(wasim::CustomerState, {wasim::CustomerState::kOnline, "online"},
                   {wasim::CustomerState::kOffline, "offline"},
                   {wasim::CustomerState::kNotOnWhatsApp, "not_on_whatsapp"},
                   {wasim::CustomerState::kOldClient, "old_client"})
WASIM_PERSIST_ENUM(wasim::MessageStatus, {wasim::MessageStatus::kAccepted, "accepted"},
                   {wasim::MessageStatus::kSent, "sent"}, {wasim::MessageStatus::kDelivered, "delivered"},
                   {wasim::MessageStatus::kRead, "read"}, {wasim::MessageStatus::kPlayed, "played"},
                   {wasim::MessageStatus::kFailed, "failed"})
WASIM_PERSIST_ENUM(wasim::PricingCategory, {wasim::PricingCategory::kService, "service"},
                   {wasim::PricingCategory::kMarketing, "marketing"},
                   {wasim::PricingCategory::kUtility, "utility"},
                   {wasim::PricingCategory::kAuthentication, "authentication"},
                   {wasim::PricingCategory::kAuthenticationInternational, "authentication_international"},
                   {wasim::PricingCategory::kReferralConversion, "referral_conversion"})
WASIM_PERSIST_ENUM(wasim::TemplateStatus, {wasim::TemplateStatus::kPending, "pending"},
                   {wasim::TemplateStatus::kApproved, "approved"},
                   {wasim::TemplateStatus::kRejected, "rejected"}, {wasim::TemplateStatus::kPaused, "paused"},
                   {wasim::TemplateStatus::kDisabled, "disabled"})
WASIM_PERSIST_ENUM(wasim::Recategorization, {wasim::Recategorization::kSettled, "settled"},
                   {wasim::Recategorization::kImpending, "impending"})
WASIM_PERSIST_ENUM(wasim::coexistence::Link, {wasim::coexistence::Link::kConnected, "connected"},
                   {wasim::coexistence::Link::kDisconnected, "disconnected"})
WASIM_PERSIST_ENUM(wasim::registration::RegistrationState,
                   {wasim::registration::RegistrationState::kUnregistered, "unregistered"},
                   {wasim::registration::RegistrationState::kRegistered, "registered"})
WASIM_PERSIST_ENUM(wasim::registration::TwoStepState,
                   {wasim::registration::TwoStepState::kDisabled, "disabled"},
                   {wasim::registration::TwoStepState::kEnabled, "enabled"})
WASIM_PERSIST_ENUM(wasim::BusinessAppHistorySynced::Kind,
                   {wasim::BusinessAppHistorySynced::Kind::kChunk, "chunk"},
                   {wasim::BusinessAppHistorySynced::Kind::kMedia, "media"},
                   {wasim::BusinessAppHistorySynced::Kind::kDeclined, "declined"})
WASIM_PERSIST_ENUM(wasim::webhooks::DeliveryState, {wasim::webhooks::DeliveryState::kPending, "pending"},
                   {wasim::webhooks::DeliveryState::kDelivered, "delivered"},
                   {wasim::webhooks::DeliveryState::kGivenUp, "given_up"})

// --- values with a codec of their own elsewhere ---------------------------------
namespace nlohmann {
template <>
struct adl_serializer<wasim::GraphError> {
  static void to_json(wasim::Json& j, const wasim::GraphError& e) { j = wasim::GraphErrorToJson(e); }
  static void from_json(const wasim::Json& j, wasim::GraphError& e) {
    std::string why;
    auto parsed = wasim::GraphErrorFromJson(j, &why);
    if (!parsed) throw wasim::persist::DocError("", "expected an error object: " + why);
    e = std::move(*parsed);
  }
};
template <>
struct adl_serializer<wasim::ErrorCode> {
  static void to_json(wasim::Json& j, const wasim::ErrorCode& c) { j = static_cast<int>(c); }
  static void from_json(const wasim::Json& j, wasim::ErrorCode& c) {
    if (!j.is_number_integer()) throw wasim::persist::DocError("", "expected an error code (integer)");
    c = static_cast<wasim::ErrorCode>(j.get<int>());
  }
};
template <>
struct adl_serializer<wasim::TimelineEntry> {
  static void to_json(wasim::Json& j, const wasim::TimelineEntry& e) { j = wasim::TimelineEntryToJson(e); }
  static void from_json(const wasim::Json& j, wasim::TimelineEntry& e) {
    auto parsed = wasim::TimelineEntryFromJson(j);
    if (!parsed) throw wasim::persist::DocError("", "expected a timeline record: " + parsed.error().details);
    e = std::move(*parsed);
  }
};
template <>
struct adl_serializer<wasim::rules::RulesConfig> {
  static void to_json(wasim::Json& j, const wasim::rules::RulesConfig& c) {
    j = wasim::rules::RulesConfigJson(c);
  }
  static void from_json(const wasim::Json& j, wasim::rules::RulesConfig& c) {
    wasim::rules::RulesConfig cfg;
    std::string why;
    if (!wasim::rules::PatchRulesConfig(cfg, j, &why)) throw wasim::persist::DocError("", why);
    c = std::move(cfg);
  }
};
template <class S>
struct adl_serializer<wasim::LifecycleSlot<S>> {
  static void to_json(wasim::Json& j, const wasim::LifecycleSlot<S>& s) {
    j = wasim::Json::object();
    j["state"] = s.state;
    j["pending"] = s.pending;
  }
  static void from_json(const wasim::Json& j, wasim::LifecycleSlot<S>& s) {
    wasim::persist::ExpectObject(j);
    wasim::persist::ReadField(j, "state", s.state);
    wasim::persist::ReadField(j, "pending", s.pending);
  }
};
// Counters with private state: their exact contents.
template <>
struct adl_serializer<wasim::rules::SlidingCounter> {
  static void to_json(wasim::Json& j, const wasim::rules::SlidingCounter& c) { j = c.times(); }
  static void from_json(const wasim::Json& j, wasim::rules::SlidingCounter& c) {
    std::deque<wasim::TimeMs> times;
    wasim::persist::ReadValue(j, times);
    c = wasim::rules::SlidingCounter::Restored(std::move(times));
  }
};
template <>
struct adl_serializer<wasim::rules::TokenBucket> {
  static void to_json(wasim::Json& j, const wasim::rules::TokenBucket& b) {
    j = {{"updated_at", b.updated_at() ? wasim::Json(*b.updated_at()) : wasim::Json(nullptr)},
         {"credit", b.credit()}};
  }
  static void from_json(const wasim::Json& j, wasim::rules::TokenBucket& b) {
    wasim::persist::ExpectObject(j);
    std::optional<wasim::TimeMs> updated_at;
    wasim::DurationMs credit = 0;
    wasim::persist::ReadField(j, "updated_at", updated_at);
    wasim::persist::ReadField(j, "credit", credit);
    b = wasim::rules::TokenBucket::Restored(updated_at, credit);
  }
};
template <>
struct adl_serializer<wasim::rules::UniqueUserWindow> {
  static void to_json(wasim::Json& j, const wasim::rules::UniqueUserWindow& w) { j = w.reached(); }
  static void from_json(const wasim::Json& j, wasim::rules::UniqueUserWindow& w) {
    std::deque<std::pair<wasim::TimeMs, std::string>> reached;
    wasim::persist::ReadValue(j, reached);
    w = wasim::rules::UniqueUserWindow::Restored(reached);
  }
};
// Upload sessions hold raw bytes: base64.
template <>
struct adl_serializer<wasim::uploads::UploadSession> {
  static void to_json(wasim::Json& j, const wasim::uploads::UploadSession& s) {
    j = {{"id", s.id},
         {"app_id", s.app_id},
         {"file_name", s.file_name},
         {"file_type", s.file_type},
         {"file_length", s.file_length},
         {"bytes_base64", wasim::Base64Encode(s.bytes)},
         {"handle", s.handle},
         {"created_at", s.created_at}};
  }
  static void from_json(const wasim::Json& j, wasim::uploads::UploadSession& s) {
    wasim::persist::ExpectObject(j);
    wasim::persist::ReadField(j, "id", s.id);
    wasim::persist::ReadField(j, "app_id", s.app_id);
    wasim::persist::ReadField(j, "file_name", s.file_name);
    wasim::persist::ReadField(j, "file_type", s.file_type);
    wasim::persist::ReadField(j, "file_length", s.file_length);
    std::string b64;
    wasim::persist::ReadField(j, "bytes_base64", b64);
    if (!wasim::Base64Decode(b64, &s.bytes))
      throw wasim::persist::DocError(".bytes_base64", "expected base64");
    wasim::persist::ReadField(j, "handle", s.handle);
    wasim::persist::ReadField(j, "created_at", s.created_at);
  }
};
}  // namespace nlohmann

// --- the world -------------------------------------------------------------------
WASIM_PERSIST_CODEC(wasim::App, id, name, secret, webhook_api_version, callback_url, verify_token,
                    subscribed_fields)
WASIM_PERSIST_CODEC(wasim::Business, id, name, verified, messaging_limit, payment_method_ok)
WASIM_PERSIST_CODEC(wasim::Waba, id, name, business_id, currency, timezone_id, message_template_namespace,
                    account_review_status, primary_business_location, locked, ban_state,
                    templates_blocked_until, messages_blocked_until, restricted_calling_codes, policy_blocked,
                    phone_number_ids, subscribed_app_ids, override_callback_uri, override_verify_token,
                    is_enabled_for_insights, purchase_order_number)
WASIM_PERSIST_CODEC(wasim::BusinessAppContact, phone_number, full_name, first_name)
WASIM_PERSIST_CODEC(wasim::BusinessAppMessage, age, from_business, type, text, status)
WASIM_PERSIST_CODEC(wasim::BusinessAppThread, wa_id, messages)
WASIM_PERSIST_CODEC(wasim::BusinessApp, contacts, threads, shares_history, companions)
WASIM_PERSIST_CODEC(wasim::DisplayNameReview, slot, is_edit, new_display_name, new_name_status, decision,
                    rejection_reason, delay, decides_at)
WASIM_PERSIST_CODEC(wasim::BusinessUsername, username, requested, slot, decision, rejection_reasons,
                    decides_at)
WASIM_PERSIST_CODEC(wasim::BusinessProfile, about, address, description, email, profile_picture_url, websites,
                    vertical)
WASIM_PERSIST_CODEC(wasim::PhoneNumber, id, waba_id, display_phone_number, verified_name, name_status,
                    name_review, username, code_verification_status, quality_rating, platform_type,
                    throughput_level, status, account_mode, registered, deleted, mode, onboarded_at,
                    business_app, pin, undelivered_code_methods, is_test_number, allowed_recipients,
                    business_profile)
WASIM_PERSIST_CODEC(wasim::Customer, wa_id, profile_name, state, auto_read, in_marketing_experiment, username,
                    bsuid_by_business)
WASIM_PERSIST_CODEC(wasim::UserIdentity, user_id, username, country_code, phone_hidden)
WASIM_PERSIST_CODEC(wasim::CustomerRelation, last_inbound_at, last_referral_at, blocked_business,
                    marketing_opt_out, free_entry_point_started_at, last_send_to_phone_at,
                    saved_business_number, call_permission_requests_at)
WASIM_PERSIST_CODEC(wasim::AccessToken, token, app_id, type, waba_ids, expires_at)
WASIM_PERSIST_CODEC(wasim::Accounts, apps, businesses, wabas, phone_numbers, tokens)
WASIM_PERSIST_CODEC(wasim::SimConfig, sent_latency, delivered_latency, read_latency, failed_status_delay,
                    template_review_delay, display_name_review_delay, username_review_delay, media_ttl,
                    media_url_ttl, message_ttl, unknown_recipients_on_whatsapp, rules)

// --- messages, media, templates ------------------------------------------------------
WASIM_PERSIST_CODEC(wasim::StatusEntry, status, at, error)
WASIM_PERSIST_CODEC(wasim::PricingInfo, billable, type, category, conversation_id, conversation_expires_at)
WASIM_PERSIST_CODEC(wasim::OutboundMessage, wamid, phone_number_id, waba_id, to_input, wa_id, to_user_id,
                    type, payload, biz_opaque_callback_data, context_message_id, is_template, template_text,
                    category, accepted_at, pricing, statuses)
WASIM_PERSIST_CODEC(wasim::InboundMessage, wamid, phone_number_id, from, type, content, at, read_by_business)
WASIM_PERSIST_CODEC(wasim::MediaObject, id, phone_number_id, waba_id, mime_type, filename, sha256, size,
                    uploaded_at, expires_at, inbound, url_tokens)
WASIM_PERSIST_CODEC(wasim::MediaUrlToken, media_id, expires_at)
WASIM_PERSIST_CODEC(wasim::MediaStore, by_id, by_url_token, url_tokens_by_expiry)
WASIM_PERSIST_CODEC(wasim::MessageTemplate, id, waba_id, name, language, category, previous_category, status,
                    parameter_format, quality_score, rejected_reason, components, created_at,
                    message_send_ttl_seconds, pending_decision, pending_reason, pending_rejection_info,
                    review_delay, next_reason, next_rejection_info, paced, approved_edits, recategorization,
                    impending_category, impending_at)

// --- the other areas -------------------------------------------------------------------
WASIM_PERSIST_CODEC(wasim::rules::LimitUpgradeTracking, half_used_at, pending)
WASIM_PERSIST_CODEC(wasim::rules::RulesState, throughput, pair_buckets, reached, marketing_received, upgrades,
                    graph_calls)
WASIM_PERSIST_CODEC(wasim::onboarding::SignupCode, app_id, business_id, waba_id, issued_at, used)
WASIM_PERSIST_CODEC(wasim::onboarding::OnboardingStore, codes, unannounced_shares, code_ttl)
WASIM_PERSIST_CODEC(wasim::registration::SentCode, method, language, code, sent_at, expires_at, delivered,
                    used)
WASIM_PERSIST_CODEC(wasim::registration::WindowedLimit, requests, blocked_until)
WASIM_PERSIST_CODEC(wasim::registration::NumberRegistration, codes, code_requests, last_request_by_method,
                    wrong_code_guesses, code_guess_locked_until, verified_at, registered_until,
                    wrong_pin_guesses, pin_locked_until, register_limit, deregister_limit,
                    data_localization_region, previous_account_deleted_at, verification, registration,
                    two_step)
WASIM_PERSIST_CODEC(wasim::uploads::UploadedFile, handle, session_id, app_id, file_name, file_type, size,
                    sha256)
WASIM_PERSIST_CODEC(wasim::uploads::UploadStore, sessions, files)
WASIM_PERSIST_CODEC(wasim::faults::FaultMatch, method, path, phone_number_id, to, type)
WASIM_PERSIST_CODEC(wasim::faults::FaultAction, error, error_details, status, body, drop, latency_ms)
WASIM_PERSIST_CODEC(wasim::faults::FaultRule, id, match, times, every, action, matched, fired)

// --- facts -------------------------------------------------------------------------------
WASIM_PERSIST_CODEC(wasim::ApiCallHandled, method, path, query, status, error_code, request_body,
                    response_body, request_truncated, response_truncated, fault_id, dropped)
WASIM_PERSIST_CODEC(wasim::MessageAccepted, waba_id, phone_number_id, wamid, to, type, template_name)
WASIM_PERSIST_CODEC(wasim::StatusChanged, waba_id, phone_number_id, wamid, recipient_id, status, error,
                    pricing, biz_opaque_callback_data, conversation_id, conversation_expires_at, user,
                    to_user_id, profile_name)
WASIM_PERSIST_CODEC(wasim::InboundReceived, waba_id, phone_number_id, from, profile_name, wamid, type,
                    content, context, referral, error, user)
WASIM_PERSIST_CODEC(wasim::TemplateStatusChanged, waba_id, template_id, name, language, category, status,
                    reason, rejection_info)
WASIM_PERSIST_CODEC(wasim::TemplateCategoryChanged, waba_id, template_id, name, language, phase,
                    previous_category, new_category, correct_category, update_at)
WASIM_PERSIST_CODEC(wasim::TemplateQualityChanged, waba_id, template_id, name, language, previous_score,
                    new_score)
WASIM_PERSIST_CODEC(wasim::MessagingLimitChanged::Phone, phone_number_id, display_phone_number)
WASIM_PERSIST_CODEC(wasim::MessagingLimitChanged::WabaPhones, waba_id, phones)
WASIM_PERSIST_CODEC(wasim::MessagingLimitChanged, business_id, old_limit, new_limit, wabas)
WASIM_PERSIST_CODEC(wasim::ThroughputUpgraded, waba_id, phone_number_id, display_phone_number)
WASIM_PERSIST_CODEC(wasim::PhoneNameDecided, waba_id, phone_number_id, display_phone_number, decision,
                    requested_verified_name, rejection_reason)
WASIM_PERSIST_CODEC(wasim::PhoneUsernameDecided, waba_id, phone_number_id, display_phone_number, decision,
                    requested_username, rejection_reasons)
WASIM_PERSIST_CODEC(wasim::BusinessAppContactsSynced, waba_id, phone_number_id, display_phone_number,
                    contacts, action, users)
WASIM_PERSIST_CODEC(wasim::BusinessAppHistorySynced::Message, thread_wa_id, from, to, wamid, sent_at, type,
                    content, status, user)
WASIM_PERSIST_CODEC(wasim::BusinessAppHistorySynced, waba_id, phone_number_id, display_phone_number, kind,
                    phase, chunk_order, progress, messages, error)
WASIM_PERSIST_CODEC(wasim::BusinessAppEchoed, waba_id, phone_number_id, from, to, wamid, type, content, user)
WASIM_PERSIST_CODEC(wasim::PartnerChanged, waba_id, owner_business_id, event, phone_number, reason,
                    initiated_by)
WASIM_PERSIST_CODEC(wasim::CompanionsUnlinked, waba_id, phone_number_id, count)
WASIM_PERSIST_CODEC(wasim::AccountUpdated::Restriction, type, expiration)
WASIM_PERSIST_CODEC(wasim::AccountUpdated::ExceptionCountry, country_code, start_time)
WASIM_PERSIST_CODEC(wasim::AccountUpdated::VolumeTier, pricing_category, tier, effective_month, region)
WASIM_PERSIST_CODEC(wasim::AccountUpdated, waba_id, event, phone_number, violation_type, ban_state, ban_date,
                    restrictions, country, owner_business_id, auth_intl_start_time, exception_countries,
                    client_business_id, certification_status, rejection_reasons, volume_tier)
WASIM_PERSIST_CODEC(wasim::AccountAlertRaised, waba_id, entity_type, entity_id, alert_severity, alert_status,
                    alert_type, alert_description)
WASIM_PERSIST_CODEC(wasim::AccountReviewDecided, waba_id, decision)
WASIM_PERSIST_CODEC(wasim::WebhookAttempted, delivery_id, app_id, field, url, attempt, response_status, error,
                    outcome)
WASIM_PERSIST_CODEC(wasim::LifecycleChanged, machine, object_id, from, to, cause)
WASIM_PERSIST_CODEC(wasim::VerificationCodeSent, waba_id, phone_number_id, method, language, code, delivered,
                    expires_at)
WASIM_PERSIST_CODEC(wasim::TwoStepSecurityEvent, waba_id, phone_number_id, display_phone_number, event,
                    requester)

WASIM_PERSIST_CODEC(wasim::coexistence::Settings, inactivity_threshold, sync_interval, messages_per_chunk)
WASIM_PERSIST_CODEC(wasim::coexistence::NumberState, link, contacts_requested_at, history_requested_at,
                    last_opened_at, disconnect_due_at, disconnect_reason, disconnect_initiated_by,
                    history_pending, companions_unlinked, pairing_error)
WASIM_PERSIST_CODEC(wasim::coexistence::CoexistenceStore, numbers, settings)

WASIM_PERSIST_CODEC(wasim::webhooks::AttemptRecord, number, at, url, signature, response_status, error,
                    response_body, latency_ms, next_retry_at)

namespace nlohmann {
// A fact: {"seq","at","type", "body": {its own fields}}; `type` names the alternative.
template <>
struct adl_serializer<wasim::Fact> {
  static void to_json(wasim::Json& j, const wasim::Fact& f) {
    j = wasim::Json::object();
    j["seq"] = f.seq;
    j["at"] = f.at;
    j["type"] = wasim::FactTypeName(f.body);
    std::visit([&](const auto& body) { j["body"] = body; }, f.body);
  }
  static void from_json(const wasim::Json& j, wasim::Fact& f) {
    wasim::persist::ExpectObject(j);
    wasim::persist::ReadRequired(j, "seq", f.seq);
    wasim::persist::ReadRequired(j, "at", f.at);
    std::string type;
    wasim::persist::ReadRequired(j, "type", type);
    if (!ReadAlternative(j, type, f.body, std::make_index_sequence<std::variant_size_v<wasim::FactBody>>{}))
      throw wasim::persist::DocError(".type", "expected a fact type, found \"" + type + "\"");
  }
  template <size_t... I>
  static bool ReadAlternative(const wasim::Json& j, const std::string& type, wasim::FactBody& body,
                              std::index_sequence<I...>) {
    return (ReadOne<I>(j, type, body) || ...);
  }
  template <size_t I>
  static bool ReadOne(const wasim::Json& j, const std::string& type, wasim::FactBody& body) {
    using Alt = std::variant_alternative_t<I, wasim::FactBody>;
    if (type != wasim::FactTypeName(wasim::FactBody(std::in_place_index<I>))) return false;
    Alt value{};
    wasim::persist::ReadRequired(j, "body", value);
    body = std::move(value);
    return true;
  }
};

// A webhook delivery: its body is the exact bytes POSTed (text JSON).
template <>
struct adl_serializer<wasim::webhooks::Delivery> {
  static void to_json(wasim::Json& j, const wasim::webhooks::Delivery& d) {
    j = {{"seq", d.seq},
         {"id", d.id},
         {"app_id", d.app_id},
         {"url", d.url},
         {"waba_id", d.waba_id},
         {"field", d.field},
         {"ordering_keys", d.ordering_keys},
         {"wamids", d.wamids},
         {"updates", d.updates},
         {"body", d.body ? *d.body : std::string()},
         {"created_at", d.created_at},
         {"first_attempt_at", d.first_attempt_at},
         {"next_attempt_at", d.next_attempt_at},
         {"state", d.state},
         {"attempts", d.attempts},
         {"redelivery_of", d.redelivery_of},
         {"duplicate_of", d.duplicate_of}};
  }
  static void from_json(const wasim::Json& j, wasim::webhooks::Delivery& d) {
    using wasim::persist::ReadField;
    wasim::persist::ExpectObject(j);
    wasim::persist::ReadRequired(j, "seq", d.seq);
    ReadField(j, "id", d.id);
    ReadField(j, "app_id", d.app_id);
    ReadField(j, "url", d.url);
    ReadField(j, "waba_id", d.waba_id);
    ReadField(j, "field", d.field);
    ReadField(j, "ordering_keys", d.ordering_keys);
    ReadField(j, "wamids", d.wamids);
    ReadField(j, "updates", d.updates);
    std::string body;
    ReadField(j, "body", body);
    d.body = std::make_shared<const std::string>(std::move(body));
    ReadField(j, "created_at", d.created_at);
    ReadField(j, "first_attempt_at", d.first_attempt_at);
    ReadField(j, "next_attempt_at", d.next_attempt_at);
    ReadField(j, "state", d.state);
    ReadField(j, "attempts", d.attempts);
    ReadField(j, "redelivery_of", d.redelivery_of);
    ReadField(j, "duplicate_of", d.duplicate_of);
  }
};
}  // namespace nlohmann
