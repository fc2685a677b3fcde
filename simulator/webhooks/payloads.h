// Webhook payloads exactly as Meta shapes them: the envelope
//   {"object":"whatsapp_business_account","entry":[{"id":WABA,["time":N,]"changes":[{"value":{...},"field":F}]}]}
// and the `value` objects of the `messages` field (inbound messages and
// statuses) and of management fields. Field names, order and JSON types follow
// Meta's webhook reference pages and the OpenAPI `/whatsapp/webhooks` examples
// (see fixtures/webhooks/README.md). Pure functions; no state.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/domain/events.h"

namespace wasim::webhooks {

constexpr const char* kMessagesField = "messages";

// The business number a `messages` value is about (value.metadata).
struct PhoneMeta {
  std::string display_phone_number;
  std::string phone_number_id;
};

// One change of an entry.
struct Change {
  std::string field;
  Json value;
};

// Major number of a Graph version ("v24.0" -> 24); 0 when unparseable.
int ApiMajor(const std::string& version);

// The webhook field an event is delivered under.
std::string FieldOf(const DomainEvent& e);
std::string WabaOf(const DomainEvent& e);
TimeMs TimeOf(const DomainEvent& e);
// Key whose events are delivered in order per target (the customer's wa_id;
// management events share one key per WABA).
std::string OrderingKeyOf(const DomainEvent& e);
// The phone number id of a `messages` event ("" for management events).
std::string PhoneOf(const DomainEvent& e);

// value of a status update, rendered for an app on `api_version`.
Json StatusValue(const StatusEvent& e, const PhoneMeta& meta, const std::string& api_version);
// value of an inbound message.
Json InboundValue(const InboundEvent& e, const PhoneMeta& meta);
// value of a management field: the event's value object as given.
Json ManagementValue(const ManagementEvent& e);

// Meta's envelope. `entry_time` is set for non-messages fields only
// (Meta: entry[].time appears on management fields, not on `messages`; their
// examples also list "entry" before "object").
Json Envelope(const std::string& waba_id, const std::vector<Change>& changes,
              std::optional<TimeMs> entry_time);

}  // namespace wasim::webhooks
