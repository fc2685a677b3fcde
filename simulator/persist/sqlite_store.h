// SqliteStore: the `wasim serve --state FILE` file. One SQLite database in
// WAL mode that holds the simulator's complete state as one JSON document
// (the codec's export) plus a few meta values (virtual time, message count).
//
// Recognising our files: PRAGMA application_id is kApplicationId and PRAGMA
// user_version is the schema version. Open() refuses, with a message naming
// the file, a file that is not SQLite (a text file), another application's
// database, a corrupt one (PRAGMA quick_check), one from a newer schema
// version, a read-only file or directory; an older schema version is migrated
// (schema.h) in one transaction.
//
// Save() writes one transaction: either the new document is in the file, or
// (disk full, I/O error) the previous one still is. Durability: WAL with
// synchronous=NORMAL, so a committed transaction is in the WAL file in the
// OS's page cache when Save() returns: it survives the death of the process
// (SIGKILL), not a power loss (synchronous=FULL would add an fsync per commit;
// the bench measures both).
//
// Thread-safety: none; one owner (the group committer's writer thread after
// start-up).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "simulator/persist/schema.h"

struct sqlite3;

namespace wasim::persist {

// 'WASI' in ASCII: PRAGMA application_id of every wasim state file.
inline constexpr std::int32_t kApplicationId = 0x57415349;

struct StoredState {
  std::string document;              // the JSON text
  std::int64_t virtual_time_ms = 0;  // the clock when it was written
  std::int64_t messages = 0;         // outbound + inbound journal rows (banner)
  std::int64_t commits = 0;          // commits since the file was created
};

enum class Durability { kNormal, kFull };

class SqliteStore {
 public:
  struct Options {
    Durability durability = Durability::kNormal;
    // The schema steps (tests pass their own to exercise the framework).
    const std::vector<Migration>* migrations = nullptr;  // null: Migrations()
  };
  // Opens or creates `path`. On failure returns null and sets *error to one
  // line naming the file and what is wrong.
  static std::unique_ptr<SqliteStore> Open(const std::string& path, std::string* error);
  static std::unique_ptr<SqliteStore> Open(const std::string& path, const Options& options,
                                           std::string* error);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  const std::string& path() const { return path_; }
  // The schema version the file had before Open() migrated it (0: new file).
  int opened_version() const { return opened_version_; }
  // The stored state; nullopt for a new file (nothing saved yet).
  std::optional<StoredState> Load(std::string* error);
  // Replaces the stored state in one transaction. Returns the problem (naming
  // the file) when it could not be written; the previous state is then intact.
  std::optional<std::string> Save(const std::string& document, std::int64_t virtual_time_ms,
                                  std::int64_t messages);

 private:
  SqliteStore(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::optional<std::string> Exec(const char* sql);
  std::string Problem(const std::string& what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;  // holds the flock that keeps a second server off the file
  int opened_version_ = 0;
};

}  // namespace wasim::persist
