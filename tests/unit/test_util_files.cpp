#include "util/files.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

using namespace casectl;
using casectl::testing::TempDir;
using casectl::testing::slurp;

namespace {

std::size_t entries_in(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

} // namespace

TEST_CASE("write_file_atomically: the whole content, private, or nothing") {
  TempDir dir;
  SUBCASE("a new file, mode 0600, and no temporary file left") {
    REQUIRE(files::write_file_atomically(dir.path("a.txt"), "Семёнова\n").is_ok());
    CHECK(slurp(dir.path("a.txt")) == "Семёнова\n");
    struct stat st {};
    REQUIRE(::stat(dir.path("a.txt").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777u) == 0600u);
    CHECK(entries_in(dir.path("")) == 1);
  }
  SUBCASE("an existing file is replaced") {
    dir.write("a.txt", "old and longer");
    REQUIRE(files::write_file_atomically(dir.path("a.txt"), "new").is_ok());
    CHECK(slurp(dir.path("a.txt")) == "new");
  }
  SUBCASE("a directory that does not exist: cannot_write, naming the path") {
    Status s = files::write_file_atomically(dir.path("missing/a.txt"), "x");
    CHECK(s.kind() == ErrorKind::cannot_write);
    CHECK(s.message() == "cannot write " + dir.path("missing/a.txt") + ": No such file or directory");
  }
  SUBCASE("a target that is a directory: cannot_write, and the temporary file is removed") {
    std::filesystem::create_directory(dir.path("a.txt"));
    Status s = files::write_file_atomically(dir.path("a.txt"), "x");
    CHECK(s.kind() == ErrorKind::cannot_write);
    CHECK(entries_in(dir.path("")) == 1);
  }
}

TEST_CASE("entry_at: none, directory, or something else") {
  TempDir dir;
  dir.write("f", "");
  std::filesystem::create_directory(dir.path("d"));
  std::filesystem::create_symlink(dir.path("nowhere"), dir.path("link"));
  CHECK(files::entry_at(dir.path("missing")) == files::Entry::none);
  CHECK(files::entry_at(dir.path("d")) == files::Entry::directory);
  CHECK(files::entry_at(dir.path("f")) == files::Entry::other);
  CHECK(files::entry_at(dir.path("link")) == files::Entry::other); // a dangling link still counts
}
