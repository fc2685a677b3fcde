// Admin listings over the whole world (every message, every customer) are
// read in bounded chunks: each chunk copies at most kAdminReadChunk objects
// under the Simulator lock, and JSON is rendered after the lock is released,
// so a large world never holds the lock for one listing's whole length and
// Graph requests interleave between chunks.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "simulator/domain/simulator.h"

namespace wasim {

constexpr std::size_t kAdminReadChunk = 256;

// Repeatedly calls `copy(ctx, cursor, out)` under the lock; it appends at
// most kAdminReadChunk items to `out`, advances `cursor` and returns false
// when the listing is exhausted. Every chunk goes to `render` without the lock.
template <class Cursor, class Item, class Copy, class Render>
void ReadInChunks(Simulator& sim, Cursor cursor, Copy copy, Render render) {
  bool more = true;
  while (more) {
    std::vector<Item> chunk;
    chunk.reserve(kAdminReadChunk);
    more = sim.WithLock([&](Ctx& ctx) { return copy(ctx, cursor, chunk); });
    for (const Item& item : chunk) render(item);
  }
}

}  // namespace wasim
