// Outbound message journal: every message a business sent, with the status
// history Meta reported for it. State only; rules live in messages/service.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/messages/message_status.h"

namespace wasim {

struct StatusEntry {
  MessageStatus status;
  TimeMs at;
  std::optional<GraphError> error;
};

// Pricing category of an outbound message (per-message pricing).
enum class PricingCategory {
  kService,
  kMarketing,
  kUtility,
  kAuthentication,
  kAuthenticationInternational,
  kReferralConversion
};
const char* PricingCategoryName(PricingCategory c);

// Pricing of one outbound message (webhook statuses[].pricing), decided by the
// sending rules when the message is accepted (simulator/domain/rules/pricing.h).
struct PricingInfo {
  bool billable = false;
  std::string type = "free_customer_service";  // regular | free_customer_service | free_entry_point
  PricingCategory category = PricingCategory::kService;
  // Set when priced inside a free entry point window: the status webhook's
  // `conversation` then names that window (Meta: id unique per window, on
  // every webhook version) and expires with it.
  std::string conversation_id;
  std::optional<TimeMs> conversation_expires_at;
};

struct OutboundMessage {
  std::string wamid;
  std::string phone_number_id;
  std::string waba_id;
  std::string to_input;    // "to" as the client sent it
  std::string wa_id;       // normalised recipient
  std::string to_user_id;  // the BSUID it was sent to ("" when sent to the phone number)
  std::string type;        // text, image, template, ...
  Json payload;            // the type object as sent (e.g. {"body":"hi"})
  std::string biz_opaque_callback_data;
  std::string context_message_id;
  bool is_template = false;
  std::string template_text;  // templates: the hydrated body text, as the customer reads it
  PricingCategory category = PricingCategory::kService;
  TimeMs accepted_at = 0;
  PricingInfo pricing;  // decided at send time by rules::CheckSend
  std::vector<StatusEntry> statuses;

  MessageStatus current() const {
    return statuses.empty() ? MessageStatus::kAccepted : statuses.back().status;
  }
};

class MessageStore {
 public:
  OutboundMessage& Add(OutboundMessage m);
  OutboundMessage* Find(const std::string& wamid);
  const OutboundMessage* Find(const std::string& wamid) const;
  // In acceptance order.
  const std::vector<std::string>& order() const { return order_; }
  size_t size() const { return by_id_.size(); }

 private:
  std::map<std::string, OutboundMessage> by_id_;
  std::vector<std::string> order_;
};

// Inbound messages (customer -> business), kept so replies, reactions and
// mark-as-read can reference them.
struct InboundMessage {
  std::string wamid;
  std::string phone_number_id;
  std::string from;  // wa_id
  std::string type;
  Json content;
  TimeMs at = 0;
  bool read_by_business = false;
};

class InboundStore {
 public:
  InboundStore() = default;
  // A copy indexes its own messages (the unread index points into the store).
  InboundStore(const InboundStore& other);
  InboundStore& operator=(const InboundStore& other);
  // Moving keeps the map nodes, so the index stays valid.
  InboundStore(InboundStore&&) noexcept = default;
  InboundStore& operator=(InboundStore&&) noexcept = default;

  InboundMessage& Add(InboundMessage m);
  // REQUIRES: the caller leaves phone_number_id, from and at as they are
  // (the thread index's keys) and sets read_by_business only through
  // MarkThreadReadThrough.
  InboundMessage* Find(const std::string& wamid);
  const InboundMessage* Find(const std::string& wamid) const;
  const std::vector<std::string>& order() const { return order_; }

  // Marks read every message `from` sent to `phone_number_id` at or before
  // `at` (Meta: marking a message read marks the earlier ones of the thread
  // too). Walks only the thread's still-unread messages up to `at`: each
  // message is visited once over its life, so a mark-as-read costs O(log n)
  // plus the messages it newly marks. Returns how many it newly marked.
  size_t MarkThreadReadThrough(const std::string& phone_number_id, const std::string& from, TimeMs at);

 private:
  std::map<std::string, InboundMessage> by_id_;
  std::vector<std::string> order_;
  // (phone_number_id, from) -> the thread's unread messages by arrival time
  // (map nodes never move, so the pointers stay valid).
  std::map<std::pair<std::string, std::string>, std::multimap<TimeMs, InboundMessage*>> unread_;
};

}  // namespace wasim
