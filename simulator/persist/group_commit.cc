#include "simulator/persist/group_commit.h"

namespace wasim::persist {

GroupCommitter::GroupCommitter(StateSource& source, SqliteStore& store, std::chrono::milliseconds interval)
    : source_(source), store_(store), interval_(interval) {}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::Start() {
  std::lock_guard lock(mu_);
  if (running_ || stop_) return;
  running_ = true;
  writer_ = std::thread([this] { Run(); });
}

void GroupCommitter::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wanted_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

std::optional<std::string> GroupCommitter::WriteOnce() {
  std::lock_guard lock(write_mu_);
  // The values beside the document are read after the export: the clock is
  // then at least where the exported records are.
  // Bodies kept in facts and the webhook journal are cut at a byte limit and
  // may hold a receiver's non-UTF-8 answer: replace such bytes rather than let
  // dump() throw on the writer thread (which would end the process).
  std::string doc;
  try {
    doc = source_.Export().dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    std::lock_guard stats_lock(mu_);
    ++stats_.failures;
    return std::string("cannot export the state: ") + e.what();
  }
  std::int64_t now = source_.VirtualTimeMs();
  std::int64_t messages = source_.MessageCount();
  if (doc == last_written_) {
    std::lock_guard stats_lock(mu_);
    ++stats_.skipped;
    return std::nullopt;
  }
  auto problem = store_.Save(doc, now, messages);
  std::lock_guard stats_lock(mu_);
  if (problem) {
    ++stats_.failures;
    return problem;
  }
  ++stats_.commits;
  stats_.last_document_bytes = doc.size();
  last_written_ = std::move(doc);
  return std::nullopt;
}

std::optional<std::string> GroupCommitter::CommitNow() {
  auto problem = WriteOnce();
  if (problem && on_failure_) on_failure_(*problem);
  return problem;
}

void GroupCommitter::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    wanted_cv_.wait_for(lock, interval_, [this] { return stop_ || requested_ > committed_; });
    bool last = stop_;
    // Every ticket handed out so far: their effects were applied before they
    // were taken, so the export below contains them all.
    std::uint64_t target = requested_;
    lock.unlock();
    std::optional<std::string> problem = WriteOnce();
    if (problem && on_failure_) on_failure_(*problem);
    lock.lock();
    committed_ = std::max(committed_, target);
    if (problem) {
      last_problem_ = *problem;
    } else {
      durable_ = std::max(durable_, target);
    }
    done_cv_.notify_all();
    if (last && requested_ == committed_) break;
  }
  running_ = false;
}

std::optional<std::string> GroupCommitter::WaitDurable() {
  std::unique_lock lock(mu_);
  if (!running_) {
    ++tickets_;
    lock.unlock();
    return CommitNow();
  }
  std::uint64_t ticket = ++requested_;
  wanted_cv_.notify_one();
  done_cv_.wait(lock, [&] { return committed_ >= ticket; });
  // A later successful commit also holds this ticket's effect (each commit
  // writes the complete state).
  bool ok = durable_ >= ticket;
  ++tickets_;
  if (ok) return std::nullopt;
  return last_problem_;
}

CommitStats GroupCommitter::stats() {
  std::lock_guard lock(mu_);
  CommitStats s = stats_;
  s.tickets = tickets_;
  s.requested = requested_;
  return s;
}

}  // namespace wasim::persist
