// SqliteStore: creating, reopening, refusing files that are not ours (or are
// damaged, newer, read-only), a full disk, and the migration framework.
#include "simulator/persist/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wasim::persist {
namespace {

namespace fs = std::filesystem;

class SqlsTempDir {
 public:
  SqlsTempDir() {
    char tmpl[] = "/tmp/wasim-store-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~SqlsTempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string SqlsReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs SQL on a file with the plain SQLite API (files built by hand).
void SqlsExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* msg = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
  std::string what = msg ? msg : "";
  sqlite3_free(msg);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << what;
}

long long SqlsQueryInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return -1;
  sqlite3_stmt* st = nullptr;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

TEST(SqliteStore, NewFileIsOursAtTheCurrentVersionAndEmpty) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    EXPECT_EQ(store->opened_version(), 0);
    EXPECT_FALSE(store->Load(&error));
    EXPECT_EQ(error, "");
  }
  EXPECT_EQ(SqlsQueryInt(file, "PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(SqlsQueryInt(file, "PRAGMA user_version"), SchemaVersion(Migrations()));
  auto again = SqliteStore::Open(file, &error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(again->opened_version(), SchemaVersion(Migrations()));
}

TEST(SqliteStore, SavedStateSurvivesReopenAndTheLastSaveWins) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    ASSERT_EQ(store->Save(R"({"v":1})", 1000, 3), std::nullopt);
    ASSERT_EQ(store->Save(R"({"v":2})", 2000, 5), std::nullopt);
  }
  auto store = SqliteStore::Open(file, &error);
  ASSERT_TRUE(store) << error;
  auto s = store->Load(&error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->document, R"({"v":2})");
  EXPECT_EQ(s->virtual_time_ms, 2000);
  EXPECT_EQ(s->messages, 5);
  EXPECT_EQ(s->commits, 2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(SqliteStore, ASecondServerOnTheSameFileIsRefusedWhileTheFirstHasIt) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  auto first = SqliteStore::Open(file, &error);
  ASSERT_TRUE(first) << error;
  ASSERT_EQ(first->Save(R"({"v":1})", 1000, 1), std::nullopt);
  auto second = SqliteStore::Open(file, &error);
  EXPECT_FALSE(second);
  EXPECT_NE(error.find(file), std::string::npos) << error;
  EXPECT_NE(error.find("is in use by another process"), std::string::npos) << error;
  first.reset();  // closed: the file is free again, with its state
  auto again = SqliteStore::Open(file, &error);
  ASSERT_TRUE(again) << error;
  auto loaded = again->Load(&error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->document, R"({"v":1})");
}

TEST(SqliteStore, RefusesATextFileNamingItAndLeavesItAlone) {
  SqlsTempDir dir;
  std::string file = dir.File("notes.txt");
  std::ofstream(file) << "my shopping list\n";
  std::string error;
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_EQ(error, file + ": is not a wasim state file (not an SQLite database); refusing to overwrite it");
  EXPECT_EQ(SqlsReadAll(file), "my shopping list\n");
}

TEST(SqliteStore, RefusesAnotherApplicationsDatabase) {
  SqlsTempDir dir;
  std::string file = dir.File("other.db");
  SqlsExec(file, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('ada');");
  std::string before = SqlsReadAll(file);
  std::string error;
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_NE(error.find(file + ": is an SQLite database of another application (application_id 0x00000000"),
            std::string::npos)
      << error;
  EXPECT_EQ(SqlsReadAll(file), before);
  // Another application that set its own application_id is refused too.
  SqlsExec(file, "PRAGMA application_id=1234;");
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_NE(error.find("(application_id 0x000004d2"), std::string::npos) << error;
}

TEST(SqliteStore, RefusesAFileFromANewerSchemaVersion) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    ASSERT_EQ(store->Save("{}", 0, 0), std::nullopt);
  }
  SqlsExec(file, "PRAGMA user_version=99;");
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_EQ(error,
            file + ": was written by a newer wasim (schema version 99; this wasim reads up to version " +
                std::to_string(SchemaVersion(Migrations())) + "): upgrade wasim or start with another file");
  EXPECT_EQ(SqlsQueryInt(file, "SELECT count(*) FROM state"), 1);
}

TEST(SqliteStore, RefusesACorruptFileAndDoesNotRewriteIt) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    ASSERT_EQ(store->Save(std::string(20000, 'x'), 0, 0), std::nullopt);
  }
  // Overwrite the b-tree pages after the first (the tables' root pages).
  std::string bytes = SqlsReadAll(file);
  ASSERT_GT(bytes.size(), 3 * 4096u);
  for (size_t i = 4096; i < 3 * 4096; ++i) bytes[i] = static_cast<char>(0xA5);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_EQ(error.rfind(file + ": is corrupt", 0), 0u) << error;
  EXPECT_NE(error.find("refusing to overwrite it"), std::string::npos) << error;
  EXPECT_EQ(SqlsReadAll(file), bytes);
}

TEST(SqliteStore, AMissingDirectoryIsNamed) {
  SqlsTempDir dir;
  std::string error;
  std::string file = dir.File("no/such/dir/state.db");
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_EQ(error, file + ": cannot be created: its directory is not writable (No such file or directory)");
}

TEST(SqliteStore, RefusesADirectory) {
  SqlsTempDir dir;
  std::string error;
  EXPECT_FALSE(SqliteStore::Open(dir.path(), &error));
  EXPECT_EQ(error, dir.path() + ": is a directory, not a state file");
}

// The framework with a test step v1 -> v2 on a real v1 file (v1 is the first
// schema wasim ships, so the older file is built with the shipped steps).
TEST(SqliteStore, MigratesAnOlderFileKeepingItsState) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto v1 = SqliteStore::Open(file, &error);
    ASSERT_TRUE(v1) << error;
    ASSERT_EQ(v1->Save(R"({"messages":[1,2,3]})", 42, 3), std::nullopt);
  }
  std::vector<Migration> steps = Migrations();
  steps.push_back({2, "test: per-message rows",
                   "CREATE TABLE journal (n INTEGER PRIMARY KEY);"
                   "INSERT INTO journal SELECT value FROM state, json_each(state.document, '$.messages');"});
  SqliteStore::Options options;
  options.migrations = &steps;
  {
    auto v2 = SqliteStore::Open(file, options, &error);
    ASSERT_TRUE(v2) << error;
    EXPECT_EQ(v2->opened_version(), 1);
    auto s = v2->Load(&error);
    ASSERT_TRUE(s) << error;
    EXPECT_EQ(s->document, R"({"messages":[1,2,3]})");
    EXPECT_EQ(s->virtual_time_ms, 42);
  }
  EXPECT_EQ(SqlsQueryInt(file, "PRAGMA user_version"), 2);
  EXPECT_EQ(SqlsQueryInt(file, "SELECT sum(n) FROM journal"), 6);
  // The shipped wasim (v1) now refuses the v2 file as newer.
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_NE(error.find("schema version 2; this wasim reads up to version 1"), std::string::npos) << error;
}

TEST(SqliteStore, AFailingMigrationStepLeavesTheFileAtItsOldVersion) {
  SqlsTempDir dir;
  std::string file = dir.File("state.db");
  std::string error;
  {
    auto v1 = SqliteStore::Open(file, &error);
    ASSERT_TRUE(v1) << error;
    ASSERT_EQ(v1->Save(R"({"kept":true})", 7, 0), std::nullopt);
  }
  std::vector<Migration> steps = Migrations();
  steps.push_back({2, "test: new table", "CREATE TABLE extra (x INTEGER);"});
  steps.push_back({3, "test: broken", "INSERT INTO no_such_table VALUES (1);"});
  SqliteStore::Options options;
  options.migrations = &steps;
  EXPECT_FALSE(SqliteStore::Open(file, options, &error));
  EXPECT_EQ(
      error.rfind(file + ": migrating from schema version 1 to 3 (test: broken) failed: no such table", 0),
      0u)
      << error;
  EXPECT_EQ(SqlsQueryInt(file, "PRAGMA user_version"), 1);
  EXPECT_EQ(SqlsQueryInt(file, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"), 0);
  auto v1 = SqliteStore::Open(file, &error);
  ASSERT_TRUE(v1) << error;
  EXPECT_EQ(v1->Load(&error)->document, R"({"kept":true})");
}

// Mounts need root and a kernel that lets this process mount; elsewhere the
// tests say why they skip.
class SqlsMount {
 public:
  explicit SqlsMount(const std::string& command) {
    ok_ = std::system((command + " 2>/dev/null").c_str()) == 0;
  }
  void Arm(const std::string& dir) { dir_ = dir; }
  ~SqlsMount() {
    if (!dir_.empty()) std::system(("umount " + dir_ + " 2>/dev/null").c_str());
  }
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
  std::string dir_;
};

TEST(SqliteStore, ReadOnlyMountIsRefusedNamingTheFile) {
  SqlsTempDir dir;
  std::string ro = dir.File("ro");
  fs::create_directory(ro);
  std::string file = ro + "/state.db";
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    ASSERT_EQ(store->Save(R"({"v":1})", 0, 0), std::nullopt);
  }
  SqlsMount bind("mount --bind " + ro + " " + ro);
  if (!bind.ok()) GTEST_SKIP() << "cannot bind-mount here (needs root and mount rights)";
  bind.Arm(ro);
  if (std::system(("mount -o remount,ro,bind " + ro + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "cannot remount read-only here";
  std::string before = SqlsReadAll(file);
  EXPECT_FALSE(SqliteStore::Open(file, &error));
  EXPECT_EQ(error,
            file + ": is read-only (file permissions or a read-only mount); --state needs a writable file");
  EXPECT_FALSE(SqliteStore::Open(ro + "/new.db", &error));
  EXPECT_EQ(error, ro + "/new.db: cannot be created: its directory is not writable (Read-only file system)");
  EXPECT_EQ(SqlsReadAll(file), before);
}

TEST(SqliteStore, FullDiskFailsTheCommitAndKeepsThePreviousState) {
  SqlsTempDir dir;
  std::string small = dir.File("small");
  fs::create_directory(small);
  SqlsMount tmpfs("mount -t tmpfs -o size=64k tmpfs " + small);
  if (!tmpfs.ok()) GTEST_SKIP() << "cannot mount a tmpfs here (needs root and mount rights)";
  tmpfs.Arm(small);
  std::string file = small + "/state.db";
  std::string error;
  {
    auto store = SqliteStore::Open(file, &error);
    ASSERT_TRUE(store) << error;
    ASSERT_EQ(store->Save(R"({"v":"before"})", 1, 1), std::nullopt);
    auto problem = store->Save(std::string(256 * 1024, 'x'), 2, 2);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->rfind(file + ": cannot be written, the previous state is kept: ", 0), 0u) << *problem;
    EXPECT_NE(problem->find("full"), std::string::npos) << *problem;
    // Still usable once a commit fits again.
    auto s = store->Load(&error);
    ASSERT_TRUE(s) << error;
    EXPECT_EQ(s->document, R"({"v":"before"})");
  }
  auto reopened = SqliteStore::Open(file, &error);
  ASSERT_TRUE(reopened) << error;
  auto s = reopened->Load(&error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->document, R"({"v":"before"})");
  EXPECT_EQ(s->virtual_time_ms, 1);
}

}  // namespace
}  // namespace wasim::persist
