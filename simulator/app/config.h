// `wasim serve` configuration: flags, each also a WASIM_* environment
// variable (flags win over the environment).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wasim {

struct ServeConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::uint64_t seed = 42;
  std::string clock = "realtime";  // manual | realtime
  std::string clock_start;         // ISO time the virtual clock starts at (default: now / 2026-01-01)
  double clock_speed = 1.0;        // realtime: virtual seconds per real second (demos, soak runs)
  int threads = 96;
  std::string webhook_url;
  std::string public_url;  // how apps reach us (media URLs in webhooks); empty: bind address and port
  std::string app_secret;
  std::string verify_token;
  // Per-attempt webhook timeout in REAL time (Assumption: Meta documents none).
  long long webhook_timeout_ms = 5000;
  // Give-up horizon of webhook retries (Meta: 36 h; its overview page says 7 days).
  long long webhook_horizon_ms = 36LL * 3600 * 1000;
  // Facts kept in the log for GET /_sim/events (the oldest are dropped past it).
  long long fact_retention = 100000;
  // A scenario to load at start-up: a file, or a name from scenario_dir.
  std::string scenario;
  std::string scenario_dir = "scenarios";  // the library POST /_sim/scenarios {"name"} reads
  // Live sandboxes (POST /_sim/sandboxes) at most at once; 0: none.
  long long max_sandboxes = 256;
  bool quiet = false;
  // The console log on stderr: one line per request and webhook attempt.
  std::string log_format = "human";  // human | json
  std::string log_level = "info";    // debug | info | warn | error
  // Fields the default app is subscribed to with --webhook-url (empty: every
  // field of the whatsapp_business_account object).
  std::vector<std::string> webhook_fields;
  // Opt-in CORS: the Access-Control-Allow-Origin value (an origin or *); empty: no CORS headers.
  std::string cors_origin;
  // Serve https with this PEM certificate (chain) and private key; both or neither.
  std::string tls_cert, tls_key;
  // When set, /_sim/ (except GET /_sim/health) needs this token.
  std::string admin_token;
  // on_whatsapp (default): numbers not in the world are created as online
  // readers; not_on_whatsapp: they are treated as numbers without WhatsApp.
  std::string unknown_recipients;
  // --state FILE: the state in SQLite, kept across restarts (empty: in memory).
  std::string state_file;
};

struct ParseOutcome {
  bool ok = true;
  bool show_help = false;
  std::string error;
};

// Reads env (via `getenv`) then argv flags after the subcommand.
ParseOutcome ParseServeConfig(const std::vector<std::string>& args, ServeConfig* out,
                              const std::function<const char*(const char*)>& getenv_fn);

std::string ServeHelp();

}  // namespace wasim
