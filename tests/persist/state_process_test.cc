// `wasim serve --state FILE` as a user runs it: the real binary (WASIM_BINARY)
// killed with SIGKILL in the middle of a load keeps every answered message
// and every pending webhook; SIGTERM and restart continue virtual time; a
// file that is not ours stops the start with a message naming it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/domain/world/default_world.h"

namespace {

using SpClock = std::chrono::steady_clock;
using wasim::Json;

// `wasim ARGS...` with stdout and stderr on a pipe, read line by line;
// SIGKILLed at the end when still running.
class SpChild {
 public:
  explicit SpChild(const std::vector<std::string>& args) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv{const_cast<char*>(WASIM_BINARY)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(WASIM_BINARY, argv.data());
      std::_Exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~SpChild() {
    Signal(SIGKILL);
    if (out_ >= 0) ::close(out_);
  }
  void Signal(int sig) {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, sig);
      if (sig == SIGKILL) WaitExit(std::chrono::seconds(30));
    }
  }
  std::optional<std::string> ReadLine(std::chrono::seconds limit = std::chrono::seconds(60)) {
    auto deadline = SpClock::now() + limit;
    while (true) {
      if (auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SpClock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<size_t>(n));
    }
  }
  // The first line matching `re` (earlier lines are skipped), or nullopt.
  std::optional<std::smatch> ReadUntil(const std::regex& re, std::string* line) {
    while (auto l = ReadLine()) {
      *line = *l;
      std::smatch m;
      if (std::regex_match(*line, m, re)) return m;
    }
    return std::nullopt;
  }
  std::optional<int> WaitExit(std::chrono::seconds limit) {
    auto deadline = SpClock::now() + limit;
    while (SpClock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }
  // Everything still on the pipe (after exit).
  std::string Rest() {
    std::string all = buf_;
    while (auto l = ReadLine(std::chrono::seconds(5))) all += *l + "\n";
    return all;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
  std::string buf_;
};

class SpTempDir {
 public:
  SpTempDir() {
    char tmpl[] = "/tmp/wasim-state-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~SpTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& n) const { return path_ + "/" + n; }

 private:
  std::string path_;
};

int SpClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(a);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

const std::regex kSpReady(R"(^wasim ready on http://127\.0\.0\.1:(\d+)$)");
const std::regex kSpRestored(R"(^state: (.*) \(restored, ([0-9,]+) messages, virtual time (\S+)\)$)");

int SpReadyPort(SpChild& child) {
  std::string line;
  auto m = child.ReadUntil(kSpReady, &line);
  return m ? std::stoi((*m)[1]) : -1;
}

Json SpGetJson(httplib::Client& c, const std::string& path) {
  auto r = c.Get(path.c_str());
  if (!r || r->status != 200) return Json();
  return Json::parse(r->body, nullptr, false);
}

std::string SpTemplateBody(const std::string& to) {
  return R"({"messaging_product":"whatsapp","to":")" + to +
         R"(","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}})";
}

TEST(StateProcess, SigkillUnderLoadKeepsEveryAnsweredMessageAndEveryPendingWebhook) {
  SpTempDir dir;
  std::string file = dir.File("state.db");
  int hook_port = SpClosedPort();  // the app's receiver: down until after the restart
  std::string hook_url = "http://127.0.0.1:" + std::to_string(hook_port) + "/hook";
  std::vector<std::string> args = {"serve",         "--port",  "0",         "--clock",
                                   "manual",        "--quiet", "--state",   file,
                                   "--webhook-url", hook_url,  "--threads", "16"};
  std::set<std::string> answered;     // wamids answered 2xx before the kill
  std::set<std::string> pending_ids;  // deliveries pending before the load
  std::mutex mu;
  {
    SpChild first(args);
    int port = SpReadyPort(first);
    ASSERT_GT(port, 0);
    httplib::Client admin("127.0.0.1", port);
    // Numbers and customers enough that Meta's throughput (80/s per number)
    // and pair rate never refuse a send while the manual clock stands still.
    auto bulk = admin.Post("/_sim/bulk", R"({"phone_numbers":20,"customers":200})", "application/json");
    ASSERT_TRUE(bulk && bulk->status == 200);
    Json created = Json::parse(bulk->body);
    std::vector<std::string> phones, customers;
    for (const auto& p : created["phone_numbers"]) phones.push_back(p["id"].get<std::string>());
    for (const auto& c : created["customers"]) customers.push_back(c.get<std::string>());
    // Some webhooks attempted and failed (the receiver is down): pending retries.
    std::string auth = std::string("Bearer ") + wasim::DefaultIds::kAccessToken;
    for (int i = 0; i < 5; ++i) {
      auto r = admin.Post(("/v23.0/" + phones[i] + "/messages").c_str(), {{"Authorization", auth}},
                          SpTemplateBody(customers[i]), "application/json");
      ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
      answered.insert(Json::parse(r->body)["messages"][0]["id"].get<std::string>());
    }
    ASSERT_TRUE(admin.Post("/_sim/clock/advance", R"({"by":"10s"})", "application/json"));
    Json pending = SpGetJson(admin, "/_sim/webhooks?state=pending&body=0&limit=100000");
    for (const auto& d : pending["data"]) pending_ids.insert(d["id"].get<std::string>());
    ASSERT_FALSE(pending_ids.empty()) << pending.dump();

    // The load: 8 clients send until the server dies under them.
    std::atomic<bool> stop{false};
    std::atomic<int> answered_count{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
      clients.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(30, 0);
        for (int i = t; !stop.load(); i += 8) {
          auto r =
              c.Post(("/v23.0/" + phones[i % phones.size()] + "/messages").c_str(), {{"Authorization", auth}},
                     SpTemplateBody(customers[(i / phones.size()) % customers.size()]), "application/json");
          if (!r) {
            if (stop.load()) break;
            continue;
          }
          if (r->status / 100 != 2) continue;
          Json j = Json::parse(r->body, nullptr, false);
          std::lock_guard lock(mu);
          answered.insert(j["messages"][0]["id"].get<std::string>());
          ++answered_count;
        }
      });
    }
    // Mid-load: once 300 sends were answered, while the clients keep sending.
    auto deadline = SpClock::now() + std::chrono::seconds(120);
    while (answered_count.load() < 300 && SpClock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    first.Signal(SIGKILL);
    stop.store(true);
    for (auto& c : clients) c.join();
    ASSERT_GE(answered_count.load(), 300);
  }

  // The restart on the same file: it opens cleanly and holds all of it.
  SpChild second(args);
  int port = SpReadyPort(second);
  ASSERT_GT(port, 0);
  std::string line;
  auto restored = second.ReadUntil(kSpRestored, &line);
  ASSERT_TRUE(restored) << line;
  EXPECT_EQ((*restored)[1], file);
  httplib::Client admin("127.0.0.1", port);
  Json journal = SpGetJson(admin, "/_sim/messages");
  std::set<std::string> kept;
  for (const auto& m : journal["data"]) kept.insert(m["id"].get<std::string>());
  size_t missing = 0;
  for (const auto& w : answered) missing += kept.count(w) ? 0 : 1;
  EXPECT_EQ(missing, 0u) << "of " << answered.size() << " answered wamids";
  for (const auto& id : pending_ids) {
    Json d = SpGetJson(admin, "/_sim/webhooks/" + id);
    EXPECT_EQ(d.value("state", ""), "pending") << id << ": " << d.dump();
  }

  // The receiver comes up; the clock moves: the pending deliveries arrive,
  // and every answered message's status webhooks with them.
  httplib::Server receiver;
  std::mutex rmu;
  std::string received;
  receiver.Post("/hook", [&](const httplib::Request& r, httplib::Response& res) {
    std::lock_guard lock(rmu);
    received += r.body;
    res.status = 200;
  });
  ASSERT_TRUE(receiver.bind_to_port("127.0.0.1", hook_port));
  std::thread serving([&] { receiver.listen_after_bind(); });
  auto advanced = admin.Post("/_sim/clock/advance", R"({"by":"2h"})", "application/json");
  ASSERT_TRUE(advanced && advanced->status == 200);
  for (const auto& id : pending_ids) {
    Json d = SpGetJson(admin, "/_sim/webhooks/" + id);
    EXPECT_EQ(d.value("state", ""), "delivered") << id << ": " << d.dump();
  }
  {
    std::lock_guard lock(rmu);
    size_t unheard = 0;
    for (const auto& w : answered) unheard += received.find(w) == std::string::npos ? 1 : 0;
    EXPECT_EQ(unheard, 0u) << "of " << answered.size() << " answered wamids had no webhook";
  }
  receiver.stop();
  serving.join();
}

TEST(StateProcess, SigtermAndRestartContinueVirtualTimeAndTheWorld) {
  SpTempDir dir;
  std::string file = dir.File("state.db");
  std::vector<std::string> args = {"serve", "--port", "0", "--clock", "manual", "--quiet", "--state", file};
  std::string wamid;
  {
    SpChild first(args);
    int port = SpReadyPort(first);
    ASSERT_GT(port, 0);
    std::string line;
    ASSERT_TRUE(first.ReadLine());  // the state line
    httplib::Client c("127.0.0.1", port);
    ASSERT_TRUE(c.Post("/_sim/clock/advance", R"({"by":"5h"})", "application/json"));
    auto r = c.Post("/v23.0/" + std::string(wasim::DefaultIds::kPhoneNumberId) + "/messages",
                    {{"Authorization", std::string("Bearer ") + wasim::DefaultIds::kAccessToken}},
                    SpTemplateBody(wasim::DefaultIds::kCustomerWaId), "application/json");
    ASSERT_TRUE(r && r->status == 200);
    wamid = Json::parse(r->body)["messages"][0]["id"].get<std::string>();
    first.Signal(SIGTERM);
    EXPECT_EQ(first.WaitExit(std::chrono::seconds(30)), 0);
  }
  SpChild second(args);
  int port = SpReadyPort(second);
  ASSERT_GT(port, 0);
  std::string line;
  auto restored = second.ReadUntil(kSpRestored, &line);
  ASSERT_TRUE(restored) << line;
  EXPECT_EQ((*restored)[2], "1");
  EXPECT_EQ((*restored)[3], "2026-01-01T05:00:00.000Z");  // not the default start: the stored time
  httplib::Client c("127.0.0.1", port);
  EXPECT_EQ(SpGetJson(c, "/_sim/clock").value("now", ""), "2026-01-01T05:00:00.000Z");
  Json journal = SpGetJson(c, "/_sim/messages");
  ASSERT_EQ(journal["data"].size(), 1u) << journal.dump();
  EXPECT_EQ(journal["data"][0]["id"], wamid);
}

// The flags of a restart win over the app settings stored in the file, and a
// second server on a file in use is refused.
TEST(StateProcess, ARestartTakesItsWebhookFlagsAndASecondServerIsRefused) {
  SpTempDir dir;
  std::string file = dir.File("state.db");
  std::vector<std::string> base = {"serve", "--port", "0", "--clock", "manual", "--quiet", "--state", file};
  {
    std::vector<std::string> args = base;
    args.insert(args.end(), {"--webhook-url", "http://127.0.0.1:9/first"});
    SpChild first(args);
    ASSERT_GT(SpReadyPort(first), 0);
    first.Signal(SIGTERM);
    EXPECT_EQ(first.WaitExit(std::chrono::seconds(30)), 0);
  }
  std::vector<std::string> args = base;
  args.insert(args.end(),
              {"--webhook-url", "http://127.0.0.1:9/second", "--webhook-fields", "account_update"});
  SpChild second(args);
  int port = SpReadyPort(second);
  ASSERT_GT(port, 0);
  httplib::Client c("127.0.0.1", port);
  Json apps = SpGetJson(c, "/_sim/state?view=summary")["apps"];
  bool found = false;
  for (const Json& app : apps) {
    if (app.value("id", "") != wasim::DefaultIds::kAppId) continue;
    found = true;
    EXPECT_EQ(app.value("callback_url", ""), "http://127.0.0.1:9/second");
    EXPECT_EQ(app["subscribed_fields"], Json::array({"account_update"}));
  }
  EXPECT_TRUE(found) << apps.dump();
  SpChild intruder(base);
  EXPECT_EQ(intruder.WaitExit(std::chrono::seconds(30)), 1);
  EXPECT_NE(intruder.Rest().find(file + ": is in use by another process"), std::string::npos);
}

TEST(StateProcess, AFileThatIsNotOursStopsTheStartNamingItAndIsLeftAlone) {
  SpTempDir dir;
  std::string file = dir.File("notes.txt");
  std::ofstream(file) << "not a database\n";
  SpChild child({"serve", "--port", "0", "--clock", "manual", "--quiet", "--state", file});
  EXPECT_EQ(child.WaitExit(std::chrono::seconds(30)), 1);
  EXPECT_EQ(child.Rest(),
            "wasim serve: --state " + file +
                ": is not a wasim state file (not an SQLite database); refusing to overwrite it\n");
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "not a database\n");
}

}  // namespace
