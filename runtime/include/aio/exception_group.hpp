// BaseExceptionGroup / ExceptionGroup (PEP 654) and the run-time half of `except*`.
//
// Design: a group is an ordinary ExceptionObject whose `group_message` and `group_excs`
// (a tuple) are fixed by the constructor with CPython's checks; `BaseExceptionGroup(...)`
// of Exceptions only returns an ExceptionGroup. split/subgroup walk the nesting as CPython's
// exceptiongroup_split_recursive does, building partial groups with `derive` and copying
// the original's traceback, __context__, __cause__ and __notes__ onto them.
//
// `except*` (codegen: emit_control.cpp) drives an ExceptStar: each clause takes its match
// from what is left, a handler's raise is collected instead of propagating, and outcome()
// is what CPython's PREP_RERAISE_STAR computes: the exceptions handlers raised, plus the
// unhandled and re-raised leaves of the original kept in the original's structure.
//
// Thread model: runtime lock held, like every Value operation.
#pragma once

#include <vector>

#include "aio/exceptions.hpp"

namespace aio {

bool is_exception_group(const Value& v) noexcept;
// BaseExceptionGroup(message, excs) with its promotion to ExceptionGroup.
Value make_exception_group(const Value& message, std::vector<Value> excs);
// eg.split(condition) -> (match, rest), each None when empty.
std::pair<Value, Value> exception_group_split(const Value& eg, const Value& condition);

class ExceptStar {
 public:
  explicit ExceptStar(Value caught);
  // The part of what is still unhandled that `type` (a class or tuple) matches, or Unbound.
  // A naked exception that matches comes wrapped in a group. TypeError for group classes.
  Value match(const Value& type);
  // A handler (running for `matched`) raised `exc` (a bare `raise` raises `matched`).
  void handler_raised(const Value& exc);
  // The exception the statement ends with, Unbound when everything was handled.
  Value outcome() const;

 private:
  Value orig_;
  Value rest_;
  std::vector<Value> raised_;
};

}  // namespace aio
