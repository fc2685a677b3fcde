#include "simulator/domain/timeline/records_json.h"

#include <utility>

#include "simulator/core/error_json.h"
#include "simulator/core/variant_util.h"

namespace wasim {
namespace {

GraphError Bad(const std::string& what) { return InvalidParameterError("timeline record: " + what); }

Result<std::string> RequiredString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
    return Bad(std::string("`") + key + "` must be a non-empty string");
  return it->get<std::string>();
}

Result<DueRecord> StatusFromJson(const Json& j) {
  auto wamid = RequiredString(j, "wamid");
  if (!wamid) return wamid.error();
  auto name = RequiredString(j, "status");
  if (!name) return name.error();
  auto status = ParseMessageStatus(*name);
  if (!status || (*status != MessageStatus::kSent && *status != MessageStatus::kDelivered &&
                  *status != MessageStatus::kRead && *status != MessageStatus::kPlayed))
    return Bad("`status` must be sent, delivered, read or played");
  StatusDue r{*wamid, *status, true};
  if (auto it = j.find("then_deliver"); it != j.end()) {
    if (!it->is_boolean()) return Bad("`then_deliver` must be true or false");
    r.then_deliver = it->get<bool>();
  }
  return DueRecord{r};
}

Result<DueRecord> FailFromJson(const Json& j) {
  auto wamid = RequiredString(j, "wamid");
  if (!wamid) return wamid.error();
  auto it = j.find("error");
  if (it == j.end()) return Bad("`error` is required");
  std::string why;
  auto error = GraphErrorFromJson(*it, &why);
  if (!error) return Bad(why);
  return DueRecord{FailDue{*wamid, *error}};
}

template <class R>
Result<DueRecord> OneIdFromJson(const Json& j, const char* key) {
  auto id = RequiredString(j, key);
  if (!id) return id.error();
  return DueRecord{R{*id}};
}

Result<DueRecord> RecordFromJson(const std::string& kind, const Json& j) {
  if (kind == "status_due") return StatusFromJson(j);
  if (kind == "fail_due") return FailFromJson(j);
  if (kind == "media_expiry_due") return OneIdFromJson<MediaExpiryDue>(j, "media_id");
  if (kind == "limit_upgrade_due") return OneIdFromJson<LimitUpgradeDue>(j, "business_id");
  if (kind == "webhook_attempt_due") return OneIdFromJson<WebhookAttemptDue>(j, "delivery_id");
  if (kind == "scenario_wake_due") return OneIdFromJson<ScenarioWakeDue>(j, "what");
  if (kind == "business_app_sync_due") {
    BusinessAppSyncDue r;
    auto id = RequiredString(j, "phone_number_id");
    if (!id) return id.error();
    auto type = RequiredString(j, "sync_type");
    if (!type) return type.error();
    r.phone_number_id = *id;
    r.sync_type = *type;
    if (auto it = j.find("step"); it != j.end()) {
      if (!it->is_number_integer() || it->get<int>() < 0) return Bad("`step` must be a non-negative integer");
      r.step = it->get<int>();
    }
    return DueRecord{r};
  }
  if (kind == "lifecycle_due") {
    LifecycleDue r;
    for (auto [key, out] : {std::pair{"machine", &r.machine}, {"object_id", &r.object_id}, {"to", &r.to}}) {
      auto v = RequiredString(j, key);
      if (!v) return v.error();
      *out = *v;
    }
    return DueRecord{r};
  }
  return Bad("unknown kind '" + kind + "'");
}

}  // namespace

const char* KindName(const DueRecord& r) {
  return std::visit(Overloaded{
                        [](const StatusDue&) { return "status_due"; },
                        [](const FailDue&) { return "fail_due"; },
                        [](const MediaExpiryDue&) { return "media_expiry_due"; },
                        [](const LimitUpgradeDue&) { return "limit_upgrade_due"; },
                        [](const WebhookAttemptDue&) { return "webhook_attempt_due"; },
                        [](const ScenarioWakeDue&) { return "scenario_wake_due"; },
                        [](const LifecycleDue&) { return "lifecycle_due"; },
                        [](const BusinessAppSyncDue&) { return "business_app_sync_due"; },
                    },
                    r);
}

const std::vector<std::string>& AllKindNames() {
  static const std::vector<std::string> names =
      AlternativeNames<DueRecord>([](const DueRecord& v) { return KindName(v); });
  return names;
}

std::string ObjectIdOf(const DueRecord& r) {
  return std::visit(Overloaded{
                        [](const StatusDue& s) { return s.wamid; },
                        [](const FailDue& f) { return f.wamid; },
                        [](const MediaExpiryDue& m) { return m.media_id; },
                        [](const LimitUpgradeDue& l) { return l.business_id; },
                        [](const WebhookAttemptDue& w) { return w.delivery_id; },
                        [](const ScenarioWakeDue& w) { return w.what; },
                        [](const LifecycleDue& l) { return l.object_id; },
                        [](const BusinessAppSyncDue& b) { return b.phone_number_id; },
                    },
                    r);
}

Json TimelineEntryToJson(const TimelineEntry& e) {
  Json j = Json::object();
  j["id"] = e.id;
  j["due"] = FormatIso8601(e.due);
  j["due_ms"] = e.due;
  j["kind"] = KindName(e.record);
  std::visit(Overloaded{
                 [&](const StatusDue& s) {
                   j["wamid"] = s.wamid;
                   j["status"] = MessageStatusName(s.status);
                   if (s.status == MessageStatus::kSent) j["then_deliver"] = s.then_deliver;
                 },
                 [&](const FailDue& f) {
                   j["wamid"] = f.wamid;
                   j["error"] = GraphErrorToJson(f.error);
                 },
                 [&](const MediaExpiryDue& m) { j["media_id"] = m.media_id; },
                 [&](const LimitUpgradeDue& l) { j["business_id"] = l.business_id; },
                 [&](const WebhookAttemptDue& w) { j["delivery_id"] = w.delivery_id; },
                 [&](const ScenarioWakeDue& w) { j["what"] = w.what; },
                 [&](const BusinessAppSyncDue& b) {
                   j["phone_number_id"] = b.phone_number_id;
                   j["sync_type"] = b.sync_type;
                   j["step"] = b.step;
                 },
                 [&](const LifecycleDue& l) {
                   j["machine"] = l.machine;
                   j["object_id"] = l.object_id;
                   j["to"] = l.to;
                 },
             },
             e.record);
  return j;
}

Result<TimelineEntry> TimelineEntryFromJson(const Json& j) {
  if (!j.is_object()) return Bad("must be an object");
  auto id = j.find("id");
  if (id == j.end() || !id->is_number_unsigned() || id->get<std::uint64_t>() == 0)
    return Bad("`id` must be a positive integer");
  auto due = j.find("due_ms");
  if (due == j.end() || !due->is_number_integer())
    return Bad("`due_ms` must be an integer (ms since the epoch)");
  auto kind = RequiredString(j, "kind");
  if (!kind) return kind.error();
  auto record = RecordFromJson(*kind, j);
  if (!record) return record.error();
  return TimelineEntry{id->get<std::uint64_t>(), due->get<TimeMs>(), std::move(*record)};
}

}  // namespace wasim
