// SimState: the whole mutable state of one simulator (world + module stores).
// Guarded by the Simulator's lock; never shared between simulators.
#pragma once
#include "simulator/domain/coexistence/coexistence_store.h"
#include "simulator/domain/config.h"
#include "simulator/domain/media/media_store.h"
#include "simulator/domain/messages/message_store.h"
#include "simulator/domain/onboarding/onboarding_store.h"
#include "simulator/domain/registration/registration_store.h"
#include "simulator/domain/rules/rules_state.h"
#include "simulator/domain/templates/template_store.h"
#include "simulator/domain/uploads/upload_store.h"
#include "simulator/domain/world/model.h"

namespace wasim {

struct SimState {
  Accounts accounts;
  Customers customers;
  MessageStore messages;
  InboundStore inbound;
  MediaStore media;
  TemplateStore templates;
  SimConfig config;
  rules::RulesState rules;                       // messaging-rule counters (throughput, pair rate, limits)
  coexistence::CoexistenceStore coexistence;     // Coexistence numbers: link, syncs, heartbeat
  onboarding::OnboardingStore onboarding;        // Embedded Signup codes, partner shares
  registration::RegistrationStore registration;  // codes, PIN guesses, register/deregister windows
  uploads::UploadStore uploads;                  // Resumable Upload API sessions and file handles
  // Where this simulator is reached: the base of the lookaside-style media URLs
  // inbound media webhooks carry. Not part of the world: kept across resets
  // (Simulator::SetPublicBaseUrl).
  std::string public_base_url = "http://localhost:8080";
};

}  // namespace wasim
