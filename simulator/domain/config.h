// Tunables of the simulated Meta side: latencies and review delays. All are
// virtual durations, overridable per world (scenario) and via the admin API.
// Values are our assumptions unless the comment cites Meta.
#pragma once
#include "simulator/core/time.h"
#include "simulator/domain/rules/rules_config.h"

namespace wasim {

struct SimConfig {
  // Status lifecycle latencies after acceptance (assumption: Meta is "seconds").
  DurationMs sent_latency = 1 * kSecond;
  DurationMs delivered_latency = 2 * kSecond;  // after sent, when the user is reachable
  DurationMs read_latency = 5 * kSecond;       // after delivered, when the user auto-reads
  // Delay before an asynchronous `failed` status (captures: ~8-9 s).
  DurationMs failed_status_delay = 8 * kSecond;
  // Template review decision delay (Meta: "within 24 hours"; default short for dev loops).
  DurationMs template_review_delay = 1 * kMinute;
  // Display-name review decision delay. Assumption: 48 h (Meta's Help Center
  // says reviews take up to 48 hours; the developer docs give no duration).
  DurationMs display_name_review_delay = 48 * kHour;
  // Business username review decision delay. Assumption: 24 h (Meta gives none).
  DurationMs username_review_delay = 24 * kHour;
  // Meta: uploaded media persists 30 days; media URLs are valid 5 minutes.
  DurationMs media_ttl = 30 * kDay;
  DurationMs media_url_ttl = 5 * kMinute;
  // Meta: undelivered messages are dropped after a 30-day TTL.
  DurationMs message_ttl = 30 * kDay;
  // Numbers the world does not know: true (default) behave as online
  // customers who read what they receive; false as numbers without WhatsApp
  // (world YAML `unknown_recipients: not_on_whatsapp`, --unknown-recipients).
  bool unknown_recipients_on_whatsapp = true;
  // Meta's messaging rules: switches, codes, surfaces, thresholds (GET/PATCH /_sim/rules).
  rules::RulesConfig rules;
};

}  // namespace wasim
