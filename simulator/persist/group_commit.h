// GroupCommitter: makes request effects durable without one commit per
// request (leveldb's DBImpl::Write / BuildBatchGroup idea).
//
// A request that changed (or may have changed) the state calls
// WaitDurable() after its effect is applied and before it is answered. It
// takes a ticket and waits; the writer thread takes every ticket pending,
// exports the state once (which contains the effect of every ticket taken
// before the export began), writes it in one transaction and wakes them all.
// So N concurrent requests cost one export and one commit, not N.
//
// Background changes (a realtime clock's due records, webhook delivery
// results) are committed every `interval` and by Stop(), which makes a final
// commit before it returns (SIGTERM/SIGINT). A commit whose document equals
// the last one written is skipped.
//
// A failed commit (disk full, I/O error) wakes its waiters with the problem;
// the file keeps its last good state and the next commit writes everything
// again, so nothing is lost once the disk has room.
//
// Thread-safety: WaitDurable() from any number of threads; Start/Stop from
// the owner.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "simulator/core/json.h"
#include "simulator/persist/sqlite_store.h"

namespace wasim::persist {

// What is persisted: the complete state as one document, and back.
class StateSource {
 public:
  virtual ~StateSource() = default;
  virtual Json Export() = 0;
  // Replaces the state with `doc`; the problem when it does not apply.
  virtual std::optional<std::string> Import(const Json& doc) = 0;
  // Values stored beside the document (the clock when it is read back, the banner).
  virtual std::int64_t VirtualTimeMs() = 0;
  virtual std::int64_t MessageCount() = 0;
};

struct CommitStats {
  std::uint64_t commits = 0;    // transactions written
  std::uint64_t skipped = 0;    // exports equal to the file's state
  std::uint64_t requested = 0;  // WaitDurable calls that took a ticket
  std::uint64_t tickets = 0;    // WaitDurable calls answered
  std::uint64_t failures = 0;   // commits that failed
  std::uint64_t last_document_bytes = 0;
};

class GroupCommitter {
 public:
  GroupCommitter(StateSource& source, SqliteStore& store,
                 std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  void Start();
  // Makes a final commit and ends the writer. Idempotent.
  void Stop();
  // Blocks until a commit that began after this call is durable. The problem
  // (naming the file) when that commit failed. After Stop(): commits inline.
  std::optional<std::string> WaitDurable();
  // Exports and writes now, on the calling thread (start-up, tests).
  std::optional<std::string> CommitNow();
  // Called with each failed commit's problem (the server prints it).
  void OnFailure(std::function<void(const std::string&)> f) { on_failure_ = std::move(f); }
  CommitStats stats();

 private:
  void Run();
  // Export + write; serialised by write_mu_.
  std::optional<std::string> WriteOnce();

  StateSource& source_;
  SqliteStore& store_;
  std::chrono::milliseconds interval_;
  std::function<void(const std::string&)> on_failure_;

  std::mutex write_mu_;       // one export+write at a time; guards last_written_
  std::string last_written_;  // the document the file holds

  std::mutex mu_;  // guards the ticket counters, stop_ and stats_ (never held while exporting)
  CommitStats stats_;
  std::condition_variable wanted_cv_;
  std::condition_variable done_cv_;
  std::uint64_t requested_ = 0;  // tickets handed out
  std::uint64_t committed_ = 0;  // tickets whose commit finished (well or not)
  std::uint64_t durable_ = 0;    // tickets covered by a successful commit
  std::uint64_t tickets_ = 0;    // WaitDurable calls answered
  std::string last_problem_;
  bool stop_ = false;
  bool running_ = false;
  std::thread writer_;
};

}  // namespace wasim::persist
