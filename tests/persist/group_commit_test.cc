// GroupCommitter with a fake state source: concurrent waiters share one
// commit, an answered wait means the effect is in the file, background
// changes are committed periodically and at Stop, failures reach the waiters.
#include "simulator/persist/group_commit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace wasim::persist {
namespace {

class GcTempDir {
 public:
  GcTempDir() {
    char tmpl[] = "/tmp/wasim-gc-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~GcTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& n) const { return path_ + "/" + n; }

 private:
  std::string path_;
};

// A counter as the "state"; Export can be held at a gate (to make grouping
// deterministic) and padded (to fill a small disk).
class GcFakeSource : public StateSource {
 public:
  Json Export() override {
    std::unique_lock lock(mu_);
    ++exports_;
    gate_cv_.wait(lock, [&] { return open_; });
    if (broken_) throw std::runtime_error("the state cannot be read");
    Json doc = {{"n", n_}};
    if (padding_ > 0) doc["pad"] = std::string(padding_, 'p');
    return doc;
  }
  std::optional<std::string> Import(const Json& doc) override {
    std::lock_guard lock(mu_);
    n_ = doc.at("n").get<int>();
    return std::nullopt;
  }
  std::int64_t VirtualTimeMs() override { return 1000; }
  std::int64_t MessageCount() override {
    std::lock_guard lock(mu_);
    return n_;
  }
  int Increment() {
    std::lock_guard lock(mu_);
    return ++n_;
  }
  void Close() {
    std::lock_guard lock(mu_);
    open_ = false;
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    gate_cv_.notify_all();
  }
  int exports() {
    std::lock_guard lock(mu_);
    return exports_;
  }
  void SetBroken(bool broken) {
    std::lock_guard lock(mu_);
    broken_ = broken;
  }
  void SetPadding(size_t bytes) {
    std::lock_guard lock(mu_);
    padding_ = bytes;
  }

 private:
  std::mutex mu_;
  std::condition_variable gate_cv_;
  bool open_ = true;
  int n_ = 0;
  int exports_ = 0;
  size_t padding_ = 0;
  bool broken_ = false;
};

// The counter the file holds, read through a second connection (plain
// SQLite: the store's flock keeps only a second store off the file).
int GcStoredCounter(const std::string& file) {
  sqlite3* db = nullptr;
  int n = -1;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT document FROM state WHERE id = 1", -1, &st, nullptr) == SQLITE_OK) {
      int step = sqlite3_step(st);
      if (step == SQLITE_ROW)
        n = Json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))).at("n").get<int>();
      else if (step == SQLITE_DONE)
        n = 0;
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

TEST(GroupCommit, ConcurrentWaitersShareOneCommitAndFindTheirEffectInTheFile) {
  GcTempDir dir;
  std::string file = dir.File("state.db"), error;
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  GcFakeSource source;
  GroupCommitter committer(source, *store, std::chrono::hours(1));  // no periodic commit in between
  committer.Start();
  constexpr int kWaiters = 16;
  // The first waiter's commit is held in its export while 15 more arrive:
  // they must all be answered by the one commit after it.
  source.Close();
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  auto client = [&] {
    int mine = source.Increment();
    if (committer.WaitDurable()) ++bad;
    if (GcStoredCounter(file) < mine) ++bad;  // answered => in the file
  };
  threads.emplace_back(client);
  while (source.exports() < 1) std::this_thread::yield();
  for (int i = 1; i < kWaiters; ++i) threads.emplace_back(client);
  while (committer.stats().requested < kWaiters) std::this_thread::yield();
  source.Open();
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  CommitStats st = committer.stats();
  EXPECT_EQ(st.tickets, static_cast<std::uint64_t>(kWaiters));
  // Two exports for 16 tickets: the held one (taken for the first ticket; it
  // already saw all 16 increments when the gate opened) and one for the other
  // 15, which found the state unchanged and wrote nothing.
  EXPECT_EQ(source.exports(), 2);
  EXPECT_EQ(st.commits, 1u);
  EXPECT_EQ(st.skipped, 1u);
  EXPECT_EQ(GcStoredCounter(file), kWaiters);
}

TEST(GroupCommit, AnUnchangedStateIsNotWrittenAgain) {
  GcTempDir dir;
  std::string file = dir.File("state.db"), error;
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  GcFakeSource source;
  GroupCommitter committer(source, *store);
  committer.Start();
  source.Increment();
  EXPECT_EQ(committer.WaitDurable(), std::nullopt);
  EXPECT_EQ(committer.WaitDurable(), std::nullopt);
  EXPECT_EQ(committer.stats().commits, 1u);
  EXPECT_EQ(committer.stats().skipped, 1u);
  EXPECT_EQ(store->Load(&error)->commits, 1);
}

TEST(GroupCommit, BackgroundChangesAreCommittedPeriodicallyAndAtStop) {
  GcTempDir dir;
  std::string file = dir.File("state.db"), error;
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  GcFakeSource source;
  {
    GroupCommitter committer(source, *store, std::chrono::milliseconds(5));
    committer.Start();
    source.Increment();  // no waiter: a realtime tick, a delivery result
    for (int i = 0; i < 2000 && GcStoredCounter(file) != 1; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(GcStoredCounter(file), 1);
  }
  {
    GroupCommitter committer(source, *store, std::chrono::hours(1));  // never periodic here
    committer.Start();
    source.Increment();
    source.Increment();
    committer.Stop();  // SIGTERM: the final commit
    EXPECT_EQ(GcStoredCounter(file), 3);
    // After Stop a wait commits inline.
    source.Increment();
    EXPECT_EQ(committer.WaitDurable(), std::nullopt);
    EXPECT_EQ(GcStoredCounter(file), 4);
  }
}

// Runs everywhere (no mount needed): an export that fails is a problem for
// the waiters, not the end of the writer thread, and the next commit catches up.
TEST(GroupCommit, AFailedExportReachesItsWaitersAndTheWriterCarriesOn) {
  GcTempDir dir;
  std::string file = dir.File("state.db"), error;
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  GcFakeSource source;
  GroupCommitter committer(source, *store, std::chrono::hours(1));
  std::vector<std::string> reported;
  committer.OnFailure([&](const std::string& p) { reported.push_back(p); });
  committer.Start();
  source.Increment();
  EXPECT_EQ(committer.WaitDurable(), std::nullopt);
  source.SetBroken(true);
  source.Increment();
  auto problem = committer.WaitDurable();
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("cannot export the state: the state cannot be read"), std::string::npos)
      << *problem;
  EXPECT_EQ(GcStoredCounter(file), 1);  // the file keeps the last good state
  source.SetBroken(false);
  source.Increment();
  EXPECT_EQ(committer.WaitDurable(), std::nullopt);
  EXPECT_EQ(GcStoredCounter(file), 3);
  committer.Stop();
  EXPECT_EQ(reported.size(), 1u);
}

TEST(GroupCommit, AFailedCommitReachesItsWaitersAndTheNextOneCatchesUp) {
  GcTempDir dir;
  std::string small = dir.File("small");
  std::filesystem::create_directory(small);
  if (std::system(("mount -t tmpfs -o size=64k tmpfs " + small + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here (needs root and mount rights)";
  struct GcUnmount {
    std::string dir;
    ~GcUnmount() { std::system(("umount " + dir + " 2>/dev/null").c_str()); }
  } unmount{small};
  std::string file = small + "/state.db", error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    GcFakeSource source;
    GroupCommitter committer(source, *store, std::chrono::hours(1));
    std::vector<std::string> reported;
    committer.OnFailure([&](const std::string& p) { reported.push_back(p); });
    committer.Start();
    source.Increment();
    EXPECT_EQ(committer.WaitDurable(), std::nullopt);
    source.SetPadding(256 * 1024);  // larger than the disk
    source.Increment();
    auto problem = committer.WaitDurable();
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->rfind(file + ": cannot be written, the previous state is kept", 0), 0u) << *problem;
    EXPECT_EQ(GcStoredCounter(file), 1);
    source.SetPadding(0);  // room again: the next commit writes everything
    source.Increment();
    EXPECT_EQ(committer.WaitDurable(), std::nullopt);
    EXPECT_EQ(GcStoredCounter(file), 3);
    committer.Stop();
    EXPECT_EQ(reported.size(), 1u);
  }
}

}  // namespace
}  // namespace wasim::persist
