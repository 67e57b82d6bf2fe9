// enum.unique and enum.verify(UNIQUE, CONTINUOUS, NAMED_FLAGS): class decorators that
// check a finished enumeration and raise ValueError with CPython 3.11's messages.
#include <algorithm>
#include <cstdio>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/tuple.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {
namespace {

// "ALIAS -> NAME, ..." for every alias of the class.
std::string alias_details(TypeObject* t) {
  Value map = t->lookup(std::string_view("_member_map_"));
  std::string out;
  for (auto& e : dict_table(map).entries())
    if (e.key.is_bound() && !str_equal(member_name(e.value), e.key))
      out += (out.empty() ? "" : ", ") + str_data(e.key) + " -> " + str_data(member_name(e.value));
  return out;
}

int high_bit(std::int64_t v) {
  int n = 0;
  for (std::uint64_t u = static_cast<std::uint64_t>(v < 0 ? -v : v); u; u >>= 1) ++n;
  return n - 1;
}

void check_continuous(TypeObject* t) {
  std::vector<std::int64_t> values;
  for (const Value& m : members_of(t)) values.push_back(to_i64(member_value(m)));
  if (values.size() < 2) return;
  auto has = [&](std::int64_t v) { return std::find(values.begin(), values.end(), v) != values.end(); };
  std::int64_t low = *std::min_element(values.begin(), values.end()), high = *std::max_element(values.begin(), values.end());
  std::string missing;
  auto add = [&](std::int64_t v) { missing += (missing.empty() ? "" : ", ") + std::to_string(v); };
  if (is_flag(t)) {
    for (int i = high_bit(low) + 1; i < high_bit(high); ++i)
      if (!has(std::int64_t{1} << i)) add(std::int64_t{1} << i);
  } else {
    for (std::int64_t i = low + 1; i < high; ++i)
      if (!has(i)) add(i);
  }
  if (missing.empty()) return;
  std::string msg = std::string("invalid ") + (is_flag(t) ? "flag" : "enum") + " '" + t->name + "': missing values " + missing;
  raise_value_error(msg.substr(0, 256));
}

std::string hex(std::int64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

void check_named_flags(TypeObject* t) {
  std::int64_t named = 0;
  for (const Value& m : members_of(t)) named |= to_i64(member_value(m));
  Value names = t->lookup(std::string_view("_member_names_"));
  Value map = t->lookup(std::string_view("_member_map_"));
  std::vector<std::string> missing_names;
  std::int64_t missing = 0;
  for (auto& e : dict_table(map).entries()) {
    if (!e.key.is_bound() || contains(names, e.key)) continue;
    std::int64_t v = to_i64(member_value(e.value));
    if (v < 0 || !(v & ~named)) continue;
    missing_names.push_back(str_data(e.key));
    missing |= v & ~named;
  }
  if (missing_names.empty()) return;
  std::string alias;
  if (missing_names.size() == 1) {
    alias = "alias " + missing_names[0] + " is missing";
  } else {
    std::string head;
    for (std::size_t i = 0; i + 1 < missing_names.size(); ++i) head += (i ? ", " : "") + missing_names[i];
    alias = "aliases " + head + " and " + missing_names.back() + " are missing";
  }
  bool single = (missing & (missing - 1)) == 0;
  raise_value_error("invalid Flag '" + t->name + "': " + alias + " " + (single ? "value " : "combined values of ") +
                    hex(missing) + " [use enum.show_flag_values(value) for details]");
}

Value apply_checks(const Value& checks, const CallArgs& a) {
  check_nargs(a, "verify", 1, 1);
  if (!(a[0].is_object() && a[0].object()->type == g_enum_meta))
    raise_type_error("the 'verify' decorator only works with Enum and Flag");
  TypeObject* t = as_type(a[0]);
  for (const Value& check : to_vector(checks)) {
    std::string c = str_data(check);
    if (c == "one name per value") {
      std::string dups = alias_details(t);
      if (!dups.empty()) raise_value_error("aliases found in " + repr_std(a[0]) + ": " + dups);
    } else if (c == "no skipped integer values") {
      check_continuous(t);
    } else if (c == "multi-flag aliases may not contain unnamed flags") {
      check_named_flags(t);
    }
  }
  return a[0];
}

}  // namespace

Value enum_unique(const CallArgs& a) {
  check_nargs(a, "unique", 1, 1);
  std::string dups = alias_details(as_type(a[0]));
  if (!dups.empty()) raise_value_error("duplicate values found in " + repr_std(a[0]) + ": " + dups);
  return a[0];
}

Value enum_verify(const CallArgs& a) {
  no_kwargs(a, "verify");
  return make_native_function("verify", &apply_checks, make_tuple(std::vector<Value>(a.pos, a.pos + a.npos)));
}

}  // namespace aio::enum_impl
