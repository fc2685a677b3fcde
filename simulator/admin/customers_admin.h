// Admin routes for customers (WhatsApp users) and what they do:
//   PUT  /_sim/customers/{wa_id}   {"state":"online|offline|not_on_whatsapp|old_client",
//        "profile_name","auto_read","in_marketing_experiment",
//        "phone_number_id","blocked_business","marketing_opt_out",
//        "username","bsuid","saved_business_number"} (all optional; bsuid and
//        saved_business_number need phone_number_id)
//   GET  /_sim/customers/{wa_id}   the customer and their per-number relations
//   GET  /_sim/customers           all customers
// plus /_sim/inbound (inbound_admin.h) and /_sim/messages/{wamid}/status
// (message_status_admin.h), registered together by RegisterCustomerAdminRoutes.
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

// Registers the customer, inbound and forced-status routes.
void RegisterCustomerAdminRoutes(AdminRouter& router, Simulator& sim);

// Admin view of a customer (global fields + relations with business numbers):
// a customer and copies of its relations (phone number id, relation), taken
// under the lock so the JSON can be rendered without it.
struct CustomerView {
  Customer customer;
  std::vector<std::pair<std::string, CustomerRelation>> relations;
  std::vector<std::string> user_ids;  // the BSUID of each relation's business portfolio
  // Per relation: until when the customer service window is open (none: closed).
  std::vector<std::optional<TimeMs>> window_open_until;
};
CustomerView ViewOf(const Ctx& ctx, const Customer& c);
Json CustomerJson(const CustomerView& v);
Json CustomerJson(const Ctx& ctx, const Customer& c);

}  // namespace wasim
