// The compiler's list of importable modules (sema/supported_modules.hpp) against the
// runtime's registry: a module sema accepts must import at run time, else a program that
// compiles would fail with ModuleNotFoundError.
#include <catch2/catch.hpp>
#include <string>

#include "aio/module.hpp"
#include "aio/python.hpp"
#include "sema/supported_modules.hpp"

TEST_CASE("every module sema accepts is provided by the runtime") {
  for (std::string_view name : aioc::sema::supported_modules()) {
    INFO("module " << std::string(name));
    aio::Value m;
    REQUIRE_NOTHROW(m = aio::import_module(name));
    CHECK(m.is_bound());
  }
}

TEST_CASE("modules the runtime lacks are rejected by sema") {
  for (std::string_view name : {"os", "threading", "json", "heapq", "numpy", "asyncio.tasks"})
    CHECK_FALSE(aioc::sema::is_supported_module(name));
  CHECK(aioc::sema::is_supported_module("concurrent.futures"));
}
