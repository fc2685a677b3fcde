#include "simulator/domain/customers/number_change.h"

#include <vector>

#include "simulator/domain/customers/identity.h"
#include "simulator/domain/customers/service.h"

namespace wasim::customers {
namespace {

// Meta's system object. Before BSUIDs are shared: user_changed_number with
// the numbers in `body`; after: user_changed_user_id with the BSUIDs in `body`,
// the new BSUID in `user_id`, and `wa_id` "" when the number is hidden.
Json SystemObject(const Customer& c, const std::string& old_wa_id, const std::string& old_bsuid,
                  const UserIdentity& now_seen) {
  Json s = Json::object();
  if (now_seen.user_id.empty()) {
    s["body"] = "User " + c.profile_name + " changed from " + old_wa_id + " to " + c.wa_id;
    s["wa_id"] = c.wa_id;
    s["type"] = "user_changed_number";
    return s;
  }
  s["body"] = "User " + c.profile_name + " changed from " + old_bsuid + " to " + now_seen.user_id;
  s["wa_id"] = now_seen.phone_hidden ? "" : c.wa_id;
  s["user_id"] = now_seen.user_id;
  s["type"] = "user_changed_user_id";
  return s;
}

}  // namespace

Status ChangeNumber(Ctx& ctx, const std::string& old_wa_id, const std::string& new_wa_id) {
  if (!ctx.state.customers.Find(old_wa_id)) return InvalidParameterError("No customer " + old_wa_id + ".");
  if (!IsValidWaId(new_wa_id))
    return InvalidParameterError("new_wa_id must be 7-15 digits without '+', e.g. 12195555358");
  if (ctx.state.customers.Find(new_wa_id))
    return InvalidParameterError("Customer " + new_wa_id + " already exists; a number belongs to one user.");

  // The BSUIDs each business knew the user by, before the move.
  struct Seen {
    std::string phone_number_id;
    std::string old_bsuid;
  };
  std::vector<Seen> seen;
  for (const auto& [phone, rel] : ctx.state.customers.RelationsOf(old_wa_id))
    if (ctx.state.accounts.FindPhone(phone))
      seen.push_back({phone, BsuidOf(ctx.state, PortfolioOfPhone(ctx.state, phone), old_wa_id)});

  ctx.state.customers.Renumber(old_wa_id, new_wa_id);
  Customer& c = ctx.state.customers.by_wa_id.at(new_wa_id);
  c.bsuid_by_business.clear();  // Meta: regenerated with the new number

  for (const auto& s : seen) {
    const PhoneNumber& phone = *ctx.state.accounts.FindPhone(s.phone_number_id);
    InboundReceived ev;
    ev.waba_id = phone.waba_id;
    ev.phone_number_id = phone.id;
    ev.from = old_wa_id;  // Meta's example: `from` is the old number
    ev.profile_name = c.profile_name;
    ev.wamid = ctx.ids.Wamid(old_wa_id, false);
    ev.type = "system";
    ev.user = IdentityFor(ctx.state, phone.id, new_wa_id, ctx.now());
    ev.content = SystemObject(c, old_wa_id, s.old_bsuid, ev.user);
    ctx.Record(std::move(ev));
  }
  return {};
}

}  // namespace wasim::customers
