// What a phone number's statuses can be, as enums; Meta's strings (from its
// OpenAPI description of WhatsAppBusinessPhoneNumber, v23.0) appear only in
// MetaName/ParseMetaName, the codec every reader and writer goes through.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasim {

// Meta: GREEN high, YELLOW medium, RED low, NA / UNKNOWN not determined yet.
enum class QualityRating { kGreen, kYellow, kRed, kNa, kUnknown };
// Assumption: HIGH marks a number upgraded to 1,000 messages/s.
enum class ThroughputLevel { kStandard, kHigh, kNotApplicable };
// The display name's review state (Meta's name_status).
enum class NameStatus { kApproved, kAvailableWithoutReview, kDeclined, kExpired, kPendingReview, kNone };
// Meta documents VERIFIED/UNVERIFIED on one schema and VERIFIED/NOT_VERIFIED on
// another; EXPIRED appears in its phone-number guides.
enum class CodeVerificationStatus { kVerified, kNotVerified, kUnverified, kExpired };
// The number's connection status (Meta's `status`).
enum class PhoneStatus {
  kConnected,
  kDisconnected,
  kPending,
  kFlagged,
  kRestricted,
  kRateLimited,
  kUnverified
};
enum class PlatformType { kCloudApi, kOnPremise, kNotApplicable };
enum class AccountMode { kLive, kSandbox };

const char* MetaName(QualityRating v);
const char* MetaName(ThroughputLevel v);
const char* MetaName(NameStatus v);
const char* MetaName(CodeVerificationStatus v);
const char* MetaName(PhoneStatus v);
const char* MetaName(PlatformType v);
const char* MetaName(AccountMode v);

// The value Meta calls `name`, or nullopt. Defined for the enums above.
template <class E>
std::optional<E> ParseMetaName(std::string_view name);
// Meta's names of every value, in declaration order (for error messages).
template <class E>
std::vector<std::string> MetaNames();

}  // namespace wasim
