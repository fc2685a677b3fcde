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
    case MessageStatus::kPlayed:
      return "played";
    case MessageStatus::kFailed:
      return "failed";
  }
  return "accepted";
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view name) {
  for (MessageStatus s : {MessageStatus::kAccepted, MessageStatus::kSent, MessageStatus::kDelivered,
                          MessageStatus::kRead, MessageStatus::kPlayed, MessageStatus::kFailed})
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
    case MessageStatus::kPlayed:
      return 4;
    case MessageStatus::kFailed:
      return 5;
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

InboundStore::InboundStore(const InboundStore& other) {
  for (const auto& id : other.order_) Add(other.by_id_.at(id));
}

InboundStore& InboundStore::operator=(const InboundStore& other) {
  if (this != &other) *this = InboundStore(other);
  return *this;
}

InboundMessage& InboundStore::Add(InboundMessage m) {
  std::string id = m.wamid;
  auto [it, inserted] = by_id_.emplace(id, std::move(m));
  if (inserted) {
    order_.push_back(id);
    InboundMessage& in = it->second;
    if (!in.read_by_business) unread_[{in.phone_number_id, in.from}].emplace(in.at, &in);
  }
  return it->second;
}

InboundMessage* InboundStore::Find(const std::string& wamid) {
  auto it = by_id_.find(wamid);
  return it == by_id_.end() ? nullptr : &it->second;
}

const InboundMessage* InboundStore::Find(const std::string& wamid) const {
  auto it = by_id_.find(wamid);
  return it == by_id_.end() ? nullptr : &it->second;
}

size_t InboundStore::MarkThreadReadThrough(const std::string& phone_number_id, const std::string& from,
                                           TimeMs at) {
  auto thread = unread_.find({phone_number_id, from});
  if (thread == unread_.end()) return 0;
  auto& unread = thread->second;
  size_t marked = 0;
  auto end = unread.upper_bound(at);
  for (auto it = unread.begin(); it != end; ++it) {
    if (!it->second->read_by_business) ++marked;
    it->second->read_by_business = true;
  }
  unread.erase(unread.begin(), end);
  if (unread.empty()) unread_.erase(thread);
  return marked;
}

}  // namespace wasim
