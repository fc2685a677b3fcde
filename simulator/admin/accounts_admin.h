// Admin routes that reshape the world's accounts and Meta's messaging rules:
//   GET/PATCH /_sim/businesses/{id}     messaging_limit, payment_method_ok, verified, name
//   GET/PATCH /_sim/wabas/{id}          locked, policy_blocked, restricted_calling_codes, name,
//                                       account_review_status (-> account_review_update)
//   GET/PATCH /_sim/phone_numbers/{id}  throughput_level, is_test_number, allowed_recipients,
//                                       quality_rating, name_status (through the display-name
//                                       review: domain/accounts/name_review.h), verified_name,
//                                       registered, deleted, mode, undelivered_code_methods
//   GET/PATCH /_sim/rules               switches, codes, surfaces and thresholds (rules_config_json.h)
// PATCH bodies are partial JSON objects; any invalid or unknown field -> 400
// and nothing changes. Changes that Meta announces by webhook record a
// fact (Meta then sends business_capability_update, phone_number_quality_update).
#pragma once
#include "simulator/admin/admin_router.h"
#include "simulator/domain/simulator.h"

namespace wasim {

void RegisterAccountsAdminRoutes(AdminRouter& router, Simulator& sim);

}  // namespace wasim
