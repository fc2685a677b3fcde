// Catalog audit: every row of the error catalog is either raised somewhere
// under simulator/ AND referenced by a test under tests/, or says in
// `unused_reason` why not. Found by scanning sources for `ErrorCode::kName`
// (and calls of the errors.cc factories, which raise a fixed code).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "simulator/core/error_names.h"
#include "simulator/core/errors.h"
#include "tests/support/golden_json.h"

namespace wasim {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Factories defined in errors.cc ("GraphError NoAccessTokenError() {...}")
// and the codes their bodies name. Those taking an ErrorCode (MakeError,
// PlainGraphError) raise whatever they are given and are skipped.
const std::map<std::string, std::set<std::string>>& FactoryCodes() {
  static const std::map<std::string, std::set<std::string>> m = [] {
    static const std::regex kDef(R"(\nGraphError ([A-Za-z]+)\(([^)]*)\)\s*\{)");
    static const std::regex kEnumRef(R"(ErrorCode::(k[A-Za-z0-9_]+))");
    std::map<std::string, std::set<std::string>> out;
    std::string text = ReadFile(fs::path(WASIM_SOURCE_DIR) / "simulator" / "core" / "errors.cc");
    for (std::sregex_iterator it(text.begin(), text.end(), kDef), end; it != end; ++it) {
      if ((*it)[2].str().find("ErrorCode") != std::string::npos) continue;
      size_t body = static_cast<size_t>(it->position() + it->length());
      size_t close = text.find("\n}", body);
      std::string code = text.substr(body, close == std::string::npos ? std::string::npos : close - body);
      for (std::sregex_iterator c(code.begin(), code.end(), kEnumRef), e; c != e; ++c)
        out[(*it)[1].str()].insert((*c)[1].str());
    }
    return out;
  }();
  return m;
}

// Enumerator names mentioned as `ErrorCode::kName` (and, when `factories`,
// through an errors.h factory call) in the .h/.cc files under `dir`.
std::set<std::string> NamesUsedUnder(const fs::path& dir, const std::set<std::string>& skip_files,
                                     bool factories) {
  static const std::regex kEnumRef(R"(ErrorCode::(k[A-Za-z0-9_]+))");
  static const std::regex kCall(R"(\b([A-Z][A-Za-z]+Error)\s*\()");
  std::set<std::string> used;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const fs::path& p = entry.path();
    if (p.extension() != ".cc" && p.extension() != ".h") continue;
    if (skip_files.count(p.filename().string())) continue;
    std::string text = ReadFile(p);
    for (std::sregex_iterator it(text.begin(), text.end(), kEnumRef), end; it != end; ++it)
      used.insert((*it)[1].str());
    if (!factories) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), kCall), end; it != end; ++it) {
      auto f = FactoryCodes().find((*it)[1].str());
      if (f != FactoryCodes().end()) used.insert(f->second.begin(), f->second.end());
    }
  }
  return used;
}

struct Audit {
  std::vector<std::string> used, unused, violations, stale_reasons;
};

Audit RunAudit() {
  const fs::path root = WASIM_SOURCE_DIR;
  // The catalog itself names every code; it raises none.
  auto raised =
      NamesUsedUnder(root / "simulator", {"errors.h", "errors.cc", "error_names.h", "error_names.cc"}, true);
  auto tested = NamesUsedUnder(root / "tests", {"catalog_usage_test.cc", "error_names_test.cc"}, false);
  Audit a;
  for (const ErrorSpec& row : ErrorCatalog()) {
    std::string name(ErrorCodeName(row.code));
    std::string label = name + " (" + std::to_string(static_cast<int>(row.code)) + ")";
    bool is_raised = raised.count(name) > 0, is_tested = tested.count(name) > 0;
    if (is_raised && is_tested) {
      a.used.push_back(label);
      if (!row.unused_reason.empty())
        a.stale_reasons.push_back(label + ": " + std::string(row.unused_reason));
    } else if (!row.unused_reason.empty()) {
      a.unused.push_back(label + ": " + std::string(row.unused_reason));
    } else {
      a.violations.push_back(label + (is_raised   ? " raised but no test references it"
                                      : is_tested ? " referenced by tests but raised nowhere"
                                                  : " neither raised nor tested"));
    }
  }
  return a;
}

TEST(CatalogUsageTest, SourcesAreScannable) {
  // Guards the audit itself: without sources it would pass vacuously.
  const fs::path root = WASIM_SOURCE_DIR;
  ASSERT_TRUE(fs::exists(root / "simulator" / "core" / "errors.cc")) << root;
  auto raised = NamesUsedUnder(root / "simulator", {"errors.h", "errors.cc"}, true);
  EXPECT_TRUE(raised.count("kUnknownPathComponents")) << "UnknownPathError( is used by the pipeline";
  EXPECT_EQ(FactoryCodes().at("NoAccessTokenError"), std::set<std::string>{"kAccessTokenRequired"});
  EXPECT_FALSE(FactoryCodes().count("MakeError"));
}

TEST(CatalogUsageTest, EveryRowIsRaisedAndTestedOrSaysWhyNot) {
  Audit a = RunAudit();
  std::cout << "[catalog] used (raised and tested): " << a.used.size() << "\n"
            << testing::IndentedLines(a.used) << "[catalog] unused, with reason: " << a.unused.size() << "\n"
            << testing::IndentedLines(a.unused);
  if (!a.stale_reasons.empty())
    std::cout << "[catalog] note: used rows that still carry an unused_reason:\n"
              << testing::IndentedLines(a.stale_reasons);
  EXPECT_TRUE(a.violations.empty())
      << a.violations.size() << " catalog rows break the rule (raise the code under simulator/ and reference "
      << "ErrorCode::kName in a test, or give the row an unused_reason in simulator/core/errors.cc):\n"
      << testing::IndentedLines(a.violations);
}

}  // namespace
}  // namespace wasim
