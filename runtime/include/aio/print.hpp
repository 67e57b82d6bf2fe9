// print() and the process's stdout/stderr streams.
//
// Design: stdout is buffered like CPython's: an 8 KiB buffer when not a tty, line
// buffered when it is; flushed at exit (run_main), before a traceback is written, and by
// flush=True / sys.stdout.flush(). stderr is written through at once. All Python-level
// writes to stdout (print, sys.stdout.write) go through `stdout_write` so their order is
// preserved.
#pragma once

#include <string_view>

#include "aio/object.hpp"

namespace aio {

void stdout_write(std::string_view text);
void stdout_flush();
void stderr_write(std::string_view text);  // flushes stdout first? no: separate, like CPython
// print(*args, sep=' ', end='\n', file=None, flush=False)
Value builtin_print(const CallArgs& args);
// Convenience for C++: print(v)
void print_value(const Value& v);

}  // namespace aio
