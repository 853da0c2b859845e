#include "cases/intake_records.hpp"

#include "failing_stream.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace casectl;

namespace {

// Reads every record of `text`; the first failure ends it and is returned in `failure`.
std::vector<IntakeRecord> read_all(InputFormat format, const std::string& text, Status& failure, InputLimits limits = {}) {
  std::istringstream in(text);
  std::unique_ptr<IntakeRecordReader> reader = make_record_reader(format, in, std::move(limits));
  std::vector<IntakeRecord> records;
  IntakeRecord record;
  failure = Status::ok();
  for (;;) {
    Result<bool> more = reader->next(record);
    if (!more) {
      failure = more.status();
      break;
    }
    if (!*more) break;
    records.push_back(record);
  }
  return records;
}

} // namespace

// Regression: 18446744073709551615 was stored as -1 and then updated the case whose external id was -1.
TEST_CASE("NDJSON: a whole number is kept as its exact digits, any other number is refused") {
  Status failure;
  auto records = read_all(InputFormat::ndjson,
                          "{\"external_id\":18446744073709551615,\"name\":\"А\"}\n"
                          "{\"external_id\":-9223372036854775808,\"name\":\"Б\"}\n"
                          "{\"external_id\":18446744073709551616,\"name\":\"В\"}\n"
                          "{\"external_id\":12.5,\"name\":\"Г\"}\n"
                          "{\"name\":\"Д\",\"members\":[{\"name\":\"Е\",\"birth_date\":1e3}]}\n",
                          failure);
  REQUIRE(failure.is_ok());
  REQUIRE(records.size() == 5);
  CHECK(records[0].request.external_id == "18446744073709551615");
  CHECK(records[0].problems.empty());
  CHECK(records[1].request.external_id == "-9223372036854775808");
  REQUIRE(records[2].problems.size() == 1);
  CHECK(records[2].problems[0] == "external_id: the number 1.8446744073709552e+19 cannot be kept exactly (not a whole "
                                  "number from -2^63 to 2^64-1); write it in quotes, as text");
  CHECK(records[3].problems.size() == 1);
  REQUIRE(records[4].problems.size() == 1);
  CHECK(records[4].problems[0].find("members: birth_date: the number 1000.0 cannot be kept exactly") == 0);
}

// Regression: a NUL byte ended the line, so {"name":"a"}\0{"garbage registered "a".
TEST_CASE("NDJSON: a NUL byte is refused with the record") {
  Status failure;
  auto records = read_all(InputFormat::ndjson, std::string("{\"name\":\"А\"}\n{\"name\":\"a\"}\0{\"garbage\n", 36), failure);
  CHECK(records.size() == 1);
  CHECK(failure.kind() == ErrorKind::invalid_input);
  CHECK(failure.message() == "record 2 (line 2): a NUL byte (0x00): this is not a text file, or it is damaged");
}

// Regression: 100,000 nested brackets crashed the --errors file (SIGSEGV).
TEST_CASE("NDJSON: a record nested deeper than k_max_json_depth is a problem of that record, found without parsing") {
  std::string deep = "{\"name\":\"x\",\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK_FALSE(json_nesting_within(deep, k_max_json_depth));
  CHECK(json_nesting_within("{\"a\":\"[[[[[[[[\\\"[[[[\",\"b\":[[1]]}", 3));
  CHECK_FALSE(json_nesting_within("{\"a\":[[1]]}", 2));
  Status failure;
  auto records = read_all(InputFormat::ndjson, deep + "\n{\"name\":\"Б\"}\n", failure);
  REQUIRE(failure.is_ok());
  REQUIRE(records.size() == 2);
  CHECK(records[0].problems == std::vector<std::string>{"nested deeper than 64 levels"});
  CHECK(records[1].problems.empty());
}

TEST_CASE("NDJSON and CSV: records longer than the limits are refused with the record") {
  InputLimits limits;
  limits.max_field_bytes = 8;
  limits.max_record_bytes = 40;
  limits.field_limit_name = "input.max_field_bytes";
  limits.record_limit_name = "input.max_record_bytes";
  Status failure;
  SUBCASE("an NDJSON line") {
    auto records =
        read_all(InputFormat::ndjson, "{\"name\":\"А\"}\n\n{\"name\":\"" + std::string(40, 'x') + "\"}\n", failure, limits);
    CHECK(records.size() == 1);
    CHECK(failure.message() == "record 2 (line 3): the record is longer than 40 bytes (the limit input.max_record_bytes)");
  }
  SUBCASE("an NDJSON field") {
    auto records = read_all(InputFormat::ndjson, "{\"name\":\"123456789\"}\n", failure, limits);
    REQUIRE(records.size() == 1);
    CHECK(records[0].problems == std::vector<std::string>{"a field is longer than 8 bytes (the limit input.max_field_bytes)"});
  }
  SUBCASE("a CSV field") {
    auto records = read_all(InputFormat::csv, "name,note\nА,1\nБ,123456789\n", failure, limits);
    CHECK(records.size() == 1);
    CHECK(failure.message() == "record 2 (line 3): a field is longer than 8 bytes (the limit input.max_field_bytes)");
  }
}

// Regression: an endless line (--from /dev/zero) was read whole until memory ran out.
TEST_CASE("NDJSON: an endless line stops at the record limit") {
  testing::EndlessBuffer endless("{\"name\":\"А\"}\n{", 'x');
  std::istream in(&endless);
  std::unique_ptr<IntakeRecordReader> reader = make_record_reader(InputFormat::ndjson, in);
  IntakeRecord record;
  REQUIRE(*reader->next(record));
  Result<bool> more = reader->next(record);
  REQUIRE_FALSE(more.is_ok());
  CHECK(more.status().message() == "record 2 (line 2): the record is longer than 8388608 bytes");
  CHECK(endless.taken() < (std::size_t{9} << 20));
}

// Regression: a read error mid-file counted as the end of the input (the part before it was committed).
TEST_CASE("NDJSON and CSV: a failed read is an error, not the end of the input") {
  for (InputFormat format : {InputFormat::ndjson, InputFormat::csv}) {
    testing::FailingBuffer failing(format == InputFormat::csv ? "name\nА\nБ\n" : "{\"name\":\"А\"}\n{\"name\":\"Б\"}\n");
    std::istream in(&failing);
    std::unique_ptr<IntakeRecordReader> reader = make_record_reader(format, in);
    IntakeRecord record;
    REQUIRE(*reader->next(record));
    REQUIRE(*reader->next(record));
    Result<bool> more = reader->next(record);
    REQUIRE_FALSE(more.is_ok());
    CHECK(more.status().kind() == ErrorKind::unreadable);
    CHECK(more.status().message().find("cannot read on: ") != std::string::npos);
  }
}

TEST_CASE("CSV in CP1251 or KZ-1048: read with the encoding given") {
  // "name;members\nСемёнова Анна;Ерлан;сын" in CP1251, as Excel in a Russian locale saves it.
  const std::string cp1251 =
      "name;members\n\xD1\xE5\xEC\xB8\xED\xEE\xE2\xE0 \xC0\xED\xED\xE0;\"\xC5\xF0\xEB\xE0\xED;\xF1\xFB\xED\"\n";
  SUBCASE("--encoding cp1251") {
    std::istringstream in(cp1251);
    auto reader = make_record_reader(InputFormat::csv, in, {}, encoding::Encoding::cp1251);
    IntakeRecord record;
    REQUIRE(*reader->next(record));
    CHECK(record.problems.empty());
    CHECK(record.warnings.empty());
    CHECK(record.request.name == "Семёнова Анна");
    CHECK(record.request.members == std::vector<std::string>{"Ерлан;сын"});
    CHECK(record.csv_fields == std::vector<std::string>{"Семёнова Анна", "Ерлан;сын"}); // an errors file gets UTF-8
  }
  SUBCASE("read as UTF-8: each field a problem naming the byte, with the hint") {
    Status failure;
    auto records = read_all(InputFormat::csv, cp1251, failure);
    REQUIRE(failure.is_ok());
    REQUIRE(records.size() == 1);
    CHECK(records[0].problems ==
          std::vector<std::string>{"name: byte 1 (0xD1) is not valid UTF-8; saved by Excel in Windows-1251? try --encoding "
                                   "cp1251 (kz1048 for Kazakh letters)",
                                   "members: byte 1 (0xC5) is not valid UTF-8; saved by Excel in Windows-1251? try --encoding "
                                   "cp1251 (kz1048 for Kazakh letters)"});
  }
  SUBCASE("a '?' in a name after a CP1251 read: a warning naming the field") {
    std::istringstream in("name;members\nG?lnar;\"A?el;mother|Erlan\"\n");
    auto reader = make_record_reader(InputFormat::csv, in, {}, encoding::Encoding::cp1251);
    IntakeRecord record;
    REQUIRE(*reader->next(record));
    CHECK(record.problems.empty());
    REQUIRE(record.warnings.size() == 2);
    CHECK(record.warnings[0].rfind("name: 'G?lnar' holds '?', which Excel writes for a letter CP1251 does not have", 0) == 0);
    CHECK(record.warnings[1].rfind("member 1: 'A?el' holds '?'", 0) == 0);
  }
  SUBCASE("no warning for a '?' read as UTF-8 or KZ-1048: there it is a question mark") {
    for (encoding::Encoding from : {encoding::Encoding::utf8, encoding::Encoding::kz1048}) {
      std::istringstream in("name\nG?lnar\n");
      auto reader = make_record_reader(InputFormat::csv, in, {}, from);
      IntakeRecord record;
      REQUIRE(*reader->next(record));
      CHECK(record.warnings.empty());
    }
  }
}
