// BaseExceptionGroup / ExceptionGroup and the `except*` machinery (exception_group.hpp),
// with CPython 3.11's construction checks, split/subgroup/derive rules and the outcome of
// an except* statement (Objects/exceptions.c: exceptiongroup_split_recursive,
// _PyExc_PrepReraiseStar). Also BaseException.add_note, whose notes tracebacks print.
#include "aio/exception_group.hpp"

#include <unordered_set>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

GetAttrSlot g_base_getattr = nullptr;  // BaseException's getattr slot, for fallback

ExceptionObject* group_of(const Value& v) { return is_exception_group(v) ? as_exception(v) : nullptr; }

bool is_exception_class(const Value& v) {
  return v.is_object() && v.object()->type->is_subtype_of(type_type) &&
         static_cast<TypeObject*>(v.object())->is_exception;
}

// PySequence_Check: indexable and not a mapping.
bool is_sequence(const Value& v) {
  TypeObject* t = type_of(v);
  return t->getitem != nullptr && !t->is_subtype_of(dict_type);
}

Value group_new(TypeObject* type, const CallArgs& a) {
  if (a.npos != 2)
    raise_type_error("BaseExceptionGroup.__new__() takes exactly 2 arguments (" + std::to_string(a.npos) + " given)");
  const Value& message = a[0];
  const Value& seq = a[1];
  if (!is_str_like(message))
    raise_type_error("BaseExceptionGroup.__new__() argument 1 must be str, not " + type_of(message)->name);
  if (!is_sequence(seq)) raise_type_error("second argument (exceptions) must be a sequence");
  std::vector<Value> excs = to_vector(seq);
  if (excs.empty()) raise_value_error("second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (std::size_t i = 0; i < excs.size(); ++i) {
    if (!is_exception_instance(excs[i]))
      raise_value_error("Item " + std::to_string(i) + " of second argument (exceptions) is not an exception");
    if (!type_of(excs[i])->is_subtype_of(exc::Exception)) nested_base = true;
  }
  if (type == exc::BaseExceptionGroup) {
    if (!nested_base) type = exc::ExceptionGroup;
  } else if (type->is_subtype_of(exc::ExceptionGroup) && nested_base) {
    if (type == exc::ExceptionGroup) raise_type_error("Cannot nest BaseExceptions in an ExceptionGroup");
    raise_type_error("Cannot nest BaseExceptions in '" + type->name + "'");
  }
  Value v = alloc_instance(type);
  ExceptionObject* e = as_exception(v);
  e->args = make_tuple({message, seq});
  e->group_message = message;
  e->group_excs = make_tuple(std::move(excs));
  return v;
}

Value group_getattr(const Value& self, const Value& name) {
  ExceptionObject* e = as_exception(self);
  std::string_view n = str_view(name);
  if (n == "message" && e->group_message.is_bound()) return e->group_message;
  if (n == "exceptions" && e->group_excs.is_bound()) return e->group_excs;
  return g_base_getattr(self, name);
}

Value group_str(const Value& self) {
  ExceptionObject* e = as_exception(self);
  if (!e->group_excs.is_bound()) return exception_str(self);
  std::size_t n = tuple_items(e->group_excs).size();
  return make_str(str_data(str(e->group_message)) + " (" + std::to_string(n) + " sub-exception" + (n > 1 ? "s" : "") + ")");
}

// ---- split ------------------------------------------------------------------------------------

struct Matcher {
  enum Kind { Type, Predicate, Ids } kind;
  Value value;                                      // Type, Predicate
  const std::unordered_set<const Object*>* ids{};   // Ids: leaf identities
};

Matcher matcher_for(const Value& condition) {
  if (type_of(condition) == function_type) return {Matcher::Predicate, condition};
  if (is_exception_class(condition)) return {Matcher::Type, condition};
  if (is_tuple_like(condition)) {
    bool all = true;
    for (const Value& t : tuple_items(condition)) all = all && is_exception_class(t);
    if (all) return {Matcher::Type, condition};
  }
  raise_type_error("expected a function, exception type or tuple of exception types");
}

bool matches(const Value& exc, const Matcher& m) {
  switch (m.kind) {
    case Matcher::Type: return exception_matches(exc, m.value);
    case Matcher::Predicate: return truthy(call(m.value, {exc}));
    case Matcher::Ids: return m.ids->count(exc.object()) != 0;
  }
  return false;
}

// A group like `orig` holding `excs` (Unbound when empty): orig.derive(excs) with orig's
// traceback, __context__, __cause__ and a copy of its __notes__.
Value subset(const Value& orig, std::vector<Value> excs) {
  if (excs.empty()) return Value();
  Value eg = call_method(orig, str_lit("derive", 6), {make_list(std::move(excs))});
  ExceptionObject* g = group_of(eg);
  if (!g) raise_type_error("derive must return an instance of BaseExceptionGroup");
  ExceptionObject* o = as_exception(orig);
  g->traceback = o->traceback;
  g->context = o->context;
  g->cause = o->cause;
  g->suppress_context = true;  // PyException_SetCause sets it, whatever the cause
  Value notes = o->dict.is_bound() ? dict_get(o->dict, std::string_view("__notes__")) : Value();
  if (notes.is_bound() && is_sequence(notes)) setattr(eg, str_lit("__notes__", 9), make_list(to_vector(notes)));
  return eg;
}

void split_recursive(const Value& exc, const Matcher& m, bool construct_rest, Value& match, Value& rest) {
  match = Value();
  rest = Value();
  if (matches(exc, m)) {
    match = exc;
    return;
  }
  ExceptionObject* g = group_of(exc);
  if (!g || !g->group_excs.is_bound()) {
    if (construct_rest) rest = exc;
    return;
  }
  std::vector<Value> matched, remaining;
  for (const Value& sub : tuple_items(g->group_excs)) {
    Value sm, sr;
    split_recursive(sub, m, construct_rest, sm, sr);
    if (sm.is_bound()) matched.push_back(sm);
    if (sr.is_bound()) remaining.push_back(sr);
  }
  match = subset(exc, std::move(matched));
  if (construct_rest) rest = subset(exc, std::move(remaining));
}

Value or_none(const Value& v) { return v.is_bound() ? v : Value::none(); }

Value m_split(const CallArgs& a) {
  check_nargs(a, "split", 2, 2);
  auto [match, rest] = exception_group_split(a[0], a[1]);
  return make_tuple({or_none(match), or_none(rest)});
}

Value m_subgroup(const CallArgs& a) {
  check_nargs(a, "subgroup", 2, 2);
  Value match, rest;
  split_recursive(a[0], matcher_for(a[1]), false, match, rest);
  return or_none(match);
}

Value m_derive(const CallArgs& a) {
  check_nargs(a, "derive", 2, 2);
  return call(Value::borrowed(exc::BaseExceptionGroup), {as_exception(a[0])->group_message, a[1]});
}

// BaseException.add_note(note): appends to __notes__, creating the list.
Value m_add_note(const CallArgs& a) {
  check_nargs(a, "add_note", 2, 2);
  if (!is_str_like(a[1])) raise_type_error("note must be a str, not '" + type_of(a[1])->name + "'");
  Value notes = getattr_or(a[0], str_lit("__notes__", 9), Value());
  if (!notes.is_bound()) {
    notes = make_list({});
    setattr(a[0], str_lit("__notes__", 9), notes);
  } else if (type_of(notes) != list_type) {
    raise_type_error("Cannot add note: __notes__ is not a list");
  }
  call_method(notes, str_lit("append", 6), {a[1]});
  return Value::none();
}

void collect_leaf_ids(const Value& exc, std::unordered_set<const Object*>& ids) {
  ExceptionObject* g = group_of(exc);
  if (g && g->group_excs.is_bound()) {
    for (const Value& sub : tuple_items(g->group_excs)) collect_leaf_ids(sub, ids);
  } else {
    ids.insert(exc.object());
  }
}

// CPython's is_same_exception_metadata: a re-raised part of the original carries the
// original's traceback, chain and notes; anything a handler raised anew does not.
bool same_metadata(const Value& a, const Value& b) {
  ExceptionObject* x = as_exception(a);
  ExceptionObject* y = as_exception(b);
  auto notes = [](ExceptionObject* e) {
    Value n = e->dict.is_bound() ? dict_get(e->dict, std::string_view("__notes__")) : Value();
    return n.is_bound() ? static_cast<const void*>(n.object()) : nullptr;
  };
  auto same_entries = [](const std::vector<TraceEntry>& p, const std::vector<TraceEntry>& q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i].code != q[i].code || p[i].line != q[i].line) return false;
    return true;
  };
  auto id = [](const Value& v) { return v.is_bound() ? static_cast<const void*>(v.object()) : nullptr; };
  return same_entries(x->traceback, y->traceback) && id(x->context) == id(y->context) &&
         id(x->cause) == id(y->cause) && notes(x) == notes(y);
}

// The part of `eg` whose leaves are leaves of the groups in `keep` (Unbound if none).
Value projection(const Value& eg, const std::vector<Value>& keep) {
  if (keep.empty()) return Value();
  std::unordered_set<const Object*> ids;
  for (const Value& k : keep) collect_leaf_ids(k, ids);
  Value match, rest;
  split_recursive(eg, Matcher{Matcher::Ids, Value(), &ids}, false, match, rest);
  return match;
}

// CPython's check_except_star_type_valid.
void check_except_star_type(const Value& type) {
  auto one = [](const Value& t) {
    if (!is_exception_class(t))
      raise_type_error("catching classes that do not inherit from BaseException is not allowed");
    if (static_cast<TypeObject*>(t.object())->is_subtype_of(exc::BaseExceptionGroup))
      raise_type_error("catching ExceptionGroup with except* is not allowed. Use except instead.");
  };
  if (is_tuple_like(type)) {
    for (const Value& t : tuple_items(type)) one(t);
  } else {
    one(type);
  }
}

}  // namespace

bool is_exception_group(const Value& v) noexcept {
  return v.is_object() && v.object()->type->is_subtype_of(exc::BaseExceptionGroup);
}

Value make_exception_group(const Value& message, std::vector<Value> excs) {
  Value seq = make_list(std::move(excs));
  return call(Value::borrowed(exc::BaseExceptionGroup), {message, seq});
}

std::pair<Value, Value> exception_group_split(const Value& eg, const Value& condition) {
  Value match, rest;
  split_recursive(eg, matcher_for(condition), true, match, rest);
  return {match, rest};
}

// ---- except* ----------------------------------------------------------------------------------

ExceptStar::ExceptStar(Value caught) : orig_(caught), rest_(std::move(caught)) {}

Value ExceptStar::match(const Value& type) {
  {
    HandlerScope handling(orig_);  // a TypeError here has the caught exception as context
    check_except_star_type(type);
  }
  if (!rest_.is_bound()) return Value();
  if (exception_matches(rest_, type)) {
    Value m = is_exception_group(rest_)
                  ? rest_
                  : call(Value::borrowed(exc::BaseExceptionGroup), {str_lit("", 0), make_tuple({rest_})});
    rest_ = Value();
    return m;
  }
  if (!is_exception_group(rest_)) return Value();
  auto [m, r] = exception_group_split(rest_, type);
  if (!m.is_bound()) return Value();
  rest_ = r;
  return m;
}

void ExceptStar::handler_raised(const Value& exc) { raised_.push_back(exc); }

Value ExceptStar::outcome() const {
  if (!is_exception_group(orig_)) {
    // A naked exception: at most one handler ran (it got the whole exception).
    if (!raised_.empty()) return raised_.front();
    return rest_;
  }
  std::vector<Value> raised, reraised;
  // Parts of the original are groups (handlers get groups); a naked exception is new.
  auto sort = [&](const Value& e) {
    (is_exception_group(e) && same_metadata(e, orig_) ? reraised : raised).push_back(e);
  };
  for (const Value& e : raised_) sort(e);
  if (rest_.is_bound()) sort(rest_);
  Value reraised_eg = projection(orig_, reraised);
  if (raised.empty()) return reraised_eg;
  if (reraised_eg.is_bound()) raised.push_back(reraised_eg);
  if (raised.size() == 1) return raised.front();
  return make_exception_group(str_lit("", 0), std::move(raised));
}

void init_exception_groups() {
  g_base_getattr = exc::BaseException->getattr;
  TypeObject* t = exc::BaseExceptionGroup;
  t->new_ = &group_new;
  t->getattr = &group_getattr;
  t->str = &group_str;
  add_method(t, "split", &m_split);
  add_method(t, "subgroup", &m_subgroup);
  add_method(t, "derive", &m_derive);
  exc::ExceptionGroup->new_ = &group_new;
  exc::ExceptionGroup->getattr = &group_getattr;
  exc::ExceptionGroup->str = &group_str;
  add_method(exc::BaseException, "add_note", &m_add_note);
}

}  // namespace aio
