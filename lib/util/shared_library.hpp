// Libraries opened at run time (dlopen) rather than linked, for what only some commands need:
// libpq for a PostgreSQL store, libxlsxwriter for -o xlsx. Linked, every process loaded them and
// the libraries they need (Kerberos, LDAP, TLS, zip), most of casectl's start-up on a SQLite store
// (docs/performance.md). The caller keeps a pointer per function, named as the library names it,
// which hides the library's own declaration in the caller's namespace: its calls read as the
// library's manual writes them, and a function left out of the list fails to link rather than
// call a library that is not loaded.
#pragma once

#include "util/status.hpp"

#include <initializer_list>

namespace casectl::shared_library {

// A function to find and the pointer that receives it.
struct Symbol {
  const char* name;
  void** slot;
};

// What a library is for, for the message when it is missing.
struct Library {
  const char* soname;  // "libpq.so.5"
  const char* package; // the Debian package that installs it: "libpq5"
  const char* purpose; // what cannot be done without it: "open a PostgreSQL store"
};

// Opens `library` and fills every symbol's pointer. Status::cannot_write when the library is not
// there ("cannot open a PostgreSQL store: the library libpq.so.5 is not installed (...); on
// Debian: apt-get install libpq5") or lacks a function (naming them). Call once per process; the
// caller keeps the result.
Status load(const Library& library, std::initializer_list<Symbol> symbols);

} // namespace casectl::shared_library
