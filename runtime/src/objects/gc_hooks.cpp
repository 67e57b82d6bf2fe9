// traverse/clear of the core container types (gc.hpp). Types private to one source file
// (partial, deque, property, ...) define their hooks next to their struct.
//
// clear() moves the references out before dropping them, so the object is already in its
// empty state when the destructors those drops trigger look at it.
#include <utility>
#include <vector>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/gc.hpp"
#include "aio/list.hpp"
#include "aio/set.hpp"
#include "aio/tuple.hpp"

namespace aio {

namespace {

void visit_all(const std::vector<Value>& items, GcVisitFn visit, void* arg) {
  for (const Value& v : items) gc_visit(v, visit, arg);
}

void visit_table(const HashTable& t, GcVisitFn visit, void* arg) {
  for (const HashTable::Entry& e : t.entries()) {
    gc_visit(e.key, visit, arg);
    gc_visit(e.value, visit, arg);
  }
}

void visit_table(const SetTable& t, GcVisitFn visit, void* arg) {
  for (const SetTable::Slot& s : t.slots()) gc_visit(s.key, visit, arg);
}

void drop(Value& v) { Value gone = std::move(v); }
void drop(std::vector<Value>& items) { std::vector<Value> gone = std::move(items); items.clear(); }
void drop(HashTable& t) {
  HashTable gone = std::move(t);
  t = HashTable();
}
void drop(SetTable& t) {
  SetTable gone;
  gone.swap(t);
}

}  // namespace

void ListObject::traverse(GcVisitFn visit, void* arg) {
  visit_all(items, visit, arg);
  gc_visit(dict, visit, arg);
}
void ListObject::clear() {
  drop(items);
  drop(dict);
}

void TupleObject::traverse(GcVisitFn visit, void* arg) { visit_all(items, visit, arg); }
void TupleObject::clear() { drop(items); }

void DictObject::traverse(GcVisitFn visit, void* arg) {
  visit_table(table, visit, arg);
  gc_visit(dict, visit, arg);
}
void DictObject::clear() {
  drop(table);
  drop(dict);
}

void SetObject::traverse(GcVisitFn visit, void* arg) { visit_table(table, visit, arg); }
void SetObject::clear() { drop(table); }

void InstanceObject::traverse(GcVisitFn visit, void* arg) { gc_visit(dict, visit, arg); }
void InstanceObject::clear() { drop(dict); }

void FunctionObject::traverse(GcVisitFn visit, void* arg) {
  for (const Value* v : {&defaults, &kwdefaults, &name, &qualname, &module, &doc, &dict}) gc_visit(*v, visit, arg);
  visit_all(cells, visit, arg);
}
void FunctionObject::clear() {
  drop(defaults);
  drop(kwdefaults);
  drop(cells);
  drop(doc);
  drop(dict);
}

void CellObject::traverse(GcVisitFn visit, void* arg) { gc_visit(value, visit, arg); }
void CellObject::clear() { drop(value); }

void MethodObject::traverse(GcVisitFn visit, void* arg) {
  gc_visit(func, visit, arg);
  gc_visit(self, visit, arg);
}
void MethodObject::clear() {
  drop(func);
  drop(self);
}

void NativeFunctionObject::traverse(GcVisitFn visit, void* arg) {
  gc_visit(data, visit, arg);
  gc_visit(self, visit, arg);
}
void NativeFunctionObject::clear() {
  drop(data);
  drop(self);
}

void ExceptionObject::traverse(GcVisitFn visit, void* arg) {
  for (const Value* v : {&args, &context, &cause, &dict, &group_message, &group_excs})
    gc_visit(*v, visit, arg);
}
void ExceptionObject::clear() {
  // args stays a tuple: exception code reads it without checking.
  Value gone = std::exchange(args, make_tuple({}));
  drop(context);
  drop(cause);
  drop(dict);
  drop(group_excs);
}

}  // namespace aio
