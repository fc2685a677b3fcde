#include "simulator/persist/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace wasim::persist {
namespace {

// One prepared statement, finalized on scope exit.
class SqlStmt {
 public:
  SqlStmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~SqlStmt() { sqlite3_finalize(stmt_); }
  SqlStmt(const SqlStmt&) = delete;
  SqlStmt& operator=(const SqlStmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK && stmt_; }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

// What SQLite said, with the OS error when there is one ("disk I/O error
// (No space left on device)").
std::string SqliteProblemText(sqlite3* db, int rc) {
  std::string s = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int sys = db ? sqlite3_system_errno(db) : 0;
  if (sys != 0) s += std::string(" (") + std::strerror(sys) + ")";
  return s;
}

// The first 16 bytes of every SQLite 3 database file.
constexpr char kSqliteHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                    'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::Open(const std::string& path, std::string* error) {
  return Open(path, Options{}, error);
}

std::unique_ptr<SqliteStore> SqliteStore::Open(const std::string& path, const Options& options,
                                               std::string* error) {
  const std::vector<Migration>& steps = options.migrations ? *options.migrations : Migrations();
  auto fail = [&](const std::string& what) {
    *error = path + ": " + what;
    return nullptr;
  };
  if (path.empty()) return fail("the state file needs a path");
  struct stat st {};
  bool existed = ::stat(path.c_str(), &st) == 0;
  if (existed && S_ISDIR(st.st_mode)) return fail("is a directory, not a state file");
  if (existed && st.st_size > 0) {
    // A text file (or anything else) is refused before SQLite sees it: SQLite
    // would call it "not a database" only at the first read.
    char head[16] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(std::string("cannot be read: ") + std::strerror(errno));
    in.read(head, sizeof(head));
    if (in.gcount() != sizeof(head) || std::memcmp(head, kSqliteHeader, sizeof(head)) != 0)
      return fail("is not a wasim state file (not an SQLite database); refusing to overwrite it");
  }
  if (!existed) {
    // SQLite's own message for this is "unable to open database file".
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    if (::access(dir.c_str(), W_OK) != 0)
      return fail(std::string("cannot be created: its directory is not writable (") + std::strerror(errno) +
                  ")");
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, raw));
  if (rc != SQLITE_OK) {
    std::string what = SqliteProblemText(raw, rc);
    return fail((existed ? "cannot be opened: " : "cannot be created: ") + what);
  }
  auto remove_if_new = [&] {
    // A file this call created and could not set up holds nothing: remove it
    // (an existing file is never removed or rewritten on failure).
    if (existed) return;
    sqlite3_close(store->db_);
    store->db_ = nullptr;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) ::unlink((path + suffix).c_str());
  };
  sqlite3_extended_result_codes(raw, 1);
  // One server per file: two writing the whole document in turn would each
  // undo the other. An flock on FILE.lock (a file of its own: SQLite's fcntl
  // locks on FILE are left alone, so readers such as the sqlite3 shell still
  // work) held while the store is open; the kernel releases it when the
  // process dies, SIGKILL included.
  store->lock_fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (store->lock_fd_ >= 0 && ::flock(store->lock_fd_, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
    return fail(
        "is in use by another process (another wasim serve --state on the same file?); "
        "one server per state file");
  sqlite3_busy_timeout(raw, 5000);
  // SQLite opens a file it may not write read-only, silently.
  if (sqlite3_db_readonly(raw, "main") == 1)
    return fail("is read-only (file permissions or a read-only mount); --state needs a writable file");

  // Reading the header: a damaged first page fails here ("file is not a database").
  int app_id = 0, version = 0, tables = 0;
  {
    SqlStmt q(raw,
              "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM "
              "pragma_user_version), (SELECT count(*) FROM sqlite_schema)");
    int step = q.ok() ? sqlite3_step(q.get()) : sqlite3_errcode(raw);
    if (step != SQLITE_ROW)
      return fail("is corrupt or not an SQLite database (" + SqliteProblemText(raw, step) +
                  "); refusing to overwrite it");
    app_id = sqlite3_column_int(q.get(), 0);
    version = sqlite3_column_int(q.get(), 1);
    tables = sqlite3_column_int(q.get(), 2);
  }
  bool empty = app_id == 0 && version == 0 && tables == 0;
  if (!empty && app_id != kApplicationId) {
    char id[16];
    std::snprintf(id, sizeof(id), "0x%08x", static_cast<unsigned>(app_id));
    return fail(std::string("is an SQLite database of another application (application_id ") + id + ", " +
                std::to_string(tables) + " schema objects), not a wasim state file; refusing to touch it");
  }
  int newest = SchemaVersion(steps);
  if (version > newest)
    return fail("was written by a newer wasim (schema version " + std::to_string(version) +
                "; this wasim reads up to version " + std::to_string(newest) +
                "): upgrade wasim or start with another file");
  if (!empty) {
    // Meta: PRAGMA quick_check is integrity_check without the index
    // cross-checks, O(N) instead of O(N log N) (sqlite.org/pragma.html).
    SqlStmt q(raw, "PRAGMA quick_check");
    int step = q.ok() ? sqlite3_step(q.get()) : sqlite3_errcode(raw);
    if (step != SQLITE_ROW)
      return fail("is corrupt (" + SqliteProblemText(raw, step) + "); refusing to overwrite it");
    std::string verdict = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
    if (verdict != "ok")
      return fail("is corrupt (PRAGMA quick_check: " + verdict + "); refusing to overwrite it");
  }
  // WAL: readers never block the writer; a commit appends to the -wal file.
  {
    SqlStmt q(raw, "PRAGMA journal_mode=WAL");
    int step = q.ok() ? sqlite3_step(q.get()) : sqlite3_errcode(raw);
    std::string mode =
        step == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)) : "";
    if (mode != "wal") {
      std::string what = "cannot switch to WAL mode (" +
                         (step == SQLITE_ROW ? "journal_mode " + mode : SqliteProblemText(raw, step)) + ")";
      remove_if_new();
      return fail(what);
    }
  }
  if (auto e = store->Exec(options.durability == Durability::kFull ? "PRAGMA synchronous=FULL"
                                                                   : "PRAGMA synchronous=NORMAL")) {
    remove_if_new();
    return fail(*e);
  }
  store->opened_version_ = version;
  if (version < newest) {
    // Every step above the file's version, and the new version number, in one
    // transaction: a failure leaves the file as it was.
    std::optional<std::string> problem = store->Exec("BEGIN IMMEDIATE");
    for (const Migration& m : steps) {
      if (problem) break;
      if (m.to_version <= version) continue;
      if (auto e = store->Exec(m.sql.c_str()))
        problem = "migrating from schema version " + std::to_string(version) + " to " +
                  std::to_string(m.to_version) + " (" + m.description + ") failed: " + *e;
    }
    if (!problem)
      problem = store->Exec(("PRAGMA application_id=" + std::to_string(kApplicationId) +
                             "; PRAGMA user_version=" + std::to_string(newest) + "; COMMIT")
                                .c_str());
    if (problem) {
      store->Exec("ROLLBACK");
      remove_if_new();
      return fail(*problem);
    }
  }
  return store;
}

SqliteStore::~SqliteStore() {
  if (db_) sqlite3_close(db_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

std::optional<std::string> SqliteStore::Exec(const char* sql) {
  char* msg = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &msg);
  if (rc == SQLITE_OK) return std::nullopt;
  std::string what = msg ? msg : sqlite3_errstr(rc);
  sqlite3_free(msg);
  if (int sys = sqlite3_system_errno(db_); sys != 0) what += std::string(" (") + std::strerror(sys) + ")";
  return what;
}

std::string SqliteStore::Problem(const std::string& what) const { return path_ + ": " + what; }

std::optional<StoredState> SqliteStore::Load(std::string* error) {
  SqlStmt q(db_, "SELECT document, virtual_time_ms, messages, commits FROM state WHERE id = 1");
  int step = q.ok() ? sqlite3_step(q.get()) : sqlite3_errcode(db_);
  if (step == SQLITE_DONE) return std::nullopt;
  if (step != SQLITE_ROW) {
    *error = Problem("cannot be read: " + SqliteProblemText(db_, step));
    return std::nullopt;
  }
  StoredState s;
  const unsigned char* text = sqlite3_column_text(q.get(), 0);
  s.document.assign(reinterpret_cast<const char*>(text),
                    static_cast<size_t>(sqlite3_column_bytes(q.get(), 0)));
  s.virtual_time_ms = sqlite3_column_int64(q.get(), 1);
  s.messages = sqlite3_column_int64(q.get(), 2);
  s.commits = sqlite3_column_int64(q.get(), 3);
  return s;
}

std::optional<std::string> SqliteStore::Save(const std::string& document, std::int64_t virtual_time_ms,
                                             std::int64_t messages) {
  if (auto e = Exec("BEGIN IMMEDIATE")) return Problem("cannot be written: " + *e);
  SqlStmt q(
      db_,
      "INSERT INTO state (id, document, virtual_time_ms, messages, commits) VALUES (1, ?1, ?2, ?3, 1)"
      " ON CONFLICT (id) DO UPDATE SET document = excluded.document,"
      " virtual_time_ms = excluded.virtual_time_ms, messages = excluded.messages, commits = commits + 1");
  int rc = q.ok() ? SQLITE_OK : sqlite3_errcode(db_);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(q.get(), 1, document.data(), static_cast<int>(document.size()), SQLITE_STATIC);
    sqlite3_bind_int64(q.get(), 2, virtual_time_ms);
    sqlite3_bind_int64(q.get(), 3, messages);
    rc = sqlite3_step(q.get());
  }
  if (rc != SQLITE_DONE && rc != SQLITE_OK) {
    std::string what = SqliteProblemText(db_, rc);
    Exec("ROLLBACK");
    return Problem("cannot be written, the previous state is kept: " + what);
  }
  if (auto e = Exec("COMMIT")) {
    Exec("ROLLBACK");
    return Problem("cannot be written, the previous state is kept: " + *e);
  }
  return std::nullopt;
}

}  // namespace wasim::persist
