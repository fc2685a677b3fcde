// The wasim binary as a container runtime and test frameworks use it: the
// version, the ready line (--quiet or not, --port 0), `wasim probe` and
// SIGTERM. Each test starts the real binary (WASIM_BINARY).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "simulator/app/wiring.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

// Runs `wasim ARGS...` with its stdout on a pipe (stderr merged into it when
// asked); reads it line by line; SIGKILLs a child still running at the end.
class ServeChild {
 public:
  explicit ServeChild(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> argv{const_cast<char*>(WASIM_BINARY)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(WASIM_BINARY, argv.data());
      std::_Exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~ServeChild() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  pid_t pid() const { return pid_; }

  // The next stdout line, or nullopt at EOF or after `limit`.
  std::optional<std::string> ReadLine(std::chrono::seconds limit = std::chrono::seconds(30)) {
    auto deadline = SteadyClock::now() + limit;
    while (true) {
      if (auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<size_t>(n));
    }
  }

  // The exit status when the child exits within `limit` (polled), else nullopt.
  std::optional<int> WaitExit(std::chrono::seconds limit) {
    auto deadline = SteadyClock::now() + limit;
    while (SteadyClock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
  std::string buf_;
};

// Exit code and merged output of `wasim ARGS` (a shell command line).
// `env_prefix`: VAR=value assignments for the shell ("A=1 B=2 ").
std::pair<int, std::string> RunWasimCli(const std::string& args, const std::string& env_prefix = "") {
  std::string cmd = env_prefix + WASIM_BINARY + " " + args + " 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {-1, out};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// A loopback port nothing listens on (bound by the kernel, then closed).
int ClosedLoopbackPort() {
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

const std::regex kReadyLine(R"(^wasim ready on http://127\.0\.0\.1:(\d+)$)");

TEST(ServeProcessTest, VersionPrintsTheCMakeProjectVersion) {
  auto [code, out] = RunWasimCli("--version");
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, std::string("wasim ") + WASIM_PROJECT_VERSION + "\n");
  auto [code2, out2] = RunWasimCli("version");
  EXPECT_EQ(code2, 0);
  EXPECT_EQ(out2, out);
}

TEST(ServeProcessTest, QuietServeOnPortZeroPrintsOnlyTheReadyLineNamingAPortThatAnswers) {
  ServeChild child({"serve", "--port", "0", "--clock", "manual", "--quiet"});
  auto line = child.ReadLine();
  ASSERT_TRUE(line.has_value());
  std::smatch m;
  ASSERT_TRUE(std::regex_match(*line, m, kReadyLine)) << *line;
  int port = std::stoi(m[1]);
  EXPECT_NE(port, 0);
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/_sim/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  // Quiet: nothing after the ready line (the banner is not printed).
  EXPECT_FALSE(child.ReadLine(std::chrono::seconds(1)).has_value());
}

TEST(ServeProcessTest, TheBannerFollowsTheReadyLineWhenNotQuiet) {
  ServeChild child({"serve", "--port", "0", "--clock", "manual"});
  auto ready = child.ReadLine();
  ASSERT_TRUE(ready.has_value());
  std::smatch m;
  ASSERT_TRUE(std::regex_match(*ready, m, kReadyLine)) << *ready;
  auto banner = child.ReadLine();
  ASSERT_TRUE(banner.has_value());
  EXPECT_EQ(banner->rfind(std::string("wasim ") + WASIM_PROJECT_VERSION +
                              " listening on http://127.0.0.1:" + m[1].str() + " ",
                          0),
            0u)
      << *banner;
}

TEST(ServeProcessTest, ABadEnvironmentValueExitsNonZeroWithoutAReadyLine) {
  ServeChild child({"serve", "--quiet"}, {"WASIM_PORT=99999"});
  EXPECT_FALSE(child.ReadLine(std::chrono::seconds(30)).has_value());  // EOF, no line
  EXPECT_EQ(child.WaitExit(std::chrono::seconds(30)), 2);
}

TEST(ServeProcessTest, SigtermStopsTheServerWithExitZero) {
  ServeChild child({"serve", "--port", "0", "--quiet"});  // realtime clock: the ticker runs too
  auto line = child.ReadLine();
  ASSERT_TRUE(line.has_value());
  std::smatch m;
  ASSERT_TRUE(std::regex_match(*line, m, kReadyLine)) << *line;
  httplib::Client c("127.0.0.1", std::stoi(m[1]));
  ASSERT_TRUE(c.Get("/_sim/health"));  // a keep-alive connection stays open
  ASSERT_EQ(::kill(child.pid(), SIGTERM), 0);
  EXPECT_EQ(child.WaitExit(std::chrono::seconds(20)), 0);  // generous: a hang would never exit
}

TEST(ServeProcessTest, ProbeExitsZeroAgainstALiveServerAndOneAgainstAClosedPort) {
  wasim::ServeConfig config;
  config.port = 0;
  config.clock = "manual";
  wasim::Instance live(config);
  int port = live.Start();
  ASSERT_GT(port, 0);
  auto [ok, ok_out] = RunWasimCli("probe --port " + std::to_string(port));
  EXPECT_EQ(ok, 0) << ok_out;
  EXPECT_EQ(ok_out, "");
  auto [by_url, url_out] = RunWasimCli("probe --url http://127.0.0.1:" + std::to_string(port) + "/");
  EXPECT_EQ(by_url, 0) << url_out;
  int closed = ClosedLoopbackPort();
  auto [down, down_out] = RunWasimCli("probe --timeout 1s --port " + std::to_string(closed));
  EXPECT_EQ(down, 1);
  EXPECT_EQ(down_out.rfind("wasim probe: unhealthy: http://127.0.0.1:" + std::to_string(closed), 0), 0u)
      << down_out;
  EXPECT_EQ(std::count(down_out.begin(), down_out.end(), '\n'), 1) << down_out;
}

TEST(ServeProcessTest, ProbeFailsOnAnUnhealthyAnswerAndTakesItsTargetFromTheEnvironment) {
  httplib::Server sick;
  sick.Get("/_sim/health", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content("{\"status\":\"starting\"}", "application/json");
  });
  int port = sick.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { sick.listen_after_bind(); });
  while (!sick.is_running()) std::this_thread::yield();
  std::string where = "http://127.0.0.1:" + std::to_string(port) + "/_sim/health: HTTP 503";
  auto [flag_code, flag_out] = RunWasimCli("probe --host 127.0.0.1 --port " + std::to_string(port));
  EXPECT_EQ(flag_code, 1);
  EXPECT_NE(flag_out.find(where), std::string::npos) << flag_out;
  // The container sets WASIM_BIND=0.0.0.0 and WASIM_PORT: probed on loopback at that port.
  auto [env_code, env_out] =
      RunWasimCli("probe", "WASIM_BIND=0.0.0.0 WASIM_PORT=" + std::to_string(port) + " ");
  EXPECT_EQ(env_code, 1);
  EXPECT_NE(env_out.find(where), std::string::npos) << env_out;
  sick.stop();
  t.join();
}

TEST(ServeProcessTest, ProbeRefusesBadArgumentsWithExitOne) {
  auto [code, out] = RunWasimCli("probe --url ftp://127.0.0.1:1");
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("--url must be http://HOST:PORT"), std::string::npos) << out;
  auto [code2, out2] = RunWasimCli("probe --port 0");
  EXPECT_EQ(code2, 1);
  EXPECT_NE(out2.find("--port must be 1..65535"), std::string::npos) << out2;
}

TEST(ServeProcessTest, AListenFailureSaysWhy) {
  wasim::ServeConfig config;
  config.port = 0;
  config.clock = "manual";
  wasim::Instance holder(config);
  int port = holder.Start();
  ASSERT_GT(port, 0);
  auto [code, out] = RunWasimCli("serve --clock manual --quiet --port " + std::to_string(port));
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("port " + std::to_string(port) + " is already in use"), std::string::npos) << out;
  EXPECT_EQ(out.find("wasim ready"), std::string::npos) << out;
  auto [code2, out2] = RunWasimCli("serve --clock manual --quiet --port 0 --bind 192.0.2.1");
  EXPECT_EQ(code2, 1);
  EXPECT_NE(out2.find("192.0.2.1 is not an address of this machine"), std::string::npos) << out2;
  auto [code3, out3] = RunWasimCli("serve --clock manual --quiet --port 0 --bind no-such-host.invalid");
  EXPECT_EQ(code3, 1);
  EXPECT_NE(out3.find("bad address 'no-such-host.invalid'"), std::string::npos) << out3;
}

TEST(ServeProcessTest, AnInvalidClockStartIsRefusedWithTheExpectedFormat) {
  for (const char* bad : {"yesterday", "2026-13-45T00:00:00Z", "2026-01-01", "2026-02-30T00:00:00Z"}) {
    auto [code, out] = RunWasimCli(std::string("serve --quiet --port 0 --clock-start ") + bad);
    EXPECT_EQ(code, 2) << bad;
    EXPECT_NE(out.find("--clock-start must be an ISO-8601 UTC date and time such as 2026-01-01T00:00:00Z"),
              std::string::npos)
        << out;
  }
}

TEST(ServeProcessTest, WasimQuietSilencesTheBannerAsQuietDoes) {
  ServeChild child({"serve", "--port", "0", "--clock", "manual"}, {"WASIM_QUIET=1"});
  auto line = child.ReadLine();
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(std::regex_match(*line, kReadyLine)) << *line;
  EXPECT_FALSE(child.ReadLine(std::chrono::seconds(1)).has_value());
}

TEST(ServeProcessTest, TheBannersAdminUrlAnswers) {
  ServeChild child({"serve", "--port", "0", "--clock", "manual"});
  ASSERT_TRUE(child.ReadLine().has_value());  // the ready line
  std::optional<std::string> admin;
  for (int i = 0; i < 20 && !admin; ++i) {
    auto line = child.ReadLine(std::chrono::seconds(5));
    if (!line) break;
    if (line->find("Admin URL") != std::string::npos) admin = *line;
  }
  ASSERT_TRUE(admin.has_value());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(*admin, m, std::regex(R"(http://127\.0\.0\.1:(\d+)(/\S*))"))) << *admin;
  httplib::Client c("127.0.0.1", std::stoi(m[1]));
  auto r = c.Get(m[2].str());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << m[2].str();
}

}  // namespace
