// small_alloc (size classes, reuse, cross-thread frees, large blocks) and FirstIndexMap
// (first positions of repeated addresses, growth past the expected count).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "aio/first_index_map.hpp"
#include "aio/small_alloc.hpp"

TEST_CASE("small_alloc: blocks are distinct, aligned and writable", "[alloc]") {
  std::vector<std::pair<void*, std::size_t>> blocks;
  std::set<void*> seen;
  for (std::size_t size : {1u, 8u, 16u, 17u, 100u, 256u, 257u, 1000u, 2048u, 2049u, 10000u}) {
    for (int i = 0; i < 50; ++i) {
      void* p = aio::small_alloc(size);
      REQUIRE(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
      REQUIRE(seen.insert(p).second);
      std::memset(p, 0xAB, size);
      blocks.emplace_back(p, size);
    }
  }
  for (auto& [p, size] : blocks) aio::small_free(p, size);
}

TEST_CASE("small_alloc: a freed block is reused by its size class", "[alloc]") {
  void* a = aio::small_alloc(40);
  aio::small_free(a, 40);
  void* b = aio::small_alloc(48);  // same 16-byte class as 40 (33..48)
  CHECK(b == a);
  aio::small_free(b, 48);
}

TEST_CASE("small_alloc: blocks freed by another thread stay usable", "[alloc]") {
  std::vector<void*> blocks;
  for (int i = 0; i < 1000; ++i) blocks.push_back(aio::small_alloc(64));
  std::thread t([&] {
    for (void* p : blocks) aio::small_free(p, 64);
    // The thread's own allocations come back from what it freed.
    void* q = aio::small_alloc(64);
    std::memset(q, 0, 64);
    aio::small_free(q, 64);
  });
  t.join();  // its free lists go to the orphanage
  std::vector<void*> again;
  for (int i = 0; i < 2000; ++i) {
    void* p = aio::small_alloc(64);
    std::memset(p, 0xCD, 64);
    again.push_back(p);
  }
  for (void* p : again) aio::small_free(p, 64);
}

namespace {
struct Pooled : aio::PoolAllocated {
  virtual ~Pooled() = default;
  int x = 1;
};
struct BiggerPooled : Pooled {
  char payload[300] = {};
};
}  // namespace

TEST_CASE("PoolAllocated: delete through a base pointer frees the dynamic size", "[alloc]") {
  Pooled* p = new BiggerPooled;
  void* addr = p;
  delete p;
  // The block went back to BiggerPooled's class (320 bytes), not Pooled's.
  void* q = aio::small_alloc(sizeof(BiggerPooled));
  CHECK(q == addr);
  aio::small_free(q, sizeof(BiggerPooled));
}

TEST_CASE("FirstIndexMap: first positions of repeated addresses", "[alloc]") {
  int objs[3];
  aio::FirstIndexMap m(2);
  CHECK(m.first_index(&objs[0], 0) == 0);
  CHECK(m.first_index(&objs[1], 1) == 1);
  CHECK(m.first_index(&objs[0], 2) == 0);
  CHECK(m.first_index(&objs[2], 3) == 3);
  CHECK(m.first_index(&objs[1], 4) == 1);
  CHECK(m.size() == 3);
}

TEST_CASE("FirstIndexMap: grows past the expected count", "[alloc]") {
  std::vector<int> objs(5000);
  aio::FirstIndexMap m(4);
  for (std::size_t i = 0; i < objs.size(); ++i) REQUIRE(m.first_index(&objs[i], i) == i);
  for (std::size_t i = 0; i < objs.size(); ++i) REQUIRE(m.first_index(&objs[i], i + 10000) == i);
  CHECK(m.size() == objs.size());
}
