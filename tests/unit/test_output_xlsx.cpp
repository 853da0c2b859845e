// The workbook's life around its temporary file: written whole or not at all, the file always removed.
// What the cells hold is checked by reading workbooks back with openpyxl (tests/e2e/test_xlsx.sh).
#include "output/render.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <unistd.h>

using namespace casectl;

namespace {

// A private TMPDIR for one test, the one before put back.
struct PrivateTmpdir {
  std::filesystem::path dir;
  std::optional<std::string> before;
  PrivateTmpdir() {
    if (const char* t = std::getenv("TMPDIR")) before = t;
    dir = std::filesystem::temp_directory_path() / ("casectl-xlsx-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~PrivateTmpdir() {
    if (before) {
      ::setenv("TMPDIR", before->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(dir);
  }
  bool empty() const { return std::filesystem::is_empty(dir); }
};

output::RenderOptions xlsx() {
  output::RenderOptions options;
  options.format = output::Format::xlsx;
  return options;
}

std::string contents(std::FILE* file) {
  std::rewind(file);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) out.append(buffer, n);
  return out;
}

const std::vector<Column> k_columns = {{"case_id", "CASE"}, {"note", "NOTE"}};

} // namespace

TEST_CASE("xlsx: a finished workbook is copied out and its temporary file removed") {
  PrivateTmpdir tmp;
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  {
    output::RecordWriter writer(out, xlsx(), k_columns);
    CHECK(writer.add({{"case_id", "2026-00001"}, {"note", "=1+1"}}).is_ok());
    CHECK_FALSE(tmp.empty()); // the workbook is being built in TMPDIR
    Status finished = writer.finish();
    CHECK_MESSAGE(finished.is_ok(), finished.message());
  }
  std::string bytes = contents(out);
  std::fclose(out);
  CHECK(bytes.substr(0, 2) == "PK"); // a ZIP file, as every .xlsx is
  CHECK(bytes.size() > 1000);
  CHECK(tmp.empty());
}

TEST_CASE("xlsx: a text longer than an Excel cell holds is refused, naming the row and column, and nothing is written") {
  PrivateTmpdir tmp;
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  {
    output::RecordWriter writer(out, xlsx(), k_columns);
    CHECK(writer.add({{"case_id", "2026-00001"}, {"note", "short"}}).is_ok());
    Status refused = writer.add({{"case_id", "2026-00002"}, {"note", std::string(32768, 'x')}});
    REQUIRE_FALSE(refused.is_ok());
    CHECK(refused.kind() == ErrorKind::invalid_input);
    CHECK(refused.message() == "-o xlsx: the text in row 3, column 'NOTE' is longer than an Excel cell holds (32,767 "
                               "characters); use -o csv or -o json for this listing");
  } // the writer is abandoned, as a failing command abandons it
  CHECK(contents(out).empty());
  std::fclose(out);
  CHECK(tmp.empty());
}

TEST_CASE("xlsx: a text of exactly 32,767 characters fits") {
  PrivateTmpdir tmp;
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  output::RecordWriter writer(out, xlsx(), k_columns);
  CHECK(writer.add({{"case_id", "2026-00001"}, {"note", std::string(32767, 'x')}}).is_ok());
  CHECK(writer.finish().is_ok());
  std::fclose(out);
}

TEST_CASE("xlsx: no temporary folder is an internal error naming it, and nothing is written") {
  PrivateTmpdir tmp;
  ::setenv("TMPDIR", (tmp.dir / "missing").c_str(), 1);
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  output::RecordWriter writer(out, xlsx(), k_columns);
  Status failed = writer.finish();
  REQUIRE_FALSE(failed.is_ok());
  CHECK(failed.kind() == ErrorKind::internal);
  CHECK(failed.message().find("-o xlsx: cannot make a temporary file in " + (tmp.dir / "missing").string()) == 0);
  CHECK(contents(out).empty());
  std::fclose(out);
}
