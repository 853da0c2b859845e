#include "util/files.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

using namespace casectl;
using casectl::testing::slurp;
using casectl::testing::TempDir;

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

TEST_CASE("AtomicOutput: written piece by piece, renamed into place on commit, never through a link") {
  TempDir dir;
  SUBCASE("an existing 0644 file is replaced by a 0600 one") {
    std::string path = dir.write("errors.csv", "old\n");
    ::chmod(path.c_str(), 0644);
    files::AtomicOutput out;
    REQUIRE(out.open(path).is_ok());
    CHECK(slurp(path) == "old\n"); // until commit
    CHECK(out.write("a,"));
    CHECK(out.write("b\n"));
    REQUIRE(out.commit().is_ok());
    CHECK(slurp(path) == "a,b\n");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(entries_in(dir.path("")) == 1);
  }
  SUBCASE("without commit, nothing changes and no temporary file is left") {
    std::string path = dir.write("kept.csv", "kept\n");
    {
      files::AtomicOutput out;
      REQUIRE(out.open(path).is_ok());
      out.write("lost");
    }
    CHECK(slurp(path) == "kept\n");
    CHECK(entries_in(dir.path("")) == 1);
  }
  SUBCASE("a symbolic link is refused, its target untouched") {
    std::string target = dir.write("target.txt", "precious\n");
    std::string link = dir.path("link.csv");
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    files::AtomicOutput out;
    Status refused = out.open(link);
    CHECK(refused.kind() == ErrorKind::cannot_write);
    CHECK(refused.message() ==
          link + " is a symbolic link; casectl does not write through links: give the path of the file itself");
    CHECK(slurp(target) == "precious\n");
  }
}

// Regression: a store file created beforehand (touch x.db) kept mode 0644.
TEST_CASE("make_private tightens a file the user owns; a missing file is not an error") {
  TempDir dir;
  std::string path = dir.write("x.db", "");
  ::chmod(path.c_str(), 0644);
  REQUIRE(files::make_private(path, "the store file").is_ok());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(files::make_private(dir.path("missing.db"), "the store file").is_ok());
}
