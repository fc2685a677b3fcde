#include "simulator/domain/messages/message_store.h"

namespace wasim {

const char* MessageStatusName(MessageStatus s) {
  switch (s) {
    case MessageStatus::kAccepted:
      return "accepted";
    case MessageStatus::kSent:
      return "sent";
    case MessageStatus::kDelivered:
      return "delivered";
    case MessageStatus::kRead:
      return "read";
    case MessageStatus::kFailed:
      return "failed";
  }
  return "accepted";
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view name) {
  for (MessageStatus s : {MessageStatus::kAccepted, MessageStatus::kSent, MessageStatus::kDelivered,
                          MessageStatus::kRead, MessageStatus::kFailed})
    if (name == MessageStatusName(s)) return s;
  return std::nullopt;
}

int MessageStatusRank(MessageStatus s) {
  switch (s) {
    case MessageStatus::kAccepted:
      return 0;
    case MessageStatus::kSent:
      return 1;
    case MessageStatus::kDelivered:
      return 2;
    case MessageStatus::kRead:
      return 3;
    case MessageStatus::kFailed:
      return 4;
  }
  return 0;
}

const char* PricingCategoryName(PricingCategory c) {
  switch (c) {
    case PricingCategory::kService:
      return "service";
    case PricingCategory::kMarketing:
      return "marketing";
    case PricingCategory::kUtility:
      return "utility";
    case PricingCategory::kAuthentication:
      return "authentication";
    case PricingCategory::kAuthenticationInternational:
      return "authentication-international";
    case PricingCategory::kReferralConversion:
      return "referral_conversion";
  }
  return "service";
}

OutboundMessage& MessageStore::Add(OutboundMessage m) {
  std::string id = m.wamid;
  auto [it, inserted] = by_id_.emplace(id, std::move(m));
  if (inserted) order_.push_back(id);
  return it->second;
}

OutboundMessage* MessageStore::Find(const std::string& wamid) {
  auto it = by_id_.find(wamid);
  return it == by_id_.end() ? nullptr : &it->second;
}

const OutboundMessage* MessageStore::Find(const std::string& wamid) const {
  auto it = by_id_.find(wamid);
  return it == by_id_.end() ? nullptr : &it->second;
}

InboundMessage& InboundStore::Add(InboundMessage m) {
  std::string id = m.wamid;
  auto [it, inserted] = by_id_.emplace(id, std::move(m));
  if (inserted) order_.push_back(id);
  return it->second;
}

InboundMessage* InboundStore::Find(const std::string& wamid) {
  auto it = by_id_.find(wamid);
  return it == by_id_.end() ? nullptr : &it->second;
}

}  // namespace wasim
