// Architecture rules checked on the source tree:
//  - only app/ (the wiring) reads real time; everything else goes through the injected Clock;
//  - dependencies point one way (core <- domain <- webhooks <- http, admin <- app);
//  - include/wasim/ (the contract-test library's API) includes nothing internal, and
//    tests/contract/ uses only it;
//  - nlohmann is included only by simulator/core/json.h, after its assertion policy.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace wasim {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> SourcesUnder(const std::string& rel) {
  std::vector<fs::path> out;
  fs::path root = fs::path(WASIM_SOURCE_DIR) / rel;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && (e.path().extension() == ".h" || e.path().extension() == ".cc"))
      out.push_back(e.path());
  return out;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ArchitectureTest, OnlyTheWiringReadsTheRealClock) {
  const std::vector<std::string> banned = {"system_clock::now", "steady_clock::now",
                                           "high_resolution_clock::now", "time(nullptr)", "gettimeofday"};
  int scanned = 0;
  // app/ picks the realtime clock and the real webhook sender (real-time attempt timeout).
  for (const std::string dir :
       {"simulator/core", "simulator/domain", "simulator/webhooks", "simulator/persist", "simulator/http",
        "simulator/admin", "simulator/scenario", "simulator/library", "simulator/testing"}) {
    for (const auto& p : SourcesUnder(dir)) {
      if (p.filename() == "clock.cc") continue;  // the one RealtimeClock wall-time source
      std::string text = Read(p);
      ++scanned;
      for (const auto& b : banned) EXPECT_EQ(text.find(b), std::string::npos) << p << " uses " << b;
    }
  }
  EXPECT_GT(scanned, 10);
}

TEST(ArchitectureTest, IncludesPointOneWay) {
  struct Rule {
    std::string dir;
    std::vector<std::string> forbidden;
  };
  const std::vector<Rule> rules = {
      {"simulator/core",
       {"simulator/domain/", "simulator/webhooks/", "simulator/persist/", "simulator/http/",
        "simulator/admin/", "simulator/app/", "httplib.h", "yaml-cpp"}},
      {"simulator/domain",
       {"simulator/webhooks/", "simulator/persist/", "simulator/http/", "simulator/admin/",
        "simulator/scenario/", "simulator/app/", "httplib.h"}},
      {"simulator/webhooks",
       {"simulator/persist/", "simulator/http/", "simulator/admin/", "simulator/scenario/",
        "simulator/app/"}},
      // The complete-state codec: above the domain and the outbox, below the admin API and the app
      // (persist/instance_state.h only names app's Instance; its code is in simulator/app/).
      {"simulator/persist",
       {"simulator/http/", "simulator/admin/", "simulator/scenario/", "simulator/app/", "httplib.h"}},
      {"simulator/http", {"simulator/admin/", "simulator/persist/", "simulator/scenario/", "simulator/app/"}},
      {"simulator/admin", {"simulator/scenario/", "simulator/app/"}},
      {"simulator/scenario", {"simulator/app/", "httplib.h"}},
      // The contract-test library's public surface: no internal header, no nlohmann or httplib type.
      {"include/wasim", {"simulator/", "nlohmann", "httplib.h", "yaml-cpp"}},
      // Its GoogleTest side reads payloads with core's JSON only; the simulator through its facade.
      {"simulator/testing",
       {"simulator/domain/", "simulator/webhooks/", "simulator/http/", "simulator/admin/",
        "simulator/scenario/", "simulator/app/"}},
      // Contract tests use the library as an installed copy would be used.
      {"tests/contract", {"simulator/", "tests/support/", "nlohmann"}},
  };
  for (const auto& rule : rules) {
    for (const auto& p : SourcesUnder(rule.dir)) {
      std::string text = Read(p);
      std::istringstream lines(text);
      std::string line;
      while (std::getline(lines, line)) {
        if (line.rfind("#include", 0) != 0) continue;
        for (const auto& f : rule.forbidden) EXPECT_EQ(line.find(f), std::string::npos) << p << ": " << line;
      }
    }
  }
}

// Each area's service owns its store: outside simulator/domain/ code reads the
// state but never writes it (no assignment through ctx.state, no mutable
// reference or pointer to a domain object, no mutating store call).
// simulator/persist/ is not scanned: decoding a document into fresh stores
// (swapped in by Simulator::Restore) is what that module is for.
TEST(ArchitectureTest, OnlyTheDomainWritesDomainState) {
  const std::regex write(
      R"((^|[^t] )(App|Waba|PhoneNumber|Business|Customer|CustomerRelation|MessageTemplate|OutboundMessage|)"
      R"(MediaObject|InboundMessage)\s*[&*]\s*\w+\s*=|state\.[^;]*[^=!<>]=[^=]|)"
      R"(state\.[a-z_.]*(Ensure|Relation|Add|erase|emplace|insert|push_back)\()");
  int scanned = 0;
  for (const std::string dir :
       {"simulator/admin", "simulator/http", "simulator/webhooks", "simulator/scenario", "simulator/app"}) {
    for (const auto& p : SourcesUnder(dir)) {
      std::istringstream lines(Read(p));
      std::string line;
      int n = 0;
      ++scanned;
      while (std::getline(lines, line)) {
        ++n;
        if (line.find("const ") != std::string::npos || line.find("//") == 0) continue;
        EXPECT_FALSE(std::regex_search(line, write))
            << p << ":" << n << " writes domain state; call the area's service instead: " << line;
      }
    }
  }
  EXPECT_GT(scanned, 20);
}

// Tests set worlds up through WorldBuilder (or drive the services), never by
// writing the world's stores: accounts, customers, templates and config.
TEST(ArchitectureTest, TestsSetUpWorldsThroughTheBuilder) {
  const std::regex write(R"(state\.(accounts|customers|templates|config)\b[^;]*([^=!<>]=[^=]|\[|)"
                         R"(\.(Ensure|Relation|Add|erase|emplace|insert|push_back|clear)\())");
  int scanned = 0;
  for (const auto& p : SourcesUnder("tests")) {
    std::istringstream lines(Read(p));
    std::string line;
    int n = 0;
    ++scanned;
    while (std::getline(lines, line)) {
      ++n;
      if (line.find("const ") != std::string::npos || line.find("//") == 0) continue;
      EXPECT_FALSE(std::regex_search(line, write))
          << p << ":" << n << " writes the world; use WorldBuilder (tests/support/world.h): " << line;
    }
  }
  EXPECT_GT(scanned, 50);
}

TEST(ArchitectureTest, OnlyJsonHeaderIncludesNlohmann) {
  int scanned = 0;
  for (const std::string dir : {"simulator", "tests"}) {
    for (const auto& p : SourcesUnder(dir)) {
      if (p.filename() == "json.h" && p.parent_path().filename() == "core") continue;
      std::istringstream lines(Read(p));
      std::string line;
      ++scanned;
      while (std::getline(lines, line)) {
        if (line.rfind("#include", 0) != 0) continue;
        EXPECT_EQ(line.find("nlohmann/"), std::string::npos)
            << p << ": include simulator/core/json.h instead";
      }
    }
  }
  EXPECT_GT(scanned, 100);
}

}  // namespace
}  // namespace wasim
