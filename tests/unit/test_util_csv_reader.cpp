#include "util/csv_reader.hpp"

#include "failing_stream.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace casectl;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// Reads every record of `text`; fails the test on an error.
Rows read_all(const std::string& text, char delimiter = 0) {
  std::istringstream in(text);
  csv::Reader reader(in, delimiter);
  Rows rows;
  std::vector<std::string> fields;
  for (;;) {
    Result<bool> more = reader.next(fields);
    REQUIRE_MESSAGE(more.is_ok(), more.status().message());
    if (!*more) break;
    rows.push_back(fields);
  }
  return rows;
}

// The lines on which each record starts.
std::vector<std::size_t> record_lines(const std::string& text) {
  std::istringstream in(text);
  csv::Reader reader(in);
  std::vector<std::size_t> lines;
  std::vector<std::string> fields;
  for (;;) {
    Result<bool> more = reader.next(fields);
    REQUIRE_MESSAGE(more.is_ok(), more.status().message());
    if (!*more) break;
    lines.push_back(reader.line());
  }
  return lines;
}

// Reads until the first error and returns it; fails the test when there is none.
Status first_error(const std::string& text) {
  std::istringstream in(text);
  csv::Reader reader(in);
  std::vector<std::string> fields;
  for (int i = 0; i < 1000; ++i) {
    Result<bool> more = reader.next(fields);
    if (!more.is_ok()) return more.status();
    if (!*more) break;
  }
  FAIL("no error reading: " << text);
  return Status::ok();
}

char delimiter_of(const std::string& text) {
  std::istringstream in(text);
  csv::Reader reader(in);
  std::vector<std::string> fields;
  Result<bool> more = reader.next(fields);
  REQUIRE(more.is_ok());
  return reader.delimiter();
}

} // namespace

TEST_CASE("csv::Reader reads plain records") {
  CHECK(read_all("name,note\nСемёнова,тест\nКим,\n") == Rows{{"name", "note"}, {"Семёнова", "тест"}, {"Ким", ""}});
  CHECK(read_all("a\nb\n") == Rows{{"a"}, {"b"}});
  CHECK(read_all("a,,c\n") == Rows{{"a", "", "c"}});
  CHECK(read_all(",\n") == Rows{{"", ""}});
  CHECK(read_all("a,b,\n") == Rows{{"a", "b", ""}});
  CHECK(read_all("") == Rows{});
}

TEST_CASE("csv::Reader: line ends CRLF or LF, a missing final new line, blank lines") {
  CHECK(read_all("a,b\r\nc,d\r\n") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(read_all("a,b\nc,d") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(read_all("a,b\r\nc,d") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(read_all("a,b\n\n\nc,d\n\n") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(read_all("a,b\r\n\r\nc,d\r\n\r\n") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(read_all("a,b\nc,") == Rows{{"a", "b"}, {"c", ""}});
}

TEST_CASE("csv::Reader: RFC 4180 quoting") {
  SUBCASE("the delimiter inside quotes") {
    CHECK(read_all("name,address\n\"Иванова, Мария\",\"г. Алматы, ул. Абая, 5\"\n") ==
          Rows{{"name", "address"}, {"Иванова, Мария", "г. Алматы, ул. Абая, 5"}});
  }
  SUBCASE("doubled quotes") {
    CHECK(read_all("a,b\n\"он сказал \"\"да\"\"\",x\n") == Rows{{"a", "b"}, {"он сказал \"да\"", "x"}});
    CHECK(read_all("a\n\"\"\"\"\n") == Rows{{"a"}, {"\""}});
  }
  SUBCASE("new lines inside quotes") {
    CHECK(read_all("a,b\n\"строка 1\nстрока 2\",x\n") == Rows{{"a", "b"}, {"строка 1\nстрока 2", "x"}});
    CHECK(read_all("a,b\r\n\"1\r\n2\",x\r\n")[1][1] == "x");
  }
  SUBCASE("empty quoted fields") {
    CHECK(read_all("a,b,c\n\"\",\"\",\"\"\n") == Rows{{"a", "b", "c"}, {"", "", ""}});
    CHECK(read_all("a,b\n\"x\",\n") == Rows{{"a", "b"}, {"x", ""}});
    CHECK(read_all("a,b\n\"x\",\r\n") == Rows{{"a", "b"}, {"x", ""}});
    CHECK(read_all("a,b\n\"x\",") == Rows{{"a", "b"}, {"x", ""}});
    CHECK(read_all("a,b,c\n\"x\",,\"z\"\n") == Rows{{"a", "b", "c"}, {"x", "", "z"}});
  }
  SUBCASE("a quoted last field without a final new line") {
    CHECK(read_all("a,b\nx,\"y, z\"") == Rows{{"a", "b"}, {"x", "y, z"}});
  }
  SUBCASE("a quote inside an unquoted field is text") {
    CHECK(read_all("a,b\nООО \"Ромашка\",x\n") == Rows{{"a", "b"}, {"ООО \"Ромашка\"", "x"}});
  }
  SUBCASE("quoted fields in a row of several") {
    CHECK(read_all("a,b,c\n1,\"2,2\",3\n") == Rows{{"a", "b", "c"}, {"1", "2,2", "3"}});
  }
}

TEST_CASE("csv::Reader: a UTF-8 byte order mark is not part of the first field") {
  CHECK(read_all("\xEF\xBB\xBFname,note\nА,Б\n") == Rows{{"name", "note"}, {"А", "Б"}});
  CHECK(read_all("\xEF\xBB\xBFname;note\r\nА;Б\r\n") == Rows{{"name", "note"}, {"А", "Б"}});
  CHECK(read_all("\xEF\xBB\xBF\"name\",note\nА,Б\n") == Rows{{"name", "note"}, {"А", "Б"}});
}

TEST_CASE("csv::Reader finds the delimiter from the header") {
  CHECK(delimiter_of("name,note\n") == ',');
  CHECK(delimiter_of("name;note;phone\n") == ';');
  CHECK(delimiter_of("name\tnote\n") == '\t');
  CHECK(delimiter_of("name\n") == ',');
  // Delimiters inside quotes in the header do not count.
  CHECK(delimiter_of("\"a;b;c\",d\n") == ',');
  CHECK(delimiter_of("\"a,b,c\";d\n") == ';');
  CHECK(read_all("name;address\nПетрова;ул. Сатпаева, 1\n") == Rows{{"name", "address"}, {"Петрова", "ул. Сатпаева, 1"}});
  CHECK(read_all("name;note\n\"a;b\";\"он сказал \"\"да\"\"\"\n") == Rows{{"name", "note"}, {"a;b", "он сказал \"да\""}});
  CHECK(read_all("name\tnote\nКим\ta, b; c\n") == Rows{{"name", "note"}, {"Ким", "a, b; c"}});
  // A delimiter given is used as it is.
  CHECK(read_all("a;b\nc;d\n", ',') == Rows{{"a;b"}, {"c;d"}});
}

TEST_CASE("csv::Reader finds the delimiter from the header even after a blank line") {
  CHECK(read_all("\nname;note\nА;Б\n") == Rows{{"name", "note"}, {"А", "Б"}});
  CHECK(read_all("\r\nname;note\r\nА;Б\r\n") == Rows{{"name", "note"}, {"А", "Б"}});
}

TEST_CASE("csv::Reader tells the line on which each record starts") {
  CHECK(record_lines("h\na\nb\n") == std::vector<std::size_t>{1, 2, 3});
  CHECK(record_lines("h\n\n\na\n\nb") == std::vector<std::size_t>{1, 4, 6});
  CHECK(record_lines("h,n\n\"a\nb\nc\",x\nd,y\n") == std::vector<std::size_t>{1, 2, 5});
  CHECK(record_lines("h,n\r\n\"a\r\nb\",x\r\nd,y\r\n") == std::vector<std::size_t>{1, 2, 4});
}

TEST_CASE("csv::Reader refuses an unclosed quote and text after a closing quote, with the line") {
  Status unclosed = first_error("name,note\nА,ok\nБ,\"never closed\nВ,ok\n");
  CHECK(unclosed.kind() == ErrorKind::invalid_input);
  CHECK(unclosed.message().find("line 3") != std::string::npos);
  CHECK(unclosed.message().find("never closed") != std::string::npos);

  Status after = first_error("name,note\nА,\"quoted\"junk\n");
  CHECK(after.kind() == ErrorKind::invalid_input);
  CHECK(after.message().find("line 2") != std::string::npos);
}

TEST_CASE("csv::Reader reads a long file one record at a time") {
  std::string text = "name,n\n";
  for (int i = 0; i < 5000; ++i) text += "\"Семья " + std::to_string(i) + ", Қасымова\"," + std::to_string(i) + "\r\n";
  Rows rows = read_all(text);
  REQUIRE(rows.size() == 5001);
  CHECK(rows[4000] == std::vector<std::string>{"Семья 3999, Қасымова", "3999"});
  CHECK(rows.back() == std::vector<std::string>{"Семья 4999, Қасымова", "4999"});
}

namespace {
Status first_error_with(const std::string& text, csv::Limits limits) {
  std::istringstream in(text);
  csv::Reader reader(in, 0, std::move(limits));
  std::vector<std::string> fields;
  for (int i = 0; i < 1000; ++i) {
    Result<bool> more = reader.next(fields);
    if (!more.is_ok()) return more.status();
    if (!*more) break;
  }
  return Status::ok();
}
} // namespace

TEST_CASE("csv::Reader refuses a NUL byte, with the line") {
  Status nul = first_error(std::string("name\nА\nБ\0junk\n", 16));
  CHECK(nul.kind() == ErrorKind::invalid_input);
  CHECK(nul.message() == "line 3: a NUL byte (0x00): this is not a text file, or it is damaged");
}

TEST_CASE("csv::Reader refuses a field or a record longer than its limit") {
  csv::Limits limits;
  limits.max_field_bytes = 10;
  limits.max_record_bytes = 25;
  limits.field_limit_name = "input.max_field_bytes";
  limits.record_limit_name = "input.max_record_bytes";
  SUBCASE("a field at the limit is read") { CHECK(first_error_with("a,b\n0123456789,x\n", limits).is_ok()); }
  SUBCASE("a field past it") {
    Status long_field = first_error_with("a,b\nx,y\n01234567890,x\n", limits);
    CHECK(long_field.kind() == ErrorKind::invalid_input);
    CHECK(long_field.message() == "line 3: a field is longer than 10 bytes (the limit input.max_field_bytes)");
  }
  SUBCASE("a quoted field past it") {
    CHECK(first_error_with("a,b\n\"0123456789\n1\",x\n", limits).message() ==
          "line 2: a field is longer than 10 bytes (the limit input.max_field_bytes)");
  }
  SUBCASE("a record past it") {
    CHECK(first_error_with("a,b,c\n012345678,012345678,012345678\n", limits).message() ==
          "line 2: the record is longer than 25 bytes (the limit input.max_record_bytes)");
  }
}

// Regression: an endless CSV line (--from /dev/zero) grew until bad_alloc.
TEST_CASE("csv::Reader stops reading an endless line at the record limit") {
  testing::EndlessBuffer endless("name,note\nА,", 'x');
  std::istream in(&endless);
  csv::Limits limits;
  limits.max_field_bytes = 1 << 20;
  limits.max_record_bytes = 1 << 20;
  csv::Reader reader(in, 0, limits);
  std::vector<std::string> fields;
  REQUIRE(*reader.next(fields));
  Result<bool> more = reader.next(fields);
  REQUIRE_FALSE(more.is_ok());
  CHECK(more.status().message().find("line 2: ") == 0);
  CHECK(endless.taken() < (std::size_t{2} << 20));

  testing::EndlessBuffer endless_header("", 'y'); // the delimiter is looked for in the first line
  std::istream header_in(&endless_header);
  csv::Reader header_reader(header_in, 0, limits);
  CHECK_FALSE(header_reader.next(fields).is_ok());
  CHECK(endless_header.taken() < (std::size_t{2} << 20));
}

// Regression: a read error mid-file counted as the end of the input.
TEST_CASE("csv::Reader: a failed read is an error, not the end of the input") {
  testing::FailingBuffer failing("name,note\nА,1\nБ,2\nВ,");
  std::istream in(&failing);
  csv::Reader reader(in);
  std::vector<std::string> fields;
  REQUIRE(*reader.next(fields));
  REQUIRE(*reader.next(fields));
  REQUIRE(*reader.next(fields));
  Result<bool> more = reader.next(fields);
  REQUIRE_FALSE(more.is_ok());
  CHECK(more.status().kind() == ErrorKind::unreadable);
  CHECK(more.status().message().find("line 4: cannot read on: ") == 0);
}
