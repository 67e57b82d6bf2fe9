// open() and the file objects it returns: text files (_io.TextIOWrapper, UTF-8, universal
// newlines on read) and binary files (_io.BufferedReader / _io.BufferedWriter) over a C
// FILE*. Supports read/readline/readlines/write/writelines, iteration, `with`, close,
// flush, and CPython's OSError subclasses and messages for failed opens
// ("[Errno 2] No such file or directory: 'example.txt'").
//
// Thread model: as every object (runtime lock held); file I/O is not yet done with the
// lock released.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

static TypeObject* text_file_type = nullptr;
static TypeObject* buffered_reader_type = nullptr;
static TypeObject* buffered_writer_type = nullptr;

struct FileObject : Object {
  std::FILE* fp = nullptr;
  Value name;
  std::string mode;
  bool binary = false, readable = false, writable = false;
  explicit FileObject(TypeObject* t) : Object(t) {}
  ~FileObject() override {
    if (fp) std::fclose(fp);
  }
};

static FileObject* fo(const Value& v) { return static_cast<FileObject*>(v.object()); }

static FileObject* open_file(const CallArgs& a, const char* who, bool need_read, bool need_write) {
  FileObject* f = fo(a[0]);
  if (!f->fp) raise_value_error("I/O operation on closed file.");
  (void)who;
  if (need_read && !f->readable) raise_error(exc::OSError, "not readable");
  if (need_write && !f->writable) raise_error(exc::OSError, "not writable");
  return f;
}

static Value make_data(const FileObject* f, std::string&& s) {
  if (f->binary) return make_bytes(std::move(s));
  return make_str(std::move(s));
}

// Reads one line (through '\n'); text mode turns "\r\n" and lone '\r' into '\n'.
static std::string read_line(FileObject* f, std::int64_t limit) {
  std::string out;
  int c;
  while ((limit < 0 || static_cast<std::int64_t>(out.size()) < limit) && (c = std::fgetc(f->fp)) != EOF) {
    if (!f->binary && c == '\r') {
      int d = std::fgetc(f->fp);
      if (d != '\n' && d != EOF) std::ungetc(d, f->fp);
      c = '\n';
    }
    out.push_back(static_cast<char>(c));
    if (c == '\n') break;
  }
  return out;
}

static std::string read_all(FileObject* f) {
  std::string out;
  char buf[8192];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f->fp)) > 0) out.append(buf, n);
  if (f->binary) return out;
  std::string t;
  t.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r') {
      t.push_back('\n');
      if (i + 1 < out.size() && out[i + 1] == '\n') ++i;
    } else {
      t.push_back(out[i]);
    }
  }
  return t;
}

static std::string read_chars(FileObject* f, std::int64_t n) {
  if (f->binary) {
    std::string out(static_cast<std::size_t>(n), '\0');
    out.resize(std::fread(out.data(), 1, out.size(), f->fp));
    return out;
  }
  std::string out;
  for (std::int64_t k = 0; k < n; ++k) {
    int c = std::fgetc(f->fp);
    if (c == EOF) break;
    if (c == '\r') {
      int d = std::fgetc(f->fp);
      if (d != '\n' && d != EOF) std::ungetc(d, f->fp);
      c = '\n';
    }
    out.push_back(static_cast<char>(c));
    int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    for (int e = 0; e < extra && (c = std::fgetc(f->fp)) != EOF; ++e) out.push_back(static_cast<char>(c));
  }
  return out;
}

static std::int64_t size_arg(const CallArgs& a) {
  if (a.npos < 2 || a[1].is_none()) return -1;
  return index_value(a[1]);
}

static Value f_read(const CallArgs& a) {
  check_nargs(a, "read", 1, 2);
  FileObject* f = open_file(a, "read", true, false);
  std::int64_t n = size_arg(a);
  return make_data(f, n < 0 ? read_all(f) : read_chars(f, n));
}
static Value f_readline(const CallArgs& a) {
  check_nargs(a, "readline", 1, 2);
  FileObject* f = open_file(a, "readline", true, false);
  return make_data(f, read_line(f, size_arg(a)));
}
static Value f_readlines(const CallArgs& a) {
  check_nargs(a, "readlines", 1, 2);
  FileObject* f = open_file(a, "readlines", true, false);
  std::vector<Value> lines;
  while (true) {
    std::string l = read_line(f, -1);
    if (l.empty()) break;
    lines.push_back(make_data(f, std::move(l)));
  }
  return make_list(std::move(lines));
}
static Value f_write(const CallArgs& a) {
  check_nargs(a, "write", 2, 2);
  FileObject* f = open_file(a, "write", false, true);
  if (f->binary) {
    if (type_of(a[1]) != bytes_type) raise_type_error("a bytes-like object is required, not '" + type_of(a[1])->name + "'");
    const std::string& d = static_cast<BytesObject*>(a[1].object())->data;
    std::fwrite(d.data(), 1, d.size(), f->fp);
    return Value::from_int(static_cast<std::int64_t>(d.size()));
  }
  if (!is_str_like(a[1])) raise_type_error("write() argument must be str, not " + type_of(a[1])->name);
  const std::string& d = str_data(a[1]);
  std::fwrite(d.data(), 1, d.size(), f->fp);
  return Value::from_int(as_str(a[1])->length);
}
static Value f_writelines(const CallArgs& a) {
  check_nargs(a, "writelines", 2, 2);
  for (const Value& line : to_vector(a[1])) {
    Value args[2] = {a[0], line};
    f_write(CallArgs{args, 2, nullptr, 0});
  }
  return Value::none();
}
static Value f_close(const CallArgs& a) {
  FileObject* f = fo(a[0]);
  if (f->fp) std::fclose(f->fp);
  f->fp = nullptr;
  return Value::none();
}
static Value f_flush(const CallArgs& a) {
  FileObject* f = open_file(a, "flush", false, false);
  std::fflush(f->fp);
  return Value::none();
}
static Value f_enter(const CallArgs& a) {
  open_file(a, "__enter__", false, false);
  return a[0];
}
static Value f_exit(const CallArgs& a) {
  f_close(a);
  return Value::none();
}
static Value f_closed(const CallArgs& a) { return Value(fo(a[0])->fp == nullptr); }
static Value f_name(const CallArgs& a) { return fo(a[0])->name; }
static Value f_mode(const CallArgs& a) { return make_str(fo(a[0])->mode); }
static Value f_readable(const CallArgs& a) { return Value(open_file(a, "readable", false, false)->readable); }
static Value f_writable(const CallArgs& a) { return Value(open_file(a, "writable", false, false)->writable); }
static Value f_tell(const CallArgs& a) {
  return Value::from_int(static_cast<std::int64_t>(std::ftell(open_file(a, "tell", false, false)->fp)));
}
static Value f_seek(const CallArgs& a) {
  check_nargs(a, "seek", 2, 3);
  FileObject* f = open_file(a, "seek", false, false);
  int whence = a.npos > 2 ? static_cast<int>(to_i64(a[2])) : SEEK_SET;
  std::fseek(f->fp, static_cast<long>(to_i64(a[1])), whence);
  return Value::from_int(static_cast<std::int64_t>(std::ftell(f->fp)));
}

static Value file_iter(const Value& self) {
  if (!fo(self)->fp) raise_value_error("I/O operation on closed file.");
  return self;
}
static bool file_next(const Value& self, Value& out) {
  FileObject* f = fo(self);
  if (!f->fp) raise_value_error("I/O operation on closed file.");
  std::string l = read_line(f, -1);
  if (l.empty()) return false;
  out = make_data(f, std::move(l));
  return true;
}
static Value file_repr(const Value& self) {
  FileObject* f = fo(self);
  std::string s = "<_io." + type_of(self)->name + " name=" + repr_std(f->name);
  if (!f->binary) s += " mode=" + str_repr(f->mode) + " encoding='UTF-8'";
  return make_str(s + ">");
}

static Value b_open(const CallArgs& a) {
  Value p[4];
  parse_args(a, "open", {"file", "mode", "buffering", "encoding"}, 1, p);
  const Value& file = p[0];
  if (!is_str_like(file)) raise_type_error("expected str, bytes or os.PathLike object, not " + type_of(file)->name);
  std::string mode = p[1].is_bound() ? str_data(p[1]) : "r";
  bool r = false, w = false, ap = false, x = false, plus = false, b = false, t = false;
  for (char c : mode) {
    bool* flag = c == 'r' ? &r : c == 'w' ? &w : c == 'a' ? &ap : c == 'x' ? &x : c == '+' ? &plus : c == 'b' ? &b : c == 't' ? &t : nullptr;
    if (!flag || *flag) raise_value_error("invalid mode: '" + mode + "'");
    *flag = true;
  }
  if (r + w + ap + x != 1)
    raise_value_error("must have exactly one of create/read/write/append mode");
  if (b && t) raise_value_error("can't have text and binary mode at once");
  if (b && p[3].is_bound() && !p[3].is_none()) raise_value_error("binary mode doesn't take an encoding argument");
  int flags = plus ? O_RDWR : r ? O_RDONLY : O_WRONLY;
  if (w) flags |= O_CREAT | O_TRUNC;
  if (ap) flags |= O_CREAT | O_APPEND;
  if (x) flags |= O_CREAT | O_EXCL;
  int fd = ::open(str_data(file).c_str(), flags | O_CLOEXEC, 0666);
  if (fd < 0) raise_os_error(errno, file);
  struct stat sb;
  if (::fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    ::close(fd);
    raise_os_error(EISDIR, file);
  }
  const char* fmode = plus ? (r ? "r+" : w ? "w+" : ap ? "a+" : "w+") : r ? "r" : ap ? "a" : "w";
  std::FILE* fp = ::fdopen(fd, fmode);
  if (!fp) {
    int err = errno;
    ::close(fd);
    raise_os_error(err, file);
  }
  TypeObject* type = !b ? text_file_type : r && !plus ? buffered_reader_type : buffered_writer_type;
  auto* f = new FileObject(type);
  f->fp = fp;
  f->name = file;
  f->mode = mode;
  f->binary = b;
  f->readable = r || plus;
  f->writable = !r || plus;
  return Value(f);
}

static TypeObject* file_type(const char* name) {
  TypeObject* t = make_builtin_type(name, object_type, "_io");
  t->iter = &file_iter;
  t->next = &file_next;
  t->repr = &file_repr;
  add_method(t, "read", &f_read);
  add_method(t, "readline", &f_readline);
  add_method(t, "readlines", &f_readlines);
  add_method(t, "write", &f_write);
  add_method(t, "writelines", &f_writelines);
  add_method(t, "close", &f_close);
  add_method(t, "flush", &f_flush);
  add_method(t, "readable", &f_readable);
  add_method(t, "writable", &f_writable);
  add_method(t, "tell", &f_tell);
  add_method(t, "seek", &f_seek);
  add_method(t, "__enter__", &f_enter);
  add_method(t, "__exit__", &f_exit);
  add_getset(t, "closed", &f_closed);
  add_getset(t, "name", &f_name);
  add_getset(t, "mode", &f_mode);
  return t;
}

// Adds open() and the OSError subclasses it raises to the builtins module.
void install_open_builtin() {
  if (text_file_type) return;
  text_file_type = file_type("TextIOWrapper");
  buffered_reader_type = file_type("BufferedReader");
  buffered_writer_type = file_type("BufferedWriter");
  Value builtins = builtins_module();
  module_add_function(builtins, "open", &b_open);
}

}  // namespace aio
