// Domain events: what happened on the Meta side, for the webhook emitter
// (and any other consumer) to turn into deliveries. Domain code publishes;
// it never knows about HTTP or webhooks.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "simulator/core/errors.h"
#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/messages/message_store.h"

namespace wasim {

// PricingInfo (statuses[].pricing) lives with OutboundMessage in message_store.h.

// statuses[] entry of the `messages` field.
struct StatusEvent {
  std::string waba_id;
  std::string phone_number_id;
  std::string wamid;
  std::string recipient_id;
  MessageStatus status = MessageStatus::kSent;
  TimeMs at = 0;
  std::optional<GraphError> error;
  std::optional<PricingInfo> pricing;
  std::string biz_opaque_callback_data;
  // Conversation id/expiry for versions and windows that carry it.
  std::string conversation_id;
  std::optional<TimeMs> conversation_expires_at;
};

// messages[] entry of the `messages` field: a customer wrote to a business number.
struct InboundEvent {
  std::string waba_id;
  std::string phone_number_id;
  std::string from;  // wa_id
  std::string profile_name;
  std::string wamid;
  std::string type;   // text, image, interactive, button, reaction, unsupported, ...
  Json content;       // the type object, e.g. {"body":"hi"} for text
  Json context;       // null or {"from","id"}
  Json referral;      // null or click-to-WhatsApp referral object
  std::optional<GraphError> error;  // e.g. 131051 for unsupported
  TimeMs at = 0;
};

// Any management field (account_update, phone_number_quality_update,
// message_template_status_update, ...): the value object as Meta shapes it.
struct ManagementEvent {
  std::string waba_id;
  std::string field;
  Json value;
  TimeMs at = 0;
};

using DomainEvent = std::variant<StatusEvent, InboundEvent, ManagementEvent>;

// Fan-out of domain events to subscribers. Called under the Simulator lock:
// subscribers must only enqueue, never block or call back into the Simulator.
class EventBus {
 public:
  using Subscriber = std::function<void(const DomainEvent&)>;
  void Subscribe(Subscriber s) { subscribers_.push_back(std::move(s)); }
  void Publish(const DomainEvent& e) {
    for (auto& s : subscribers_) s(e);
  }

 private:
  std::vector<Subscriber> subscribers_;
};

}  // namespace wasim
