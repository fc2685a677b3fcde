// ServeState: a new file gets the first state at once; a file with state is
// imported (the document the source receives is the stored one); an import
// that fails leaves the file as it was; the banner line says which.
#include "simulator/persist/serve_state.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace wasim::persist {
namespace {

class SsTempDir {
 public:
  SsTempDir() {
    char tmpl[] = "/tmp/wasim-serve-state-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~SsTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& n) const { return path_ + "/" + n; }

 private:
  std::string path_;
};

class SsSource : public StateSource {
 public:
  Json Export() override { return doc; }
  std::optional<std::string> Import(const Json& d) override {
    imported = d;
    if (refuse) return std::string("$.world: expected an object");
    doc = d;
    return std::nullopt;
  }
  std::int64_t VirtualTimeMs() override { return now; }
  std::int64_t MessageCount() override { return static_cast<std::int64_t>(doc.value("messages", 0)); }
  Json doc = {{"messages", 0}};
  Json imported;
  bool refuse = false;
  std::int64_t now = 1767225600000LL;  // 2026-01-01T00:00:00Z
};

TEST(ServeState, ANewFileGetsTheFirstStateThenARestartImportsIt) {
  SsTempDir dir;
  std::string file = dir.File("state.db"), error;
  {
    SsSource source;
    auto state = ServeState::Open(file, &error);
    ASSERT_TRUE(state) << error;
    EXPECT_FALSE(state->restored());
    source.doc = {{"messages", 1234}, {"world", "first"}};
    ASSERT_EQ(state->Attach(source, std::chrono::hours(1)), std::nullopt);
    EXPECT_EQ(state->Describe(), "state: " + file + " (new)");
    source.doc = {{"messages", 1235}, {"world", "second"}};
    source.now += 3600 * 1000;
    EXPECT_EQ(state->Stop(), std::nullopt);  // the final commit
  }
  SsSource source;
  auto state = ServeState::Open(file, &error);
  ASSERT_TRUE(state) << error;
  EXPECT_TRUE(state->restored());
  source.now = 1767225600000LL + 3600 * 1000;  // as the codec's import leaves the clock
  ASSERT_EQ(state->Attach(source, std::chrono::hours(1)), std::nullopt);
  EXPECT_EQ(source.imported, Json({{"messages", 1235}, {"world", "second"}}));
  EXPECT_EQ(state->Describe(),
            "state: " + file + " (restored, 1,235 messages, virtual time 2026-01-01T01:00:00.000Z)");
}

TEST(ServeState, AStateThatDoesNotImportIsReportedAndTheFileKept) {
  SsTempDir dir;
  std::string file = dir.File("state.db"), error;
  {
    SsSource source;
    auto state = ServeState::Open(file, &error);
    ASSERT_TRUE(state) << error;
    source.doc = {{"messages", 7}};
    ASSERT_EQ(state->Attach(source, std::chrono::hours(1)), std::nullopt);
  }
  SsSource source_for_refusal;  // outlives the state that reads it
  {
    auto state = ServeState::Open(file, &error);
    ASSERT_TRUE(state) << error;
    source_for_refusal.refuse = true;
    auto problem = state->Attach(source_for_refusal, std::chrono::hours(1));
    ASSERT_TRUE(problem);
    EXPECT_EQ(
        *problem,
        file + ": the stored state does not import ($.world: expected an object); the file is left as it is");
  }  // destroyed without a commit: nothing was started
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(store->Load(&error)->document, R"({"messages":7})");
}

TEST(ServeState, GroupsThousands) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace wasim::persist
