// A loopback webhook receiver for `make bench`: answers 200 to every POST,
// verifies nothing (speed), counts deliveries and the statuses/messages they
// carry. GET /stats -> "posts changes statuses bytes".
//   usage: wasim_webhook_sink PORT
#include <httplib.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>

namespace {

size_t Count(const std::string& body, const std::string& needle) {
  size_t n = 0;
  for (size_t p = body.find(needle); p != std::string::npos; p = body.find(needle, p + needle.size())) ++n;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: wasim_webhook_sink PORT\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::atomic<unsigned long> posts{0}, changes{0}, statuses{0}, bytes{0};
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.Post(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    ++posts;
    bytes += req.body.size();
    changes += Count(req.body, "\"field\":");
    // Each status object carries exactly one "recipient_id".
    statuses += Count(req.body, "\"recipient_id\":");
    res.set_content("", "text/plain");
  });
  server.Get("/stats", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::to_string(posts.load()) + " " + std::to_string(changes.load()) + " " +
                        std::to_string(statuses.load()) + " " + std::to_string(bytes.load()) + "\n",
                    "text/plain");
  });
  server.listen("127.0.0.1", std::stoi(argv[1]));
  return 0;
}
