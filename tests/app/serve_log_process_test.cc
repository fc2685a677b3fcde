// `wasim serve`'s console log through the real binary: one line per Graph
// call on stderr (stdout keeps the ready line), JSON with --log-format json,
// nothing at --log-level warn for a successful call.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "simulator/core/json.h"
#include "simulator/domain/world/default_world.h"

namespace wasim {
namespace {

// The child's stdout and stderr, each on its own pipe, read line by line.
class LogServeChild {
 public:
  explicit LogServeChild(const std::vector<std::string>& args) {
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
      std::vector<char*> argv{const_cast<char*>(WASIM_BINARY)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(WASIM_BINARY, argv.data());
      std::_Exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~LogServeChild() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
    ::close(err_);
  }
  std::optional<std::string> StdoutLine(int ms = 20000) { return ReadLine(out_, out_buf_, ms); }
  std::optional<std::string> StderrLine(int ms = 20000) { return ReadLine(err_, err_buf_, ms); }

 private:
  static std::optional<std::string> ReadLine(int fd, std::string& buf, int ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (true) {
      if (auto nl = buf.find('\n'); nl != std::string::npos) {
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        return line;
      }
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buf.append(chunk, static_cast<size_t>(n));
    }
  }
  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  std::string out_buf_, err_buf_;
};

int LogReadyPort(LogServeChild& child) {
  auto ready = child.StdoutLine();
  std::smatch m;
  static const std::regex kReady(R"(^wasim ready on http://127\.0\.0\.1:(\d+)$)");
  if (!ready || !std::regex_match(*ready, m, kReady)) return -1;
  return std::stoi(m[1]);
}

int LogSendTemplate(int port) {
  httplib::Client client("127.0.0.1", port);
  httplib::Headers h{{"Authorization", std::string("Bearer ") + DefaultIds::kAccessToken}};
  auto r = client.Post((std::string("/v23.0/") + DefaultIds::kPhoneNumberId + "/messages").c_str(), h,
                       R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                       R"("template":{"name":"hello_world","language":{"code":"en_US"}}})",
                       "application/json");
  return r ? r->status : -1;
}

TEST(ServeLogProcessTest, JsonLinesOnStderrOnePerGraphCall) {
  LogServeChild child({"serve", "--port", "0", "--clock", "manual", "--quiet", "--log-format", "json"});
  int port = LogReadyPort(child);
  ASSERT_GT(port, 0);
  ASSERT_EQ(LogSendTemplate(port), 200);
  auto line = child.StderrLine();
  ASSERT_TRUE(line);
  Json j = Json::parse(*line);
  EXPECT_EQ(j["event"], "request");
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["path"], std::string("/v23.0/") + DefaultIds::kPhoneNumberId + "/messages");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["virtual_time"], "2026-01-01T00:00:00.000Z");
  EXPECT_FALSE(child.StdoutLine(200)) << "--quiet: nothing but the ready line on stdout";
}

TEST(ServeLogProcessTest, WarnLevelFromTheEnvironmentLeavesSuccessfulCallsOut) {
  ::setenv("WASIM_LOG_LEVEL", "warn", 1);
  LogServeChild child({"serve", "--port", "0", "--clock", "manual", "--quiet"});
  ::unsetenv("WASIM_LOG_LEVEL");
  int port = LogReadyPort(child);
  ASSERT_GT(port, 0);
  ASSERT_EQ(LogSendTemplate(port), 200);
  EXPECT_FALSE(child.StderrLine(300));
}

}  // namespace
}  // namespace wasim
