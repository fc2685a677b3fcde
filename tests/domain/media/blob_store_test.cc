// BlobStore: content-addressed media bytes outside the state. Bytes are moved
// in (never copied), stored once per sha256, counted once per reference,
// dropped with the last one, and safe to put/get/release from many threads.
#include "simulator/domain/media/blob_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "simulator/core/hmac.h"

namespace wasim {
namespace {

std::string Big(char fill, size_t n = 1 << 20) { return std::string(n, fill); }

TEST(BlobStoreTest, PrepareHashesAndMovesTheBytesWithoutACopy) {
  std::string bytes = Big('a');
  const char* buffer = bytes.data();
  PreparedBlob p = PrepareBlob(std::move(bytes));
  EXPECT_EQ(p.sha256, Sha256Hex(Big('a')));
  EXPECT_EQ(p.bytes->data(), buffer);  // the caller's buffer, moved through
  BlobStore store;
  store.Ref(p);
  EXPECT_EQ(store.Get(p.sha256)->data(), buffer);  // and handed out, not copied
}

TEST(BlobStoreTest, PreparedButUnreferencedBlobIsNotStored) {
  BlobStore store;
  PreparedBlob p = store.PrepareFrom("bytes");
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.Get(p.sha256), nullptr);
}

TEST(BlobStoreTest, SameBytesAreStoredOnceAndCountedPerReference) {
  BlobStore store;
  PreparedBlob first = PrepareBlob(Big('x'));
  PreparedBlob second = PrepareBlob(Big('x'));
  store.Ref(first);
  store.Ref(second);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.refs(first.sha256), 2u);
  EXPECT_EQ(store.total_bytes(), Big('x').size());
  EXPECT_EQ(store.Get(first.sha256), first.bytes);  // the first stored keeps its bytes
}

TEST(BlobStoreTest, PrepareFromReusesStoredBytesAndCopiesOnlyNewOnes) {
  BlobStore store;
  PreparedBlob stored = PrepareBlob(Big('s'));
  store.Ref(stored);
  std::string same = Big('s');
  EXPECT_EQ(store.PrepareFrom(same).bytes, stored.bytes);  // no second copy
  std::string fresh = Big('f');
  PreparedBlob p = store.PrepareFrom(fresh);
  EXPECT_NE(p.bytes->data(), fresh.data());  // the caller keeps its buffer
  EXPECT_EQ(*p.bytes, fresh);
  EXPECT_EQ(p.sha256, Sha256Hex(fresh));
}

TEST(BlobStoreTest, BytesGoWithTheLastReference) {
  BlobStore store;
  PreparedBlob p = PrepareBlob("shared");
  store.Ref(p);
  store.Ref(p);
  store.Release(p.sha256);
  ASSERT_NE(store.Get(p.sha256), nullptr);
  EXPECT_EQ(store.refs(p.sha256), 1u);
  store.Release(p.sha256);
  EXPECT_EQ(store.Get(p.sha256), nullptr);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.refs(p.sha256), 0u);
  store.Release(p.sha256);  // unknown now: ignored
  store.Release("");
  EXPECT_EQ(store.size(), 0u);
}

// Released bytes leave the store at once but are freed by DropRetired, which
// the simulator runs without its state lock.
TEST(BlobStoreTest, ReleasedBytesAreFreedByDropRetired) {
  BlobStore store;
  std::weak_ptr<const std::string> watch;
  {
    PreparedBlob p = PrepareBlob(Big('d'));
    watch = p.bytes;
    store.Ref(p);
  }
  store.Release(Sha256Hex(Big('d')));
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.retired(), 1u);
  EXPECT_FALSE(watch.expired());
  store.DropRetired();
  EXPECT_EQ(store.retired(), 0u);
  EXPECT_TRUE(watch.expired());
}

TEST(BlobStoreTest, AReaderKeepsItsBytesAfterReleaseOrClear) {
  BlobStore store;
  store.Ref(PrepareBlob("one"));
  store.Ref(PrepareBlob("two"));
  Blob one = store.Get(Sha256Hex("one"));
  store.Release(Sha256Hex("one"));
  store.Clear();
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.retired(), 0u);
  EXPECT_EQ(store.Get(Sha256Hex("two")), nullptr);
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(*one, "one");
}

// Writers ref and release a few shared payloads while readers get them: a
// reader sees either nothing or the exact bytes, and the store ends empty.
TEST(BlobStoreTest, ConcurrentPutGetAndReleaseFromThreads) {
  BlobStore store;
  std::vector<std::string> payloads;
  std::vector<std::string> hashes;
  for (char c : {'p', 'q', 'r', 's'}) {
    payloads.push_back(Big(c, 64 * 1024));
    hashes.push_back(Sha256Hex(payloads.back()));
  }
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0}, seen{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 300; ++i) {
        const std::string& bytes = payloads[(w + i) % payloads.size()];
        PreparedBlob p = store.PrepareFrom(bytes);
        store.Ref(p);
        if (*store.Get(p.sha256) != bytes) ++wrong;
        store.Release(p.sha256);
      }
    });
  }
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        for (size_t k = 0; k < hashes.size(); ++k) {
          Blob b = store.Get(hashes[k]);
          if (!b) continue;
          ++seen;
          if (*b != payloads[k]) ++wrong;
        }
      }
    });
  }
  for (int w = 0; w < 4; ++w) threads[w].join();
  stop.store(true);
  for (size_t t = 4; t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(store.size(), 0u);
  store.DropRetired();
  EXPECT_EQ(store.retired(), 0u);
  EXPECT_EQ(store.total_bytes(), 0u);
}

}  // namespace
}  // namespace wasim
