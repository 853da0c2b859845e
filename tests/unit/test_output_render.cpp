#include "output/render.hpp"

#include "time_zone.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <unistd.h>

using namespace casectl;
using output::Format;
using output::RenderOptions;

namespace {

// What `write_to` writes to a temporary file.
template <class WriteTo> std::string captured(WriteTo write_to) {
  std::FILE* file = std::tmpfile();
  REQUIRE(file);
  Status status = write_to(file);
  CHECK_MESSAGE(status.is_ok(), status.message());
  std::rewind(file);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) out.append(buffer, n);
  std::fclose(file);
  return out;
}

std::string rendered(RenderOptions options, const std::vector<Column>& columns, const std::vector<Record>& records) {
  return captured([&](std::FILE* file) {
    output::RecordWriter writer(file, options, columns);
    for (const Record& record : records) CASECTL_TRY(writer.add(record));
    return writer.finish();
  });
}

RenderOptions as(Format format, bool headers = true) {
  RenderOptions options;
  options.format = format;
  options.headers = headers;
  return options;
}

const std::vector<Column> k_columns = {{"case_id", "CASE"}, {"name", "NAME"}, {"district", "DISTRICT"}, {"groups", "GROUPS"}};

const std::vector<Record> k_records = {
    {{"case_id", "2026-00001"}, {"name", "Семёнова"}, {"district", "Алмалы"}, {"groups", {"large-family", "refugee"}}},
    {{"case_id", "2026-00002"}, {"name", "王芳"}, {"district", "Медеу"}, {"groups", Record::array()}},
};

} // namespace

TEST_CASE("parse_format knows the six formats") {
  CHECK(*output::parse_format("table") == Format::table);
  CHECK(*output::parse_format("tsv") == Format::tsv);
  CHECK(*output::parse_format("csv") == Format::csv);
  CHECK(*output::parse_format("json") == Format::json);
  CHECK(*output::parse_format("ndjson") == Format::ndjson);
  CHECK(*output::parse_format("xlsx") == Format::xlsx);
  SUBCASE("a near miss") {
    Result<Format> f = output::parse_format("tabel");
    REQUIRE_FALSE(f.is_ok());
    CHECK(f.status().kind() == ErrorKind::usage);
    CHECK(f.status().message() ==
          "unknown output format 'tabel' (did you mean 'table'?); use table, tsv, csv, json, ndjson or xlsx");
  }
  SUBCASE("nothing close") {
    Result<Format> f = output::parse_format("yaml-ish");
    REQUIRE_FALSE(f.is_ok());
    CHECK(f.status().message() == "unknown output format 'yaml-ish'; use table, tsv, csv, json, ndjson or xlsx");
  }
}

TEST_CASE("cell_text shows any JSON value in one cell as text, not JSON (caseload's by_district, assign's team)") {
  CHECK(output::cell_text(Record()) == "");
  CHECK(output::cell_text(Record("Семёнова")) == "Семёнова");
  CHECK(output::cell_text(Record({"a", "b"})) == "a;b");
  CHECK(output::cell_text(Record::array()) == "");
  CHECK(output::cell_text(Record(3)) == "3");
  CHECK(output::cell_text(Record(true)) == "true");
  CHECK(output::cell_text(Record({1, 2})) == "1;2");
  CHECK(output::cell_text(Record{{"name", "Анна"}, {"age", 7}}) == "name=Анна, age=7");
  CHECK(output::cell_text(Record::object()) == "");
  Record team = Record::array();
  team.push_back({{"login", "kim"}, {"agency", nullptr}, {"role", "psychologist"}});
  team.push_back({{"login", "aseitova"}, {"agency", "social-protection"}, {"role", "case-manager"}});
  CHECK(output::cell_text(team) == "login=kim, role=psychologist; login=aseitova, agency=social-protection, role=case-manager");
}

TEST_CASE("table output aligns columns by display width") {
  SUBCASE("Cyrillic and CJK") {
    CHECK(rendered(as(Format::table), k_columns, k_records) == "CASE        NAME      DISTRICT  GROUPS\n"
                                                               "2026-00001  Семёнова  Алмалы    large-family;refugee\n"
                                                               "2026-00002  王芳      Медеу\n");
  }
  SUBCASE("without headers the rows set the widths") {
    CHECK(rendered(as(Format::table, false), {{"name", "NAME"}, {"district", "DISTRICT"}}, k_records) == "Семёнова  Алмалы\n"
                                                                                                         "王芳      Медеу\n");
  }
  SUBCASE("a missing field is an empty cell, control characters become spaces") {
    std::vector<Record> records = {{{"name", "a\tb\nc"}}};
    CHECK(rendered(as(Format::table), {{"case_id", "CASE"}, {"name", "NAME"}}, records) == "CASE  NAME\n"
                                                                                           "      a b c\n");
  }
  SUBCASE("no records still print the header") {
    CHECK(rendered(as(Format::table), {{"case_id", "CASE"}, {"name", "NAME"}}, {}) == "CASE  NAME\n");
    CHECK(rendered(as(Format::table, false), {{"case_id", "CASE"}}, {}) == "");
  }
  SUBCASE("colour makes the header bold") {
    RenderOptions options = as(Format::table);
    options.color = true;
    CHECK(rendered(options, {{"case_id", "CASE"}, {"name", "NAME"}}, {}) == "\x1b[1mCASE  NAME\x1b[0m\n");
  }
}

TEST_CASE("a table shows UTC moments in local time; TSV, CSV and JSON keep them in UTC") {
  casectl::testing::ZoneForTest zone("UTC-5");
  const std::vector<Column> columns = {{"at", "AT"}, {"on", "ON"}};
  const std::vector<Record> records = {{{"at", "2026-12-01T20:30:00Z"}, {"on", "2026-12-01"}}};
  CHECK(rendered(as(Format::table), columns, records) == "AT                ON\n"
                                                         "2026-12-02 01:30  2026-12-01\n");
  CHECK(rendered(as(Format::tsv), columns, records) == "at\ton\n2026-12-01T20:30:00Z\t2026-12-01\n");
  CHECK(output::shown_to_people("2026-12-01T20:30:00Z") == "2026-12-02 01:30");
  CHECK(output::shown_to_people("2026-13-01T20:30:00Z") == "2026-13-01T20:30:00Z"); // not a moment: as it is
  CHECK(output::shown_to_people("Семья") == "Семья");
  std::string card = captured([&](std::FILE* file) { return output::write_card(file, as(Format::table), records[0]); });
  CHECK(card == "at  2026-12-02 01:30\non  2026-12-01\n");
}

TEST_CASE("TSV output escapes what would break lines and fields") {
  std::vector<Column> columns = {{"case_id", "CASE"}, {"note", "NOTE"}, {"groups", "GROUPS"}, {"members_count", "N"}};
  std::vector<Record> records = {
      {{"case_id", "2026-00001"}, {"note", "a\tb\nc\\d"}, {"groups", {"x", "y"}}, {"members_count", 3}},
      {{"case_id", "2026-00002"}, {"note", nullptr}, {"groups", Record::array()}, {"members_count", 0}},
  };
  CHECK(rendered(as(Format::tsv), columns, records) == "case_id\tnote\tgroups\tmembers_count\n"
                                                       "2026-00001\ta\\tb\\nc\\\\d\tx;y\t3\n"
                                                       "2026-00002\t\t\t0\n");
  SUBCASE("--no-headers") {
    CHECK(rendered(as(Format::tsv, false), columns, records) == "2026-00001\ta\\tb\\nc\\\\d\tx;y\t3\n"
                                                                "2026-00002\t\t\t0\n");
  }
  SUBCASE("no records: the header alone, or nothing") {
    CHECK(rendered(as(Format::tsv), columns, {}) == "case_id\tnote\tgroups\tmembers_count\n");
    CHECK(rendered(as(Format::tsv, false), columns, {}) == "");
  }
}

TEST_CASE("CSV output quotes and guards formulas") {
  std::vector<Column> columns = {{"case_id", "CASE"}, {"name", "NAME"}, {"note", "NOTE"}, {"phone", "PHONE"}};
  std::vector<Record> records = {
      {{"case_id", "2026-00001"}, {"name", "Семёнова, Анна"}, {"note", "=cmd()"}, {"phone", "+7 701"}},
      {{"case_id", "2026-00002"}, {"name", "\"Ахметова\""}, {"note", "two\nlines"}, {"phone", nullptr}},
  };
  CHECK(rendered(as(Format::csv), columns, records) == "case_id,name,note,phone\r\n"
                                                       "2026-00001,\"Семёнова, Анна\",'=cmd(),'+7 701\r\n"
                                                       "2026-00002,\"\"\"Ахметова\"\"\",\"two\nlines\",\r\n");
  SUBCASE("formula guard off") {
    RenderOptions options = as(Format::csv);
    options.guard_formulas = false;
    CHECK(rendered(options, columns, {records[0]}) == "case_id,name,note,phone\r\n"
                                                      "2026-00001,\"Семёнова, Анна\",=cmd(),+7 701\r\n");
  }
  SUBCASE("--no-headers") {
    CHECK(rendered(as(Format::csv, false), columns, {records[0]}) == "2026-00001,\"Семёнова, Анна\",'=cmd(),'+7 701\r\n");
  }
}

TEST_CASE("JSON output is one array; NDJSON one object a line") {
  std::vector<Record> records = {
      {{"case_id", "2026-00001"}, {"name", "Семёнова"}, {"groups", {"refugee"}}, {"district", nullptr}},
      {{"case_id", "2026-00002"}, {"name", "Ахметова"}, {"groups", Record::array()}, {"district", "Медеу"}},
  };
  SUBCASE("JSON") {
    std::string out = rendered(as(Format::json), k_columns, records);
    CHECK(out == "[\n"
                 "  {\n"
                 "    \"case_id\": \"2026-00001\",\n"
                 "    \"name\": \"Семёнова\",\n"
                 "    \"groups\": [\n"
                 "      \"refugee\"\n"
                 "    ],\n"
                 "    \"district\": null\n"
                 "  },\n"
                 "  {\n"
                 "    \"case_id\": \"2026-00002\",\n"
                 "    \"name\": \"Ахметова\",\n"
                 "    \"groups\": [],\n"
                 "    \"district\": \"Медеу\"\n"
                 "  }\n"
                 "]\n");
    CHECK(Record::parse(out) == Record(records));
  }
  SUBCASE("JSON of no records is an empty array") { CHECK(rendered(as(Format::json), k_columns, {}) == "[]\n"); }
  SUBCASE("NDJSON") {
    CHECK(rendered(as(Format::ndjson), k_columns, records) ==
          "{\"case_id\":\"2026-00001\",\"name\":\"Семёнова\",\"groups\":[\"refugee\"],\"district\":null}\n"
          "{\"case_id\":\"2026-00002\",\"name\":\"Ахметова\",\"groups\":[],\"district\":\"Медеу\"}\n");
  }
  SUBCASE("NDJSON of no records is nothing") { CHECK(rendered(as(Format::ndjson), k_columns, {}) == ""); }
  SUBCASE("headers do not apply to JSON") { CHECK(rendered(as(Format::json, false), k_columns, {}) == "[]\n"); }
}

TEST_CASE("write_card shows one record") {
  Record record = {
      {"case_id", "2026-00001"},
      {"name", "Семёнова"},
      {"groups", {"large-family", "refugee"}},
      {"members",
       {{{"name", "Анна"}, {"role", "мать"}, {"birth_date", "1990-04-12"}},
        {{"name", "Аружан"}, {"role", nullptr}, {"birth_date", nullptr}}}},
      {"consent", true},
  };
  auto card = [&](RenderOptions options, const Record& r) {
    return captured([&](std::FILE* file) { return output::write_card(file, options, r); });
  };
  SUBCASE("as a table: a line per field, lists of two or more a line per item") {
    CHECK(card(as(Format::table), record) == "case_id  2026-00001\n"
                                             "name     Семёнова\n"
                                             "groups\n"
                                             "         large-family\n"
                                             "         refugee\n"
                                             "members\n"
                                             "         Анна, мать, 1990-04-12\n"
                                             "         Аружан\n"
                                             "consent  true\n");
  }
  SUBCASE("as a table: short lists stay on the field's line, with no trailing spaces") {
    Record small = {{"case_id", "2026-00001"}, {"groups", {"refugee"}}, {"problems", Record::array()}, {"note", nullptr}};
    CHECK(card(as(Format::table), small) == "case_id   2026-00001\n"
                                            "groups    refugee\n"
                                            "problems\n"
                                            "note\n");
  }
  SUBCASE("as a table: a household of one member is shown as a member, not as JSON") {
    Record one = {{"case_id", "2026-00001"},
                  {"members", Record::array({{{"name", "Анна"}, {"role", "мать"}, {"birth_date", nullptr}}})}};
    CHECK(card(as(Format::table), one) == "case_id  2026-00001\n"
                                          "members\n"
                                          "         Анна, мать\n");
  }
  SUBCASE("as JSON: one object") {
    std::string out = card(as(Format::json), record);
    CHECK(out.substr(0, 2) == "{\n");
    CHECK(out.back() == '\n');
    CHECK(Record::parse(out) == record);
  }
  SUBCASE("as TSV: the fields as columns") {
    Record small = {{"case_id", "2026-00001"}, {"name", "Семёнова"}, {"note", "a\tb"}};
    CHECK(card(as(Format::tsv), small) == "case_id\tname\tnote\n2026-00001\tСемёнова\ta\\tb\n");
    CHECK(card(as(Format::tsv, false), small) == "2026-00001\tСемёнова\ta\\tb\n");
  }
  SUBCASE("as NDJSON: one line") {
    Record small = {{"case_id", "2026-00001"}, {"name", "Семёнова"}};
    CHECK(card(as(Format::ndjson), small) == "{\"case_id\":\"2026-00001\",\"name\":\"Семёнова\"}\n");
  }
}

TEST_CASE("write errors become a Status") {
  SUBCASE("a stream that cannot be written is an internal error") {
    std::FILE* file = std::fopen("/dev/null", "r");
    REQUIRE(file);
    output::RecordWriter writer(file, as(Format::ndjson), k_columns);
    Status status = writer.add(k_records[0]);
    std::fclose(file);
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(status.message() == "cannot write the output: Bad file descriptor");
  }
  SUBCASE("a reader that went away is a broken pipe") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    ::close(fds[0]);
    auto old_handler = std::signal(SIGPIPE, SIG_IGN);
    std::FILE* file = ::fdopen(fds[1], "w");
    REQUIRE(file);
    std::setvbuf(file, nullptr, _IONBF, 0);
    output::RecordWriter writer(file, as(Format::ndjson), k_columns);
    Status status = writer.add(k_records[0]);
    std::fclose(file);
    std::signal(SIGPIPE, old_handler);
    CHECK(status.kind() == ErrorKind::broken_pipe);
    CHECK(status.message() == "");
  }
}

TEST_CASE("CSV for Excel: a byte order mark first, and the delimiter chosen") {
  std::vector<Column> columns = {{"name", "NAME"}, {"groups", "GROUPS"}};
  std::vector<Record> records = {Record{{"name", "Ахметов, Ерлан"}, {"groups", Record::array({"refugee", "disability"})}},
                                 Record{{"name", "=1+1"}, {"groups", nullptr}}};
  RenderOptions options;
  options.format = Format::csv;
  options.bom = true;
  options.delimiter = ';';
  CHECK(rendered(options, columns, records) == "\xEF\xBB\xBFname;groups\r\nАхметов, Ерлан;\"refugee;disability\"\r\n'=1+1;\r\n");
  SUBCASE("no records: the mark and the header") { CHECK(rendered(options, columns, {}) == "\xEF\xBB\xBFname;groups\r\n"); }
  SUBCASE("a card: the mark once") {
    std::string card = captured([&](std::FILE* file) { return output::write_card(file, options, records[0]); });
    CHECK(card == "\xEF\xBB\xBFname;groups\r\nАхметов, Ерлан;\"refugee;disability\"\r\n");
  }
  SUBCASE("TSV ignores both: they shape CSV only") {
    options.format = Format::tsv;
    CHECK(rendered(options, columns, records) == "name\tgroups\nАхметов, Ерлан\trefugee;disability\n=1+1\t\n");
  }
}

TEST_CASE("table headers and card lines in the reader's language") {
  CHECK(output::header_in({"case_id", "CASE"}, "ru") == "СЛУЧАЙ");
  CHECK(output::header_in({"case_id", "CASE"}, "kk") == "ІС");
  CHECK(output::header_in({"case_id", "CASE"}, "en") == "CASE");
  // The first and the last of the sorted table, and a header it does not have.
  CHECK(output::header_in({"action", "ACTION"}, "ru") == "ДЕЙСТВИЕ");
  CHECK(output::header_in({"who", "WHO"}, "kk") == "КІМ");
  CHECK(output::header_in({"x", "NOT A HEADER"}, "ru") == "NOT A HEADER");
  // A column's own words win: DUE is a count in `report services`, a date in `due`.
  CHECK(output::header_in({"due", "DUE", "ПОЛОЖЕНО", "ТИЕСІЛІ"}, "ru") == "ПОЛОЖЕНО");
  CHECK(output::header_in({"due", "DUE"}, "ru") == "СРОК");
  CHECK(output::card_line_name("status", "ru") == "Статус");
  CHECK(output::card_line_name("status", "kk") == "Мәртебесі");
  CHECK(output::card_line_name("status", "en") == "status");
  CHECK(output::card_line_name("not_a_field", "ru") == "not_a_field");
}

TEST_CASE("a table's headers follow RenderOptions::language; TSV keeps field names") {
  std::vector<Column> columns = {{"case_id", "CASE"}, {"status", "STATUS"}};
  std::vector<Record> records = {Record{{"case_id", "2026-00001"}, {"status", "intake"}, {"status_label", "Приём"}}};
  RenderOptions options;
  options.format = Format::table;
  options.language = "ru";
  CHECK(rendered(options, columns, records) == "СЛУЧАЙ      СТАТУС\n2026-00001  Приём\n");
  options.format = Format::tsv;
  CHECK(rendered(options, columns, records) == "case_id\tstatus\n2026-00001\tintake\n");
}
