// Media bytes live outside the simulator state, in a content-addressed store
// (sha256 hex -> immutable bytes), one per Simulator. It has its own small
// mutex and is not guarded by the state lock: the HTTP layer hashes, puts
// and gets bytes without holding that lock, and the state keeps only the
// hash (MediaObject::sha256).
//
// A blob is counted once per media id that names it: several ids with the
// same bytes share one copy, and the blob leaves the store with the last
// reference. Its bytes are freed later, by DropRetired without the state
// lock: freeing 100 MB takes tens of milliseconds (munmap).
// Lock order: the state lock, then this one (never the other way round).
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wasim {

// Immutable bytes, shared by the store and whoever is serving them.
using Blob = std::shared_ptr<const std::string>;

// Bytes hashed and owned, not yet referenced by any media id. Dropping it
// unreferenced leaves nothing behind in a store.
struct PreparedBlob {
  std::string sha256;  // hex
  Blob bytes;
};

// Hashes `bytes` and takes them over (moved, never copied). Pure: touches no
// store, so it runs without any lock.
PreparedBlob PrepareBlob(std::string bytes);

class BlobStore {
 public:
  BlobStore() = default;
  BlobStore(const BlobStore&) = delete;
  BlobStore& operator=(const BlobStore&) = delete;

  // For bytes the caller must keep (an HTTP request's part): hashes them and
  // reuses a stored blob with that hash, so they are copied only when new.
  // Stores nothing (Ref does).
  PreparedBlob PrepareFrom(std::string_view bytes) const;

  // One more reference to `blob`. A hash already stored keeps its bytes.
  // REQUIRES: blob.bytes is non-null and hashes to blob.sha256.
  void Ref(const PreparedBlob& blob);
  // Drops one reference to `sha256`; with the last the blob leaves the store
  // and its bytes wait for DropRetired. An unknown hash is ignored (media
  // made without bytes, e.g. in tests).
  void Release(const std::string& sha256);
  // Frees the bytes of blobs released since (those no reader still holds).
  // Call it without the state lock: after a delete, after timeline steps.
  void DropRetired();
  // The bytes, or null when no media id references them (any more).
  Blob Get(const std::string& sha256) const;
  // Drops every blob, retired ones too (Simulator::Reset). Readers holding a
  // Blob keep theirs.
  void Clear();

  size_t size() const;                           // distinct blobs stored
  size_t refs(const std::string& sha256) const;  // references to one (0: not stored)
  size_t total_bytes() const;                    // bytes stored, each blob once
  size_t retired() const;                        // released blobs not yet freed

 private:
  struct Entry {
    Blob bytes;
    size_t refs = 0;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> blobs_;
  std::vector<Blob> retired_;
};

}  // namespace wasim
