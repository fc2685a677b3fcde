#include "simulator/domain/media/blob_store.h"

#include <utility>

#include "simulator/core/hmac.h"

namespace wasim {

PreparedBlob PrepareBlob(std::string bytes) {
  PreparedBlob out;
  out.sha256 = Sha256Hex(bytes);
  out.bytes = std::make_shared<const std::string>(std::move(bytes));
  return out;
}

PreparedBlob BlobStore::PrepareFrom(std::string_view bytes) const {
  PreparedBlob out;
  out.sha256 = Sha256Hex(bytes);
  out.bytes = Get(out.sha256);
  if (!out.bytes) out.bytes = std::make_shared<const std::string>(bytes);
  return out;
}

void BlobStore::Ref(const PreparedBlob& blob) {
  std::lock_guard lock(mu_);
  Entry& e = blobs_[blob.sha256];
  if (!e.bytes) e.bytes = blob.bytes;
  ++e.refs;
}

void BlobStore::Release(const std::string& sha256) {
  std::lock_guard lock(mu_);
  auto it = blobs_.find(sha256);
  if (it == blobs_.end()) return;
  if (--it->second.refs > 0) return;
  retired_.push_back(std::move(it->second.bytes));
  blobs_.erase(it);
}

void BlobStore::DropRetired() {
  std::vector<Blob> dropped;
  {
    std::lock_guard lock(mu_);
    dropped.swap(retired_);
  }
}  // freed here, after the mutex: Gets are not held up by a large free

Blob BlobStore::Get(const std::string& sha256) const {
  std::lock_guard lock(mu_);
  auto it = blobs_.find(sha256);
  return it == blobs_.end() ? nullptr : it->second.bytes;
}

void BlobStore::Clear() {
  std::unordered_map<std::string, Entry> dropped;
  std::vector<Blob> retired;
  {
    std::lock_guard lock(mu_);
    dropped.swap(blobs_);
    retired.swap(retired_);
  }
}

size_t BlobStore::size() const {
  std::lock_guard lock(mu_);
  return blobs_.size();
}

size_t BlobStore::refs(const std::string& sha256) const {
  std::lock_guard lock(mu_);
  auto it = blobs_.find(sha256);
  return it == blobs_.end() ? 0 : it->second.refs;
}

size_t BlobStore::retired() const {
  std::lock_guard lock(mu_);
  return retired_.size();
}

size_t BlobStore::total_bytes() const {
  std::lock_guard lock(mu_);
  size_t total = 0;
  for (const auto& [sha, e] : blobs_) total += e.bytes->size();
  return total;
}

}  // namespace wasim
