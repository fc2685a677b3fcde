#include "simulator/persist/schema.h"

namespace wasim::persist {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kSteps = {
      // v1: the complete state as one JSON document (the codec's export; see
      // README "Keeping state across restarts" for why one document) beside
      // the values the banner and the clock need before it is imported.
      {1, "state document and meta",
       "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
       "CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), document TEXT NOT NULL,"
       " virtual_time_ms INTEGER NOT NULL, messages INTEGER NOT NULL, commits INTEGER NOT NULL);"},
  };
  return kSteps;
}

int SchemaVersion(const std::vector<Migration>& steps) { return steps.empty() ? 0 : steps.back().to_version; }

}  // namespace wasim::persist
