// Helpers shared by the list and tuple implementations (private to runtime/src/objects).
#pragma once

#include <string>
#include <vector>

#include "aio/object.hpp"

namespace aio {

std::string seq_repr(const std::vector<Value>& items, char open, char close, bool one_tuple);
Value seq_compare(const std::vector<Value>& a, const std::vector<Value>& b, CompareOp op);
Value make_vector_iterator(const Value& owner, const std::vector<Value>* items);
Value seq_slice(const std::vector<Value>& items, const Value& slice, bool as_tuple);
std::int64_t seq_index(const std::vector<Value>& items, const CallArgs& a, const char* what);
std::int64_t seq_count(const std::vector<Value>& items, const Value& x);
Value make_native_iterator(Object* it, NextSlot next);
// Recursion guard for reprs of self-containing containers.
bool repr_enter(const Object* o);
void repr_leave(const Object* o);

}  // namespace aio
namespace aio { Value call_special_index(const Value& v); }
