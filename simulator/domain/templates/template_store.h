// Message templates per WABA. State only; review lifecycle and send-time
// checks live in templates/service.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/core/time.h"
#include "simulator/domain/lifecycle/slot.h"
#include "simulator/domain/templates/template_status.h"

namespace wasim {

struct MessageTemplate {
  std::string id;
  std::string waba_id;
  std::string name;
  std::string language;  // e.g. en_US
  std::string category;  // MARKETING | UTILITY | AUTHENTICATION
  // The category before the last change ("" when it never changed). Meta
  // (changelog: "Added previous_category field to WhatsApp Message Templates").
  std::string previous_category;
  // Driven by the template_review lifecycle (templates/service.cc).
  LifecycleSlot<TemplateStatus> status{TemplateStatus::kPending};
  std::string parameter_format = "POSITIONAL";  // POSITIONAL | NAMED
  std::string quality_score = "UNKNOWN";        // GREEN | YELLOW | RED | UNKNOWN
  std::string rejected_reason = "NONE";
  Json components = Json::array();
  TimeMs created_at = 0;
  std::optional<TimeMs> message_send_ttl_seconds;
  // The review's configured decision (admin; PENDING -> APPROVED/REJECTED).
  std::string pending_decision = "APPROVED";
  // Reason (and optional rejection_info) a REJECTED decision is sent with.
  std::string pending_reason = "NONE";
  Json pending_rejection_info;  // null or {"reason","recommendation"}
  // Per-template review delay (admin); nullopt: config.template_review_delay.
  std::optional<DurationMs> review_delay;
  // Reason and rejection_info the next move to REJECTED carries (set with the
  // decision or the forced status; the webhook reports them).
  std::string next_reason = "NONE";
  Json next_rejection_info;
  // Meta's template pacing: sends of a paced template answer with
  // message_status "held_for_quality_assessment" (set through the admin API).
  bool paced = false;
  // When edits of this template while APPROVED happened (Meta's edit limits).
  std::vector<TimeMs> approved_edits;
  // Meta's recategorization after approval (templates/recategorization.h):
  // the template_recategorization lifecycle, the category it will get and
  // when (previous_category above is set when it is applied).
  LifecycleSlot<Recategorization> recategorization{Recategorization::kSettled};
  std::string impending_category;
  TimeMs impending_at = 0;
};

// Templates by id, with an index by (waba_id, name, language) so a send's
// lookup and the name checks of creation do not scan every template in the
// world. Every write goes through Put/Erase, which keep the index; Mutable
// hands out a template whose waba_id, name and language must not change (Meta
// does not let a template be renamed, moved or change language; an edit of
// those is a new template: Put it).
class TemplateStore {
 public:
  using ById = std::map<std::string, MessageTemplate>;

  TemplateStore() = default;
  // A copy indexes its own templates (the index points into the store).
  TemplateStore(const TemplateStore& other);
  TemplateStore& operator=(const TemplateStore& other);
  // Moving keeps the map nodes, so the index stays valid.
  TemplateStore(TemplateStore&&) noexcept = default;
  TemplateStore& operator=(TemplateStore&&) noexcept = default;

  // (waba_id, name) -> when an APPROVED template of that name was deleted
  // (Meta: the name cannot be reused for 30 days).
  std::map<std::pair<std::string, std::string>, TimeMs> deleted_approved_names;

  const MessageTemplate* Get(const std::string& id) const;
  // REQUIRES: the caller leaves waba_id, name and language as they are.
  MessageTemplate* Mutable(const std::string& id);
  bool Contains(const std::string& id) const { return by_id_.count(id) > 0; }
  size_t size() const { return by_id_.size(); }
  // Every template in id order (listings, state dumps).
  const ById& all() const { return by_id_; }

  // Stores `t` under t.id, replacing the template with that id. Nothing
  // changes, and null is returned, when another template of the WABA already
  // has t's name and language.
  MessageTemplate* Put(MessageTemplate t);
  // False when no template has that id.
  bool Erase(const std::string& id);

  // The WABA's template with that name and language, or null. O(log n).
  const MessageTemplate* Find(const std::string& waba_id, const std::string& name,
                              const std::string& language) const;
  // Whether the WABA has a template of that name in any language. O(log n).
  bool HasName(const std::string& waba_id, const std::string& name) const;
  // The WABA's templates of that name, by language.
  std::vector<const MessageTemplate*> Named(const std::string& waba_id, const std::string& name) const;
  // The WABA's templates, by name then language.
  std::vector<const MessageTemplate*> OfWaba(const std::string& waba_id) const;
  // How many templates the WABA has (every language counts). O(log n).
  size_t CountOfWaba(const std::string& waba_id) const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // waba_id, name, language
  static Key KeyOf(const MessageTemplate& t) { return {t.waba_id, t.name, t.language}; }

  ById by_id_;
  // Map nodes never move, so the index points at the stored templates.
  std::map<Key, MessageTemplate*, std::less<>> by_key_;
  std::map<std::string, size_t, std::less<>> count_by_waba_;
};

}  // namespace wasim
