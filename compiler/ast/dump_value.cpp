#include "ast/dump_value.hpp"

namespace aioc::ast {

namespace {

struct Formatted {
  std::string text;
  bool simple;
};

// Lib/ast.py's dump()._format, for indent=1.
Formatted format(const DumpValue& v, int level) {
  ++level;
  std::string prefix = "\n" + std::string(static_cast<std::size_t>(level), ' ');
  std::string sep = "," + prefix;
  if (v.kind == DumpValue::Repr) return {v.text, true};
  if (v.kind == DumpValue::List) {
    if (v.items.empty()) return {"[]", true};
    std::string out = "[" + prefix;
    for (std::size_t i = 0; i < v.items.size(); ++i)
      out += (i ? sep : "") + format(v.items[i], level).text;
    return {out + "]", false};
  }
  std::vector<std::string> args;
  bool all_simple = true;
  for (const auto& [name, value] : v.fields) {
    Formatted f = format(value, level);
    all_simple = all_simple && f.simple;
    args.push_back(std::string(name) + "=" + f.text);
  }
  std::string out = v.text + "(";
  bool one_line = all_simple && args.size() <= 3;
  if (!one_line) out += prefix;
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? (one_line ? ", " : sep) : "") + args[i];
  return {out + ")", one_line && args.empty()};
}

}  // namespace

std::string format_dump(const DumpValue& value) { return format(value, 0).text; }

}  // namespace aioc::ast
