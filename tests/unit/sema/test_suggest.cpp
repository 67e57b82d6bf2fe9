// The "did you mean" distance and choice, against what CPython 3.11 suggests for the same
// NameErrors (python3 -c 'prnt' and friends).
#include <catch2/catch.hpp>

#include "sema/suggest.hpp"

using namespace aioc::sema;

TEST_CASE("suggestion distance weights case flips at 1 and edits at 2", "[sema][suggest]") {
  CHECK(suggestion_distance("print", "print", 100) == 0);
  CHECK(suggestion_distance("prnt", "print", 100) == 2);
  CHECK(suggestion_distance("Print", "print", 100) == 1);
  CHECK(suggestion_distance("abc", "xyz", 3) == 4);  // gives up past max_cost
}

TEST_CASE("suggest_name picks the closest candidate within a third", "[sema][suggest]") {
  std::vector<std::string> builtins = {"len", "list", "print", "property", "range"};
  CHECK(suggest_name("prnt", builtins) == std::optional<std::string>("print"));
  CHECK(suggest_name("lenn", builtins) == std::optional<std::string>("len"));
  CHECK(suggest_name("rnage", builtins) == std::optional<std::string>("range"));
  CHECK_FALSE(suggest_name("zzqqx", builtins).has_value());
  CHECK_FALSE(suggest_name("print", {"print"}).has_value());  // never the name itself
}
