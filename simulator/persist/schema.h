// The state file's schema versions, as an ordered list of migration steps.
// PRAGMA user_version is the version a file is at; opening a file applies,
// in one transaction, every step above it (a new, empty file is at version 0,
// so creating a file is migrating it from 0). A failing step rolls the whole
// migration back: the file stays at its old version, with its old content.
//
// To change the schema: append a step {kSchemaVersion + 1, ...} that turns a
// file of the previous version into the new one (keeping its data), and add
// a test that opens a file built with the previous version's steps.
#pragma once
#include <string>
#include <vector>

namespace wasim::persist {

struct Migration {
  int to_version;           // the user_version a file has after this step
  const char* description;  // for error messages ("migrating to v2 (...)")
  std::string sql;          // one or more statements, run inside the migration's transaction
};

// The steps this wasim ships, in order (to_version 1, 2, ...).
const std::vector<Migration>& Migrations();
// The newest version this wasim writes (the last step's to_version).
int SchemaVersion(const std::vector<Migration>& steps);

}  // namespace wasim::persist
