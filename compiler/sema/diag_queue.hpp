// Sema's diagnostics are queued and printed in source order.
//
// Sema runs several passes (scope building, resolution, context checks, undefined
// names), each finding different errors; printed as found, a file's errors would come out
// grouped by pass rather than by line. The queue keeps each report (kind, location and
// already-stringified arguments) and flush() hands them to Diagnostics sorted by line and
// column, stably, dropping exact duplicates. Every sema format string has at most two
// arguments.
#pragma once

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "diag/diagnostics.hpp"

namespace aioc::sema {

class DiagQueue {
 public:
  template <class... Args>
  void report(DiagKind kind, const ast::Loc& loc, Args&&... args) {
    static_assert(sizeof...(Args) <= 2, "sema diagnostics take at most two arguments");
    items_.push_back(Item{kind, loc, {std::string(std::forward<Args>(args))...}});
  }

  void flush(Diagnostics& diags) {
    std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
      return std::tie(a.loc.line, a.loc.col) < std::tie(b.loc.line, b.loc.col);
    });
    const Item* previous = nullptr;
    for (const Item& item : items_) {
      if (previous && previous->same_as(item)) continue;
      previous = &item;
      const auto& a = item.args;
      switch (a.size()) {
        case 0: diags.report(item.kind, item.loc); break;
        case 1: diags.report(item.kind, item.loc, a[0]); break;
        default: diags.report(item.kind, item.loc, a[0], a[1]); break;
      }
    }
    items_.clear();
  }

 private:
  struct Item {
    DiagKind kind;
    ast::Loc loc;
    std::vector<std::string> args;
    bool same_as(const Item& o) const {
      return kind == o.kind && loc.line == o.loc.line && loc.col == o.loc.col && args == o.args;
    }
  };
  std::vector<Item> items_;
};

}  // namespace aioc::sema
