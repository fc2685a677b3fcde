#include "simulator/persist/serve_state.h"

#include "simulator/core/time.h"

namespace wasim::persist {

std::unique_ptr<ServeState> ServeState::Open(const std::string& path, std::string* error,
                                             SqliteStore::Options options) {
  auto store = SqliteStore::Open(path, options, error);
  if (!store) return nullptr;
  std::unique_ptr<ServeState> s(new ServeState());
  error->clear();
  s->stored_ = store->Load(error);
  if (!error->empty()) return nullptr;
  s->store_ = std::move(store);
  return s;
}

ServeState::~ServeState() { Stop(); }

std::optional<std::string> ServeState::Attach(StateSource& source, std::chrono::milliseconds interval,
                                              std::function<void(const std::string&)> on_failure) {
  committer_ = std::make_unique<GroupCommitter>(source, *store_, interval);
  if (stored_) {
    // The codec's exceptions stay in the codec; a document that is not JSON
    // at all is reported here.
    Json doc = Json::parse(stored_->document, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
      return store_->path() + ": the stored state is not valid JSON; the file is left as it is";
    if (auto problem = source.Import(doc))
      return store_->path() + ": the stored state does not import (" + *problem +
             "); the file is left as it is";
  } else if (auto problem = committer_->CommitNow()) {
    return problem;
  }
  messages_ = source.MessageCount();
  virtual_time_ms_ = source.VirtualTimeMs();
  // After the first commit (its failure is this call's answer), before the writer starts.
  if (on_failure) committer_->OnFailure(std::move(on_failure));
  committer_->Start();
  started_ = true;
  return std::nullopt;
}

std::string ServeState::Describe() const {
  if (!stored_) return "state: " + store_->path() + " (new)";
  return "state: " + store_->path() + " (restored, " + GroupThousands(messages_) +
         " messages, virtual time " + FormatIso8601(virtual_time_ms_) + ")";
}

std::optional<std::string> ServeState::Stop() {
  // Never after a failed Attach: the simulator does not hold the file's
  // state then, and writing it would replace the file's state with less.
  if (!started_ || stopped_) return std::nullopt;
  stopped_ = true;
  committer_->Stop();
  // Stop's final commit reported a failure through OnFailure; one more try
  // here gives the caller the outcome.
  return committer_->CommitNow();
}

std::string GroupThousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace wasim::persist
