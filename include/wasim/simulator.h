// wasim::EmbeddedSimulator: a complete WhatsApp Cloud API simulator inside the
// calling process, for C++ test suites. It serves the Graph API and the /_sim
// admin API over HTTP on 127.0.0.1 (a free port), runs on a manual virtual
// clock (time moves only when the test advances it) and is seeded, so the same
// calls give the same ids, webhooks and journals every run.
//
// Admin operations are C++ calls that go through the admin API in-process and
// answer like it (a Reply with the HTTP status and JSON body). Webhooks are
// attempted synchronously: when an advance (or a Graph/admin call) returns,
// every delivery that fell due by then has been attempted.
//
// Thread-safety: every member may be called from any thread; several
// simulators may live in one process, each with its own port, world and clock.
// This header has no dependency beyond the standard library.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasim {

// An HTTP answer: status and body (JSON text for the Graph and admin APIs).
struct Reply {
  int status = 0;
  std::string body;
  // 2xx.
  bool ok() const { return status >= 200 && status < 300; }
};

// A message the app sent (the outbound journal, GET /_sim/messages).
struct SentMessage {
  std::string wamid;
  std::string phone_number_id;
  std::string to;    // the recipient's wa_id
  std::string type;  // text, template, image, ...
  // What the customer reads: text.body; for a template its hydrated body text;
  // a media caption; "" otherwise.
  std::string text;
  std::string template_name;  // templates only
  std::string status;         // accepted, sent, delivered, read, failed
  std::vector<std::string> status_history;
  int error_code = 0;  // the failure's Graph error code when status is failed
  std::string json;    // the journal entry as JSON
};

// A webhook delivery from the simulator's delivery journal (GET /_sim/webhooks).
struct DeliveryRecord {
  std::string id;     // whd_N
  std::string state;  // pending, delivered, given_up
  std::string field;  // messages, message_template_status_update, ...
  std::string url;
  std::string body;  // the exact bytes POSTed
  int attempts = 0;
  int last_response_status = 0;  // 0: no HTTP answer (refused, timed out)
  std::string json;              // the journal entry as JSON
};

// A fact of the fact log (GET /_sim/events): what happened, numbered.
struct FactRecord {
  std::uint64_t seq = 0;
  std::int64_t at_ms = 0;  // virtual time, ms since the epoch
  std::string type;        // api_call, message_accepted, status_changed, ...
  std::string json;        // the fact as JSON
};

// A Graph API call the app made (an `api_call` fact), refused ones included.
struct ApiCallRecord {
  std::string method;
  std::string path;  // without the query string
  int status = 0;
  int error_code = 0;  // the Graph error code, 0 when it succeeded
  std::string request_body;
  std::string response_body;
  std::int64_t at_ms = 0;
};

// The outcome of EmbeddedSimulator::AdvanceUntil.
struct WaitResult {
  bool met = false;    // the condition held
  int steps = 0;       // advances made (one per due instant)
  std::string report;  // when not met: where the clock stopped, why, and the awaited state
  explicit operator bool() const { return met; }
};

class EmbeddedSimulator {
 public:
  struct Options {
    std::uint64_t seed = 42;
    // The manual clock's start, ISO 8601; "" is 2026-01-01T00:00:00Z.
    std::string start_time;
    // A scenario (world, timeline, expectations) as YAML text, or a file; both
    // empty: the default world. A scenario without a world section gets the default world.
    std::string scenario_yaml;
    std::string scenario_file;
    // The default app's webhook URL, app secret and verify token ("" keeps the world's).
    std::string webhook_url;
    std::string app_secret;
    std::string verify_token;
    // Real time the webhook sender waits for one answer before counting a timeout.
    std::chrono::milliseconds webhook_timeout{5000};
  };

  // Starts a simulator, or returns nullptr with `*error` (a bad scenario: the
  // loader's file:line:column messages; a port that cannot be bound).
  static std::unique_ptr<EmbeddedSimulator> Start(const Options& options, std::string* error);
  ~EmbeddedSimulator();
  EmbeddedSimulator(const EmbeddedSimulator&) = delete;
  EmbeddedSimulator& operator=(const EmbeddedSimulator&) = delete;

  // --- Where the app connects, and the default world's identities ---
  // http://127.0.0.1:PORT (the admin API lives under /_sim).
  std::string root_url() const;
  // The Graph API base with its version, e.g. http://127.0.0.1:PORT/v23.0.
  std::string base_url() const;
  // The Graph version the base URL names ("v23.0").
  std::string graph_version() const;
  int port() const;
  // The system-user access token of the default world.
  std::string access_token() const;
  // The default business phone number id.
  std::string phone_number_id() const;
  // The default phone number's display number (digits).
  std::string display_phone_number() const;
  // The default WhatsApp Business Account id.
  std::string waba_id() const;
  // The default business (portfolio) id.
  std::string business_id() const;
  // The default app's id.
  std::string app_id() const;
  // The default app's secret (signs webhooks): Options::app_secret or the world's.
  std::string app_secret() const;
  // The default world's app secret (what app_secret() is without Options::app_secret).
  static std::string DefaultAppSecret();
  // The default customer's wa_id.
  std::string customer_wa_id() const;
  // The default world's approved `hello_world` template id.
  std::string hello_world_template_id() const;

  // --- The virtual clock ---
  // Virtual now, ms since the epoch.
  std::int64_t NowMs();
  // The due time of the next pending timeline record (ms), if any.
  std::optional<std::int64_t> NextDueMs();
  // Advances by `by`, running every record due on the way at its own instant.
  Reply Advance(std::chrono::milliseconds by);
  // Advances by a duration such as "90s", "36h", "1d12h" (POST /_sim/clock/advance {"by"}).
  Reply AdvanceBy(const std::string& duration);
  // Advances to an ISO 8601 instant ({"to"}).
  Reply AdvanceTo(const std::string& iso_time);
  // Advances to the next due record and runs it; false when nothing is pending.
  bool AdvanceToNextDue();
  // Checks `done`, then advances to each next due record, again and again,
  // while it is due within `horizon` of now, until `done` holds. Never sleeps
  // and never steps by a fixed amount. On failure the report names where the
  // clock stopped and why, followed by `describe()` (the awaited state).
  WaitResult AdvanceUntil(const std::function<bool()>& done, std::chrono::milliseconds horizon,
                          const std::function<std::string()>& describe = {});

  // --- Calls ---
  // Any admin call, in-process: method, path with query (/_sim/...), JSON body.
  Reply Admin(const std::string& method, const std::string& path_and_query, const std::string& body = "");
  // A Graph API call over HTTP as an app makes it; `path` after the version
  // ("106540352242922/messages", a query allowed); `token` "" uses access_token();
  // status 0 when no HTTP answer came (a fault that drops the connection).
  Reply Graph(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& token = "");

  // Subscribes the default app to more webhook fields (comma-separated, e.g.
  // "messages,message_template_status_update") as an app does on Meta: POST
  // /{app-id}/subscriptions with the app token, the webhook URL and verify token
  // of the Options (Meta's verification GET runs first). The default world's app
  // is subscribed to `messages` only. A reset or a loaded scenario undoes it.
  Reply SubscribeWebhookFields(const std::string& fields);

  // --- Admin operations ---
  // The customer `from` ("" the default customer) writes `text` to a number
  // ("" the default number): POST /_sim/inbound; the body holds the inbound wamid.
  Reply CustomerWrites(const std::string& text, const std::string& from = "",
                       const std::string& phone_number_id = "");
  // Any inbound message (POST /_sim/inbound with this JSON body).
  Reply Inbound(const std::string& json);
  // Changes a customer (PUT /_sim/customers/{wa_id}), e.g. {"state":"offline"}.
  Reply SetCustomer(const std::string& wa_id, const std::string& json);
  // Changes a business (PATCH /_sim/businesses/{id}), e.g. {"payment_method_ok":false}.
  Reply SetBusiness(const std::string& business_id, const std::string& json);
  // Changes a WABA (PATCH /_sim/wabas/{id}), e.g. {"locked":true}.
  Reply SetWaba(const std::string& waba_id, const std::string& json);
  // Changes a phone number (PATCH /_sim/phone_numbers/{id}), e.g. {"throughput_mps":1}.
  Reply SetPhoneNumber(const std::string& phone_number_id, const std::string& json);
  // Decides a template review now: APPROVED, REJECTED (with `reason`), PAUSED, ...
  Reply DecideTemplateReview(const std::string& template_id, const std::string& status,
                             const std::string& reason = "");
  // Decides a display-name review now: APPROVED or DECLINED (with `reason`).
  Reply DecideNameReview(const std::string& phone_number_id, const std::string& decision,
                         const std::string& reason = "");
  // Forces a message status (POST /_sim/messages/{wamid}/status), e.g. {"status":"read"}.
  Reply SetMessageStatus(const std::string& wamid, const std::string& json);
  // Adds a Graph API fault rule (POST /_sim/faults), e.g. {"times":1,"error":{"code":130429}}.
  Reply InjectFault(const std::string& json);
  // Removes every fault rule.
  Reply ClearFaults();
  // Loads a scenario from YAML text (`name` names it in errors); a bad one is a
  // 400 whose body lists the loader's file:line:column errors and changes nothing.
  Reply LoadScenario(const std::string& yaml, const std::string& name = "scenario.yaml");
  // Loads a scenario file.
  Reply LoadScenarioFile(const std::string& path);
  // The loaded scenario's verdict: 200 every expectation met, 409 not (yet).
  Reply ScenarioVerdict();
  // Back to the initial world; journals cleared; the clock stays.
  Reply Reset();

  // --- Journals ---
  // Messages sent, in acceptance order (`to` "" for all).
  std::vector<SentMessage> Messages(const std::string& to = "");
  // Webhook deliveries, oldest first (the journal keeps every pending one and its recent history).
  std::vector<DeliveryRecord> Deliveries();
  // Facts after `after_seq`, of `type` ("" all; comma-separated for several).
  std::vector<FactRecord> Facts(const std::string& type = "", std::uint64_t after_seq = 0);
  // The Graph API calls answered, in order.
  std::vector<ApiCallRecord> ApiCalls();
  // The newest fact's sequence number (a cursor for Facts).
  std::uint64_t LastFactSeq();

 private:
  struct Impl;
  explicit EmbeddedSimulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasim
