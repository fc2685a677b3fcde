#include "simulator/domain/coexistence/service.h"

#include <algorithm>

#include "simulator/domain/coexistence/history_plan.h"
#include "simulator/domain/customers/identity.h"
#include "simulator/domain/lifecycle/lifecycle.h"
#include "simulator/domain/messages/recipient.h"

namespace wasim::coexistence {
namespace {

PhoneNumber* CoexistencePhone(Ctx& ctx, const std::string& id) {
  PhoneNumber* p = ctx.state.accounts.FindPhone(id);
  return p && p->mode == NumberMode::kCoexistence ? p : nullptr;
}

GraphError NotCoexistence(const std::string& id) {
  return InvalidParameterError("Phone number " + id +
                               " is not a WhatsApp Business app number onboarded with Coexistence.");
}

// Assumption: once disconnected the number has left Cloud API like a
// deregistered one, so the API answers 133010 "Account not registered".
GraphError Disconnected() {
  return MakeError(ErrorCode::kNotRegistered,
                   "The WhatsApp Business app number was disconnected from Cloud API; onboard it again.");
}

// After a disconnection the number is only on the business app; it is back
// on Cloud API when onboarded again.
void OnLinkChange(Ctx& ctx, const std::string& id, Link /*from*/, Link to) {
  PhoneNumber* phone = ctx.state.accounts.FindPhone(id);
  NumberState& st = ctx.state.coexistence.Of(id);
  st.disconnect_due_at.reset();
  if (!phone) return;
  if (to == Link::kConnected) {
    phone->registered = true;
    phone->platform_type = PlatformType::kCloudApi;
    return;
  }
  phone->registered = false;
  phone->platform_type = PlatformType::kNotApplicable;
  st.history_pending.clear();
  PartnerChanged f;
  f.waba_id = phone->waba_id;
  if (const Business* b = ctx.state.accounts.BusinessOfWaba(phone->waba_id)) f.owner_business_id = b->id;
  f.event = "PARTNER_REMOVED";
  f.phone_number = phone->display_phone_number;
  f.reason = st.disconnect_reason;
  f.initiated_by = st.disconnect_initiated_by;
  ctx.Record(std::move(f));
}

// Connected <-> disconnected, on the lifecycle component; the pending
// decision is the inactivity deadline, moved by every heartbeat.
const Lifecycle<Link>& LinkLifecycle() {
  static const Lifecycle<Link> link = [] {
    Machine<Link> m;
    m.name = "coexistence_link";
    m.states = {{Link::kConnected, "CONNECTED"}, {Link::kDisconnected, "DISCONNECTED"}};
    m.transitions = {{Link::kConnected, Link::kDisconnected}, {Link::kDisconnected, Link::kConnected}};
    m.find = [](Ctx& ctx, const std::string& id) -> LifecycleSlot<Link>* {
      // A deadline armed while the number was on Coexistence does nothing once
      // it is a Cloud API number again, or deleted.
      const PhoneNumber* phone = ctx.state.accounts.FindPhone(id);
      if (!phone || phone->deleted || phone->mode != NumberMode::kCoexistence) return nullptr;
      auto it = ctx.state.coexistence.numbers.find(id);
      return it == ctx.state.coexistence.numbers.end() ? nullptr : &it->second.link;
    };
    m.on_transition = OnLinkChange;
    return Lifecycle<Link>(std::move(m));
  }();
  return link;
}

// Meta (account_update PARTNER_REMOVED, disconnection_info): PRIMARY_INACTIVITY,
// initiated by SYSTEM, when the business app is not opened for the threshold.
void ArmInactivity(Ctx& ctx, NumberState& st, const std::string& id) {
  st.disconnect_reason = "PRIMARY_INACTIVITY";
  st.disconnect_initiated_by = "SYSTEM";
  DurationMs threshold = ctx.state.coexistence.settings.inactivity_threshold;
  LinkLifecycle().DecideLater(ctx, st.link, id, Link::kDisconnected, threshold);
  st.disconnect_due_at = ctx.now() + threshold;
}

Status CheckSyncBody(const Json& body, std::string* sync_type) {
  if (!body.is_object() || body.value("messaging_product", Json()) != Json("whatsapp"))
    return InvalidParameterError("The parameter messaging_product is required and must be \"whatsapp\".");
  Json t = body.value("sync_type", Json());
  if (!t.is_string() || (t != kContactsSync && t != kHistorySync))
    return InvalidParameterError("The parameter sync_type must be \"smb_app_state_sync\" or \"history\".");
  *sync_type = t.get<std::string>();
  return {};
}

// Meta (business-scoped-user-ids.mdx, Coexistence): sync and echo webhooks
// carry each user's BSUID, username and country code, and hide the number of
// a username adopter as messages webhooks do. Assumption: the identity is
// taken when the webhook is recorded (Meta: "at the time" the message was
// sent or the sync requested, which wasim's synced history does not keep).
UserIdentity IdentityAt(const Ctx& ctx, const std::string& phone_number_id, const std::string& wa_id) {
  return customers::IdentityFor(ctx.state, phone_number_id, wa_id, ctx.now());
}

BusinessAppContactsSynced ContactsSynced(const Ctx& ctx, const PhoneNumber& phone,
                                         std::vector<BusinessAppContact> contacts, const char* action) {
  BusinessAppContactsSynced f{phone.waba_id, phone.id, phone.display_phone_number, std::move(contacts),
                              action};
  for (const auto& c : f.contacts) f.users.push_back(IdentityAt(ctx, phone.id, c.phone_number));
  return f;
}

void RunSync(Ctx& ctx, const BusinessAppSyncDue& due) {
  const PhoneNumber* phone = CoexistencePhone(ctx, due.phone_number_id);
  auto it = ctx.state.coexistence.numbers.find(due.phone_number_id);
  if (!phone || it == ctx.state.coexistence.numbers.end()) return;
  NumberState& st = it->second;
  if (st.link.state != Link::kConnected) return;  // a disconnection stops the sync
  if (due.sync_type == kContactsSync) {
    if (phone->business_app.contacts.empty()) return;  // Meta: a webhook per set of contacts
    ctx.Record(ContactsSynced(ctx, *phone, phone->business_app.contacts, "add"));
    return;
  }
  size_t step = static_cast<size_t>(due.step);
  if (step >= st.history_pending.size()) return;
  BusinessAppHistorySynced piece = st.history_pending[step];
  piece.waba_id = phone->waba_id;
  piece.display_phone_number = phone->display_phone_number;
  for (auto& m : piece.messages) m.user = IdentityAt(ctx, phone->id, m.thread_wa_id);
  ctx.Record(std::move(piece));
  if (step + 1 < st.history_pending.size())
    ctx.Schedule(ctx.now() + ctx.state.coexistence.settings.sync_interval,
                 BusinessAppSyncDue{phone->id, kHistorySync, due.step + 1});
}

}  // namespace

bool IsConnected(const Ctx& ctx, const std::string& phone_number_id) {
  const NumberState* st = ctx.state.coexistence.Find(phone_number_id);
  return !st || st->link.state == Link::kConnected;
}

Json SettingsJson(const Ctx& ctx) {
  const Settings& s = ctx.state.coexistence.settings;
  return Json{{"inactivity_threshold", FormatDuration(s.inactivity_threshold)},
              {"sync_interval", FormatDuration(s.sync_interval)},
              {"messages_per_chunk", s.messages_per_chunk}};
}

std::optional<std::string> UpdateSettings(Ctx& ctx, const Json& patch) {
  if (!patch.is_object()) return "body must be a JSON object";
  Settings copy = ctx.state.coexistence.settings;
  for (const auto& [key, v] : patch.items()) {
    if (key == "inactivity_threshold" || key == "sync_interval") {
      auto d = v.is_string() ? ParseDuration(v.get<std::string>()) : std::nullopt;
      if (!d || *d < 0 || *d > 365 * kDay) return "\"" + key + "\" must be a duration such as \"13d\"";
      (key == "inactivity_threshold" ? copy.inactivity_threshold : copy.sync_interval) = *d;
    } else if (key == "messages_per_chunk") {
      if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 100000)
        return std::string("\"messages_per_chunk\" must be an integer in [1, 100000]");
      copy.messages_per_chunk = v.get<int>();
    } else {
      return "unknown setting \"" + key + "\" (inactivity_threshold, sync_interval, messages_per_chunk)";
    }
  }
  // Assumption: a new threshold applies from the next heartbeat or onboarding.
  ctx.state.coexistence.settings = copy;
  return std::nullopt;
}

Result<std::string> RequestSync(Ctx& ctx, const std::string& phone_number_id, const Json& body) {
  PhoneNumber* phone = CoexistencePhone(ctx, phone_number_id);
  if (!phone) return NotCoexistence(phone_number_id);
  std::string sync_type;
  if (auto s = CheckSyncBody(body, &sync_type); !s) return s.error();
  NumberState& st = ctx.state.coexistence.Of(phone_number_id);
  if (st.link.state != Link::kConnected) return Disconnected();
  std::optional<TimeMs>& requested =
      sync_type == kContactsSync ? st.contacts_requested_at : st.history_requested_at;
  // Meta: each sync can be requested once (2593107), within 24 h of
  // onboarding (2593108); a number onboarded before the simulation began is
  // taken as onboarded more than 24 h ago (assumption).
  if (requested) return MakeError(ErrorCode::kSyncRequestLimit);
  if (!phone->onboarded_at || ctx.now() - *phone->onboarded_at > kSyncWindow)
    return MakeError(ErrorCode::kSyncWindowClosed);
  requested = ctx.now();
  if (sync_type == kHistorySync) {
    if (phone->business_app.shares_history) {
      HistoryIds ids{[&](const std::string& wa_id) { return ctx.ids.Wamid(wa_id, false); },
                     [&] { return ctx.ids.NumericId(); }};
      st.history_pending =
          PlanHistory(*phone, *phone->onboarded_at, ctx.state.coexistence.settings.messages_per_chunk, ids);
    } else {
      st.history_pending = {DeclinedHistory(*phone)};
    }
  }
  ctx.Schedule(ctx.now() + ctx.state.coexistence.settings.sync_interval,
               BusinessAppSyncDue{phone_number_id, sync_type, 0});
  return ctx.ids.NumericId();
}

void Onboarded(Ctx& ctx, const std::string& phone_number_id) {
  PhoneNumber* phone = CoexistencePhone(ctx, phone_number_id);
  if (!phone) return;
  NumberState& st = ctx.state.coexistence.Of(phone_number_id);
  if (st.link.state == Link::kDisconnected)
    (void)LinkLifecycle().MoveTo(ctx, st.link, phone_number_id, Link::kConnected, "onboarding");
  st.contacts_requested_at.reset();
  st.history_requested_at.reset();
  st.history_pending.clear();
  // Meta: onboarding unlinks every companion device (they may be re-linked).
  st.companions_unlinked = phone->business_app.companions;
  phone->business_app.companions = 0;
  ctx.Record(CompanionsUnlinked{phone->waba_id, phone->id, st.companions_unlinked});
  ArmInactivity(ctx, st, phone_number_id);
}

Status AppOpened(Ctx& ctx, const std::string& phone_number_id) {
  if (!CoexistencePhone(ctx, phone_number_id)) return NotCoexistence(phone_number_id);
  NumberState& st = ctx.state.coexistence.Of(phone_number_id);
  st.last_opened_at = ctx.now();
  // A heartbeat of a disconnected number does not reconnect it (onboarding does).
  if (st.link.state == Link::kConnected) ArmInactivity(ctx, st, phone_number_id);
  return {};
}

Result<std::string> AppSentMessage(Ctx& ctx, const std::string& phone_number_id, const Json& body) {
  PhoneNumber* phone = CoexistencePhone(ctx, phone_number_id);
  if (!phone) return NotCoexistence(phone_number_id);
  if (!IsConnected(ctx, phone_number_id)) return Disconnected();
  if (!body.is_object()) return InvalidParameterError("The body must be a JSON object.");
  std::string to = body.contains("to") && body["to"].is_string() ? body["to"].get<std::string>() : "";
  auto wa_id = NormalizeRecipient(to, phone->display_phone_number);
  if (!wa_id) return InvalidParameterError("\"to\" must be the user's phone number.");
  if (body.contains("type") && !body["type"].is_string())
    return InvalidParameterError("\"type\" must be a message type, e.g. \"text\" or \"image\".");
  std::string type = body.contains("type") ? body["type"].get<std::string>() : "text";
  Json content;
  if (type == "text") {
    if (!body.contains("text") || !(body["text"].is_string() || body["text"].is_object()))
      return InvalidParameterError("\"text\" must be the message body (a string or {\"body\": ...}).");
    content = body["text"].is_string() ? Json{{"body", body["text"]}} : body["text"];
  } else {
    if (!body.contains(type) || !body[type].is_object())
      return InvalidParameterError("\"" + type + "\" must be an object with the message contents.");
    content = body[type];
  }
  BusinessAppEchoed f{
      phone->waba_id, phone->id, phone->display_phone_number, *wa_id, ctx.ids.Wamid(*wa_id, true),
      type,           content};
  // The business messaged the user's number from its app: as a Cloud API
  // send does, this shares the number for the next 30 days (Meta: BSUID page).
  ctx.state.customers.Relation(phone->id, *wa_id).last_send_to_phone_at = ctx.now();
  f.user = IdentityAt(ctx, phone->id, *wa_id);
  std::string wamid = f.wamid;
  ctx.Record(std::move(f));
  return wamid;
}

Status AppDisconnected(Ctx& ctx, const std::string& phone_number_id) {
  if (!CoexistencePhone(ctx, phone_number_id)) return NotCoexistence(phone_number_id);
  NumberState& st = ctx.state.coexistence.Of(phone_number_id);
  if (st.link.state != Link::kConnected) return Disconnected();
  // Meta (onboarding-business-app-users, Offboarding): Settings > Account >
  // Business Platform > Disconnect sends PARTNER_REMOVED; the page's example
  // carries no disconnection_info.
  st.disconnect_reason.clear();
  st.disconnect_initiated_by.clear();
  return LinkLifecycle().MoveTo(ctx, st.link, phone_number_id, Link::kDisconnected, "business_app");
}

namespace {

// After the contacts sync, while connected, an address-book edit is announced.
void AnnounceContact(Ctx& ctx, const PhoneNumber& phone, const BusinessAppContact& c, const char* action) {
  const NumberState* st = ctx.state.coexistence.Find(phone.id);
  if (!st || !st->contacts_requested_at || st->link.state != Link::kConnected) return;
  ctx.Record(ContactsSynced(ctx, phone, {c}, action));
}

}  // namespace

Status AppContactSaved(Ctx& ctx, const std::string& phone_number_id, const BusinessAppContact& contact) {
  PhoneNumber* phone = CoexistencePhone(ctx, phone_number_id);
  if (!phone) return NotCoexistence(phone_number_id);
  if (contact.phone_number.empty()) return InvalidParameterError("\"phone_number\" is required.");
  auto& contacts = phone->business_app.contacts;
  auto it = std::find_if(contacts.begin(), contacts.end(),
                         [&](const BusinessAppContact& c) { return c.phone_number == contact.phone_number; });
  if (it == contacts.end())
    contacts.push_back(contact);
  else
    *it = contact;
  AnnounceContact(ctx, *phone, contact, "add");  // Meta: `add` for an addition or an edit
  return {};
}

Status AppContactRemoved(Ctx& ctx, const std::string& phone_number_id, const std::string& contact_number) {
  PhoneNumber* phone = CoexistencePhone(ctx, phone_number_id);
  if (!phone) return NotCoexistence(phone_number_id);
  auto& contacts = phone->business_app.contacts;
  auto it = std::find_if(contacts.begin(), contacts.end(),
                         [&](const BusinessAppContact& c) { return c.phone_number == contact_number; });
  if (it == contacts.end()) return InvalidParameterError("No contact " + contact_number + " in the app.");
  BusinessAppContact removed = *it;
  contacts.erase(it);
  AnnounceContact(ctx, *phone, removed, "remove");
  return {};
}

Status AppReinstalled(Ctx& ctx, const std::string& phone_number_id) {
  if (!ctx.state.accounts.FindPhone(phone_number_id))
    return InvalidParameterError("No phone number " + phone_number_id + ".");
  ctx.state.coexistence.Of(phone_number_id).pairing_error = false;
  return {};
}

void RegisterTimelineHandlers(TimelineHandlers& handlers) { handlers.On<BusinessAppSyncDue>(RunSync); }

void RegisterLifecycles(LifecycleRegistry& registry) { LinkLifecycle().Register(registry); }

}  // namespace wasim::coexistence
