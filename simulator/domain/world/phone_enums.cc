#include "simulator/domain/world/phone_enums.h"

#include <array>
#include <utility>

namespace wasim {
namespace {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

constexpr Names<QualityRating, 5> kQuality{{{QualityRating::kGreen, "GREEN"},
                                            {QualityRating::kYellow, "YELLOW"},
                                            {QualityRating::kRed, "RED"},
                                            {QualityRating::kNa, "NA"},
                                            {QualityRating::kUnknown, "UNKNOWN"}}};
constexpr Names<ThroughputLevel, 3> kThroughput{{{ThroughputLevel::kStandard, "STANDARD"},
                                                 {ThroughputLevel::kHigh, "HIGH"},
                                                 {ThroughputLevel::kNotApplicable, "NOT_APPLICABLE"}}};
constexpr Names<NameStatus, 6> kNameStatus{{{NameStatus::kApproved, "APPROVED"},
                                            {NameStatus::kAvailableWithoutReview, "AVAILABLE_WITHOUT_REVIEW"},
                                            {NameStatus::kDeclined, "DECLINED"},
                                            {NameStatus::kExpired, "EXPIRED"},
                                            {NameStatus::kPendingReview, "PENDING_REVIEW"},
                                            {NameStatus::kNone, "NONE"}}};
constexpr Names<CodeVerificationStatus, 4> kCodeVerification{
    {{CodeVerificationStatus::kVerified, "VERIFIED"},
     {CodeVerificationStatus::kNotVerified, "NOT_VERIFIED"},
     {CodeVerificationStatus::kUnverified, "UNVERIFIED"},
     {CodeVerificationStatus::kExpired, "EXPIRED"}}};
constexpr Names<PhoneStatus, 7> kPhoneStatus{{{PhoneStatus::kConnected, "CONNECTED"},
                                              {PhoneStatus::kDisconnected, "DISCONNECTED"},
                                              {PhoneStatus::kPending, "PENDING"},
                                              {PhoneStatus::kFlagged, "FLAGGED"},
                                              {PhoneStatus::kRestricted, "RESTRICTED"},
                                              {PhoneStatus::kRateLimited, "RATE_LIMITED"},
                                              {PhoneStatus::kUnverified, "UNVERIFIED"}}};
constexpr Names<PlatformType, 3> kPlatform{{{PlatformType::kCloudApi, "CLOUD_API"},
                                            {PlatformType::kOnPremise, "ON_PREMISE"},
                                            {PlatformType::kNotApplicable, "NOT_APPLICABLE"}}};
constexpr Names<AccountMode, 2> kAccountMode{
    {{AccountMode::kLive, "LIVE"}, {AccountMode::kSandbox, "SANDBOX"}}};

template <class E, std::size_t N>
const char* NameIn(const Names<E, N>& names, E v) {
  for (const auto& [value, name] : names)
    if (value == v) return name;
  return names[0].second;
}

template <class E, std::size_t N>
std::optional<E> ParseIn(const Names<E, N>& names, std::string_view s) {
  for (const auto& [value, name] : names)
    if (s == name) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
std::vector<std::string> AllIn(const Names<E, N>& names) {
  std::vector<std::string> out;
  for (const auto& entry : names) out.emplace_back(entry.second);
  return out;
}

}  // namespace

#define WASIM_PHONE_ENUM(E, table)                           \
  const char* MetaName(E v) { return NameIn(table, v); }     \
  template <>                                                \
  std::optional<E> ParseMetaName<E>(std::string_view name) { \
    return ParseIn(table, name);                             \
  }                                                          \
  template <>                                                \
  std::vector<std::string> MetaNames<E>() {                  \
    return AllIn(table);                                     \
  }

WASIM_PHONE_ENUM(QualityRating, kQuality)
WASIM_PHONE_ENUM(ThroughputLevel, kThroughput)
WASIM_PHONE_ENUM(NameStatus, kNameStatus)
WASIM_PHONE_ENUM(CodeVerificationStatus, kCodeVerification)
WASIM_PHONE_ENUM(PhoneStatus, kPhoneStatus)
WASIM_PHONE_ENUM(PlatformType, kPlatform)
WASIM_PHONE_ENUM(AccountMode, kAccountMode)

#undef WASIM_PHONE_ENUM

}  // namespace wasim
