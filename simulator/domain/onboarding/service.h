// Onboarding through Embedded Signup (Meta: embedded-signup/*). ES is a
// browser flow: what an integration observes is the session event posted to
// its window (FINISH..., or CANCEL with the screen or an error message), the
// exchangeable code, and later Graph API behaviour. wasim models exactly that:
// Onboard() returns the session event and the code; failures are named
// outcomes, each producing the CANCEL event or the later API behaviour Meta
// shows for it. Used under the Simulator lock.
#pragma once
#include <string>
#include <vector>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::onboarding {

struct Request {
  std::string app_id;                // the partner app that launched ES ("" : the world's only app)
  std::string business_id;           // an existing business portfolio, or "" (a new one)
  std::string business_name;         // for a new one
  std::string waba_id;               // an existing WABA of that business, or "" (a new one)
  std::string phone_number_id;       // an existing number, or "" (a new one)
  std::string display_phone_number;  // digits, for a new number
  std::string verified_name;
  NumberMode mode = NumberMode::kCloud;
  std::string outcome = "success";  // or one of FailureNames()
};

struct Outcome {
  Json session_event;  // what ES posts to the window (type WA_EMBEDDED_SIGNUP, version 3)
  std::string code;    // "" when the flow did not finish
  std::optional<TimeMs> code_expires_at;
  std::string business_id, waba_id, phone_number_id;
  std::string after_connect;  // "" or what Meta does to the WABA after connecting
};

// The named failures, in documentation order.
const std::vector<std::string>& FailureNames();

Result<Outcome> Onboard(Ctx& ctx, const Request& request);

// GET /oauth/access_token: the code becomes a business token granting the
// app access to the onboarded WABA.
struct IssuedToken {
  std::string access_token;
  std::string token_type = "bearer";
};
Result<IssuedToken> ExchangeCode(Ctx& ctx, const std::string& client_id, const std::string& client_secret,
                                 const std::string& code);

// GET /debug_token: Graph's description of `input_token` (data object).
Result<Json> DescribeToken(const Ctx& ctx, const std::string& caller_token, const std::string& input_token);

// An app subscribed to a WABA (POST /{waba-id}/subscribed_apps). Assumption:
// wasim routes webhooks by WABA subscription, so the PARTNER_ADDED of a WABA
// shared through ES is recorded when the partner app first subscribes to it.
void OnAppSubscribed(Ctx& ctx, const std::string& waba_id, const std::string& app_id);

}  // namespace wasim::onboarding
