// ServeState: what `wasim serve --state FILE` adds to a server. Opens the
// file before the server starts; restores the stored state into the
// simulator (or writes the first state of a new file); makes every mutating
// request wait for a commit holding its effect (GroupCommitter); makes the
// final commit at shutdown.
//
// Thread-safety: WaitDurable() from any thread; the rest from the owner.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "simulator/persist/group_commit.h"
#include "simulator/persist/sqlite_store.h"

namespace wasim::persist {

class ServeState {
 public:
  // Opens (or creates) the file and reads what it holds. Null with *error
  // (naming the file) when it cannot be used.
  static std::unique_ptr<ServeState> Open(const std::string& path, std::string* error,
                                          SqliteStore::Options options = {});
  ~ServeState();
  // Whether the file held a state (the server continues it) or is new.
  bool restored() const { return stored_.has_value(); }
  const std::string& path() const { return store_->path(); }
  // Restored: imports the stored document into `source` (the problem, naming
  // the file, when it does not apply; the file is left as it is). New: writes
  // the source's state as the file's first. Then starts the writer.
  // `on_failure` gets each failed commit's problem (from the writer thread).
  std::optional<std::string> Attach(StateSource& source, std::chrono::milliseconds interval,
                                    std::function<void(const std::string&)> on_failure = nullptr);
  // "state: FILE (restored, 1,234 messages, virtual time 2026-...)" or
  // "state: FILE (new)"; after Attach.
  std::string Describe() const;
  // After a mutating request's effect: returns once it is durable, or the problem.
  std::optional<std::string> WaitDurable() { return committer_->WaitDurable(); }
  // The final commit (SIGTERM/SIGINT); the problem when it failed.
  std::optional<std::string> Stop();
  GroupCommitter& committer() { return *committer_; }

 private:
  std::unique_ptr<SqliteStore> store_;
  std::optional<StoredState> stored_;
  std::unique_ptr<GroupCommitter> committer_;
  std::int64_t messages_ = 0;
  std::int64_t virtual_time_ms_ = 0;
  bool started_ = false;  // Attach succeeded: commits may be written
  bool stopped_ = false;
};

// 1234567 -> "1,234,567" (the banner).
std::string GroupThousands(std::int64_t n);

}  // namespace wasim::persist
