// wasim_startup_probe WASIM_BINARY CLOCK REPEATS
// Starts `wasim serve --port P --clock CLOCK --quiet` REPEATS times and
// measures the wall time from fork() to the first 200 from GET /_sim/health,
// polling every 0.2 ms. Prints each sample and median/max in ms; exit 0 even
// when slow (the bench reports figures, it never fails on them).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// A port that was free a moment ago (the kernel picks it).
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof(a);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    return -1;
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

pid_t Spawn(const char* binary, int port, const char* clock) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::string p = std::to_string(port);
    ::execl(binary, binary, "serve", "--port", p.c_str(), "--clock", clock, "--quiet",
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  return pid;
}

// Milliseconds until /_sim/health answered 200; -1 on timeout or early exit.
double MeasureOnce(const char* binary, const char* clock) {
  int port = FreePort();
  if (port < 0) return -1;
  auto t0 = Clock::now();
  pid_t pid = Spawn(binary, port, clock);
  if (pid < 0) return -1;
  double ms = -1;
  while (Clock::now() - t0 < std::chrono::seconds(10)) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(0, 100000);
    if (auto r = c.Get("/_sim/health"); r && r->status == 200) {
      ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      break;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return -1;  // died (port taken?)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200 && ::waitpid(pid, &status, WNOHANG) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (::waitpid(pid, &status, WNOHANG) == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s WASIM_BINARY manual|realtime REPEATS\n", argv[0]);
    return 2;
  }
  const char* binary = argv[1];
  const char* clock = argv[2];
  int repeats = std::max(1, std::atoi(argv[3]));
  std::vector<double> samples;
  int failures = 0;
  for (int i = 0; i < repeats; ++i) {
    double ms = MeasureOnce(binary, clock);
    if (ms < 0) {
      ++failures;
      continue;
    }
    samples.push_back(ms);
  }
  std::sort(samples.begin(), samples.end());
  if (samples.empty()) {
    std::printf("startup (%s clock): no successful start in %d tries\n", clock, repeats);
    return 0;
  }
  double median = samples[samples.size() / 2];
  std::printf("startup (%s clock): n=%zu median=%.1f ms min=%.1f ms max=%.1f ms failures=%d\n", clock,
              samples.size(), median, samples.front(), samples.back(), failures);
  return 0;
}
