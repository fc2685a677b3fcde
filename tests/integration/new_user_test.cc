// What a new user trips over (issue #13 §3), over real HTTP: body-less POSTs,
// CORS, TLS, the admin token, --webhook-fields, unknown recipients and the
// clock-advance body.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "simulator/domain/subscriptions/service.h"
#include "tests/support/test_support.h"
#include "tests/support/webhook_receiver.h"

namespace wasim::testing {
namespace {

using NewUserSteady = std::chrono::steady_clock;

// Sends `request` as raw bytes on a new connection and returns what the
// server answers within 5 s (the connection is closed by us after that, or
// as soon as one complete response with a Content-Length body is in).
std::string NewUserRawExchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  (void)!::write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    auto end = out.find("\r\n\r\n");
    auto cl = out.find("Content-Length: ");
    if (end != std::string::npos && cl != std::string::npos && cl < end &&
        out.size() >= end + 4 + std::stoul(out.substr(cl + 16)))
      break;
  }
  ::close(fd);
  return out;
}

TEST(NewUserTest, APostWithoutContentLengthHasAnEmptyBodyOnAdminAndGraphRoutes) {
  LoopbackServer server;
  auto start = NewUserSteady::now();
  std::string admin = NewUserRawExchange(server.port(), "POST /_sim/reset HTTP/1.1\r\nHost: wasim\r\n\r\n");
  EXPECT_EQ(admin.rfind("HTTP/1.1 200", 0), 0u) << admin;
  EXPECT_NE(admin.find("\"reset\": true"), std::string::npos) << admin;
  // Graph: the empty body reaches the pipeline (a missing parameter), not
  // the transport's "Malformed HTTP request".
  std::string graph =
      NewUserRawExchange(server.port(), std::string("POST /v23.0/") + D::kPhoneNumberId +
                                            "/messages HTTP/1.1\r\nHost: wasim\r\nAuthorization: Bearer " +
                                            D::kAccessToken + "\r\n\r\n");
  EXPECT_EQ(graph.rfind("HTTP/1.1 400", 0), 0u) << graph;
  EXPECT_EQ(graph.find("Malformed"), std::string::npos) << graph;
  EXPECT_NE(graph.find("\"error\""), std::string::npos) << graph;
  // Answered at once, not after the server's 10 s read timeout.
  EXPECT_LT(NewUserSteady::now() - start, std::chrono::seconds(4));
}

TEST(NewUserTest, CurlDashXPostWithoutDataWorks) {
  if (!std::filesystem::exists("/usr/bin/curl")) GTEST_SKIP() << "no /usr/bin/curl";
  LoopbackServer server;
  std::string cmd = "/usr/bin/curl -s -m 5 -X POST " + server.base() + "/_sim/reset";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[1024];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0);
  EXPECT_NE(out.find("\"reset\": true"), std::string::npos) << out;
}

TEST(NewUserTest, CorsIsOffByDefault) {
  LoopbackServer server;
  auto r = server.client().Get("/_sim/health");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  auto o = server.client().Options("/_sim/health");
  ASSERT_TRUE(o);
  EXPECT_NE(o->status, 204);
  EXPECT_FALSE(o->has_header("Access-Control-Allow-Origin"));
}

TEST(NewUserTest, CorsOriginAnswersPreflightsAndTagsEveryResponse) {
  ServeConfig config;
  config.cors_origin = "http://localhost:3000";
  LoopbackServer server(config);
  httplib::Headers h{{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "POST"}};
  auto pre = server.client().Options((std::string("/v23.0/") + D::kPhoneNumberId + "/messages").c_str(), h);
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Origin"), "http://localhost:3000");
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Headers").find("Content-Type"), std::string::npos);
  EXPECT_EQ(pre->get_header_value("Access-Control-Max-Age"), "86400");
  // A success, a Graph error and an admin answer all carry the origin.
  auto ok = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
          R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto denied = server.PostGraph(std::string(D::kPhoneNumberId) + "/messages", "{}", "wrong-token");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  auto admin = server.client().Get("/_sim/clock");
  ASSERT_TRUE(admin);
  for (const auto* r : {&*ok, &*denied, &*admin})
    EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "http://localhost:3000");
}

TEST(NewUserTest, AnAdminTokenGuardsTheAdminApiOnly) {
  ServeConfig config;
  config.admin_token = "s3cret";
  LoopbackServer server(config);
  auto& c = server.client();
  auto missing = c.Get("/_sim/clock");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  Json err = ParseOrDie(missing->body)["error"];
  EXPECT_EQ(err["type"], "WasimAdminException");
  EXPECT_EQ(err["code"], 401);
  EXPECT_NE(err["message"].get<std::string>().find("X-Wasim-Admin-Token"), std::string::npos);
  auto wrong = c.Get("/_sim/clock", httplib::Headers{{"Authorization", "Bearer nope"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto reset =
      c.Post("/_sim/reset", httplib::Headers{{"X-Wasim-Admin-Token", "nope"}}, "", "application/json");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 401);
  EXPECT_EQ(c.Get("/_sim/clock", httplib::Headers{{"Authorization", "Bearer s3cret"}})->status, 200);
  EXPECT_EQ(c.Get("/_sim/clock", httplib::Headers{{"X-Wasim-Admin-Token", "s3cret"}})->status, 200);
  EXPECT_EQ(c.Post("/_sim/sandboxes", httplib::Headers{}, "{}", "application/json")->status, 401);
  // Liveness stays open (wasim probe carries no secret); Graph is unaffected.
  EXPECT_EQ(c.Get("/_sim/health")->status, 200);
  auto send = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
          R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  ASSERT_TRUE(send);
  EXPECT_EQ(send->status, 200) << send->body;
}

// A self-signed P-256 certificate for localhost, written as PEM files.
struct NewUserTlsFiles {
  std::string dir, cert, key;
  NewUserTlsFiles() {
    char tmpl[] = "/tmp/wasim-tls-XXXXXX";
    dir = ::mkdtemp(tmpl);
    cert = dir + "/cert.pem";
    key = dir + "/key.pem";
    EVP_PKEY* pkey = EVP_EC_gen("P-256");
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, pkey);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"),
                               -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509_sign(x, pkey, EVP_sha256());
    FILE* f = std::fopen(cert.c_str(), "w");
    PEM_write_X509(f, x);
    std::fclose(f);
    f = std::fopen(key.c_str(), "w");
    PEM_write_PrivateKey(f, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(x);
    EVP_PKEY_free(pkey);
  }
  ~NewUserTlsFiles() { std::filesystem::remove_all(dir); }
};

TEST(NewUserTest, TlsServesHttpsWithTheGivenCertificate) {
  NewUserTlsFiles files;
  ServeConfig config;
  config.tls_cert = files.cert;
  config.tls_key = files.key;
  LoopbackServer server(config);
  ASSERT_GT(server.port(), 0);
  httplib::SSLClient tls("127.0.0.1", server.port());
  tls.enable_server_certificate_verification(false);
  tls.set_read_timeout(30, 0);
  auto r =
      tls.Post((std::string("/v23.0/") + D::kPhoneNumberId + "/messages").c_str(),
               {{"Authorization", std::string("Bearer ") + D::kAccessToken}},
               R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
                   R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})",
               "application/json");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(ParseOrDie(r->body)["messages"][0]["message_status"], "accepted");
  // Plain http on the https port gets no answer.
  auto plain = server.client().Get("/_sim/health");
  EXPECT_TRUE(!plain || plain->status != 200);
}

TEST(NewUserTest, UnusableTlsFilesAreAClearStartUpError) {
  NewUserTlsFiles files;
  auto start = [](const std::string& cert, const std::string& key) {
    ServeConfig config;
    config.port = 0;
    config.clock = "manual";
    config.tls_cert = cert;
    config.tls_key = key;
    Instance instance(config);
    EXPECT_EQ(instance.Start(), -1);
    return instance.bind_error();
  };
  EXPECT_NE(start(files.dir + "/missing.pem", files.key).find("cannot read the TLS certificate"),
            std::string::npos);
  EXPECT_NE(start(files.key, files.key).find("is not a PEM certificate"), std::string::npos);
  EXPECT_NE(start(files.cert, files.cert).find("is not an unencrypted PEM private key"), std::string::npos);
  NewUserTlsFiles other;
  EXPECT_NE(start(files.cert, other.key).find("does not match the certificate"), std::string::npos);
}

std::vector<std::string> NewUserFieldsOf(Simulator& sim) {
  return sim.WithLock([](Ctx& ctx) { return ctx.state.accounts.apps.at(D::kAppId).subscribed_fields; });
}

TEST(NewUserTest, WebhookUrlSubscribesEveryFieldByDefaultAndKeepsItAcrossReset) {
  WebhookReceiver receiver;
  ServeConfig config;
  config.webhook_url = receiver.url();
  LoopbackServer server(config);
  auto fields = NewUserFieldsOf(server.sim());
  const auto& known = subscriptions::KnownFields();
  EXPECT_EQ(std::set<std::string>(fields.begin(), fields.end()), known);
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  fields = NewUserFieldsOf(server.sim());
  EXPECT_EQ(std::set<std::string>(fields.begin(), fields.end()), known);
  // A template review's webhook arrives, not only messages.
  auto created = server.PostGraph(
      std::string(D::kWabaId) + "/message_templates",
      R"({"name":"order_update","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Your order shipped."}]})");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  ASSERT_EQ(server.Advance("1d")->status, 200);
  bool template_status = false;
  for (const auto& p : receiver.posts())
    template_status |= p.body.find("message_template_status_update") != std::string::npos;
  EXPECT_TRUE(template_status);
}

TEST(NewUserTest, WebhookFieldsNarrowTheSubscriptionAcrossReset) {
  WebhookReceiver receiver;
  ServeConfig config;
  config.webhook_url = receiver.url();
  config.webhook_fields = {"messages", "account_update"};
  LoopbackServer server(config);
  EXPECT_EQ(NewUserFieldsOf(server.sim()), (std::vector<std::string>{"messages", "account_update"}));
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(NewUserFieldsOf(server.sim()), (std::vector<std::string>{"messages", "account_update"}));
}

// Sends hello_world to `to` and returns the wamid.
std::string NewUserSendTemplate(LoopbackServer& server, const std::string& to) {
  auto r = server.PostGraph(
      std::string(D::kPhoneNumberId) + "/messages",
      R"({"messaging_product":"whatsapp","to":")" + to +
          R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})");
  EXPECT_TRUE(r);
  if (!r) return "";
  EXPECT_EQ(r->status, 200) << r->body;
  return ParseOrDie(r->body)["messages"][0].value("id", "");
}

// The statuses of `wamid` in GET /_sim/messages, "failed:CODE" for a failure.
std::vector<std::string> NewUserStatuses(LoopbackServer& server, const std::string& wamid) {
  std::vector<std::string> out;
  Json journal = ParseOrDie(server.client().Get("/_sim/messages")->body);
  for (const auto& m : journal["data"]) {
    if (m["id"] != wamid) continue;
    for (const auto& s : m["statuses"])
      out.push_back(s["status"].get<std::string>() +
                    (s.contains("error") ? ":" + std::to_string(s["error"]["code"].get<int>()) : ""));
  }
  return out;
}

TEST(NewUserTest, UnknownRecipientsAreOnlineReadersByDefault) {
  LoopbackServer server;
  std::string wamid = NewUserSendTemplate(server, "19995550123");
  ASSERT_EQ(server.Advance("1m")->status, 200);
  EXPECT_EQ(NewUserStatuses(server, wamid), (std::vector<std::string>{"sent", "delivered", "read"}));
}

TEST(NewUserTest, UnknownRecipientsNotOnWhatsAppFailAsAKnownCustomerWithoutWhatsAppDoes) {
  ServeConfig config;
  config.unknown_recipients = "not_on_whatsapp";
  LoopbackServer server(config);
  ASSERT_EQ(server.client()
                .Put((std::string("/_sim/customers/") + D::kCustomerWaId).c_str(),
                     R"({"state":"not_on_whatsapp"})", "application/json")
                ->status,
            200);
  std::string unknown = NewUserSendTemplate(server, "19995550123");
  std::string known = NewUserSendTemplate(server, D::kCustomerWaId);
  ASSERT_EQ(server.Advance("1m")->status, 200);
  // Meta: a number without WhatsApp is accepted, then fails with 131026.
  EXPECT_EQ(NewUserStatuses(server, unknown), (std::vector<std::string>{"sent", "failed:131026"}));
  EXPECT_EQ(NewUserStatuses(server, unknown), NewUserStatuses(server, known));
  // The start-up world keeps it across a reset.
  ASSERT_EQ(server.client().Post("/_sim/reset", "", "application/json")->status, 200);
  std::string again = NewUserSendTemplate(server, "19995550124");
  ASSERT_EQ(server.Advance("1m")->status, 200);
  EXPECT_EQ(NewUserStatuses(server, again), (std::vector<std::string>{"sent", "failed:131026"}));
}

TEST(NewUserTest, ClockAdvanceRefusesTwoWaysOfSayingHowFar) {
  LoopbackServer server;
  auto& c = server.client();
  for (const char* body : {R"({"by":"1s","seconds":1})", R"({"by":"1s","to":"2026-02-01T00:00:00Z"})",
                           R"({"seconds":1,"to":"2026-02-01T00:00:00Z"})"}) {
    auto r = c.Post("/_sim/clock/advance", body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_EQ(ParseOrDie(r->body)["error"]["type"], "WasimAdminException");
    EXPECT_NE(r->body.find("only one of"), std::string::npos) << r->body;
  }
  auto now = ParseOrDie(c.Get("/_sim/clock")->body)["now"];
  EXPECT_EQ(now, "2026-01-01T00:00:00.000Z");  // nothing moved
  EXPECT_EQ(c.Post("/_sim/clock/advance", R"({"seconds":1})", "application/json")->status, 200);
}

// Meta's Resumable Upload example sends the file with curl --data-binary, i.e.
// as application/x-www-form-urlencoded: the bytes are the file, not parameters.
TEST(NewUserTest, AnUploadSessionTakesBinaryBytesSentAsAForm) {
  LoopbackServer server;
  auto& c = server.client();
  httplib::Headers bearer = {{"Authorization", std::string("Bearer ") + D::kAccessToken}};
  auto start = c.Post((std::string("/v23.0/") + D::kAppId +
                       "/uploads?file_name=header.png&file_length=16&file_type=image/png")
                          .c_str(),
                      bearer, "", "text/plain");
  ASSERT_TRUE(start);
  ASSERT_EQ(start->status, 200) << start->body;
  std::string session = ParseOrDie(start->body)["id"];
  const std::string bytes("\x89PNG\r\n\x1a\n&a=b\xff\xfe%zz", 16);
  httplib::Headers oauth = {{"Authorization", std::string("OAuth ") + D::kAccessToken}, {"file_offset", "0"}};
  auto up = c.Post(("/v23.0/" + session).c_str(), oauth, bytes, "application/x-www-form-urlencoded");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 200) << up->body;
  EXPECT_TRUE(ParseOrDie(up->body).contains("h")) << up->body;
  auto status = c.Get(("/v23.0/" + session).c_str(), oauth);
  ASSERT_TRUE(status);
  EXPECT_EQ(ParseOrDie(status->body)["file_offset"], 16) << status->body;
}

}  // namespace
}  // namespace wasim::testing
