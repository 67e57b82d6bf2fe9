// The value model and layout of CPython's ast.dump(..., indent=1), used by ast_printer.
//
// A DumpValue is what ast.dump sees while printing: a node (class name and fields in
// _fields order, optional fields that are None already left out), a list, or a repr.
// format_dump() applies ast.dump's layout rule: a node whose field values are all
// "simple" (reprs, empty lists, nodes without fields) and that has at most three fields
// prints on one line; otherwise each field goes on its own line, indented one space per
// nesting level, where lists count as a level too.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aioc::ast {

struct DumpValue {
  enum Kind { Node, List, Repr } kind = Repr;
  std::string text;  // class name (Node) or repr (Repr)
  std::vector<std::pair<const char*, DumpValue>> fields;  // Node
  std::vector<DumpValue> items;                           // List

  static DumpValue node(const char* cls) { return {Node, cls, {}, {}}; }
  static DumpValue list() { return {List, {}, {}, {}}; }
  static DumpValue repr(std::string text) { return {Repr, std::move(text), {}, {}}; }

  DumpValue& field(const char* name, DumpValue value) {
    fields.emplace_back(name, std::move(value));
    return *this;
  }
  DumpValue& item(DumpValue value) {
    items.push_back(std::move(value));
    return *this;
  }
};

std::string format_dump(const DumpValue& value);

}  // namespace aioc::ast
