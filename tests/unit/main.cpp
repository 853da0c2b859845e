// The unit tests' runner: doctest's, except that without the test PostgreSQL server
// (postgres_server.hpp) the PostgreSQL engine's instances of the engine-templated tests
// (store_engines.hpp, named `...<postgresql>`) are left out, and it says so.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "postgres_server.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  doctest::Context context;
  if (casectl::testing::no_server()) {
    context.addFilter("test-case-exclude", "*<postgresql>");
    std::fprintf(stderr, "casectl_unit: CASECTL_TEST_POSTGRES is not set: the PostgreSQL engine's tests are skipped\n");
  }
  context.applyCommandLine(argc, argv);
  return context.run();
}
