#include "util/csv.hpp"

#include <doctest/doctest.h>

using namespace casectl;

TEST_CASE("csv::cell quotes only what RFC 4180 needs quoted") {
  CHECK(csv::cell("", false) == "");
  CHECK(csv::cell("Семёнова", false) == "Семёнова");
  CHECK(csv::cell("a b", false) == "a b");
  CHECK(csv::cell("Алматы, ул. Абая 1", false) == "\"Алматы, ул. Абая 1\"");
  CHECK(csv::cell("say \"hi\"", false) == "\"say \"\"hi\"\"\"");
  CHECK(csv::cell("line 1\nline 2", false) == "\"line 1\nline 2\"");
  CHECK(csv::cell("a\r\nb", false) == "\"a\r\nb\"");
  CHECK(csv::cell("\"", false) == "\"\"\"\"");
}

TEST_CASE("csv::cell guards formulas only when asked") {
  SUBCASE("guarded") {
    CHECK(csv::cell("=SUM(A1:A3)", true) == "'=SUM(A1:A3)");
    CHECK(csv::cell("+7 701 123 45 67", true) == "'+7 701 123 45 67");
    CHECK(csv::cell("-5", true) == "'-5");
    CHECK(csv::cell("@cmd", true) == "'@cmd");
    CHECK(csv::cell("\tx", true) == "'\tx");
    CHECK(csv::cell("\rx", true) == "\"'\rx\""); // guarded, then quoted for the CR
    CHECK(csv::cell("=HYPERLINK(\"x\",1)", true) == "\"'=HYPERLINK(\"\"x\"\",1)\"");
  }
  SUBCASE("not guarded when the option is off") {
    CHECK(csv::cell("=SUM(A1:A3)", false) == "=SUM(A1:A3)");
    CHECK(csv::cell("+7 701", false) == "+7 701");
    CHECK(csv::cell("-5", false) == "-5");
    CHECK(csv::cell("@cmd", false) == "@cmd");
  }
  SUBCASE("harmless cells are left alone even when guarding") {
    CHECK(csv::cell("a=b", true) == "a=b");
    CHECK(csv::cell("Семёнова", true) == "Семёнова");
    CHECK(csv::cell("", true) == "");
    CHECK(csv::cell(" =x", true) == " =x");
  }
}

TEST_CASE("csv::tsv_cell keeps every record on one line") {
  CHECK(csv::tsv_cell("Семёнова") == "Семёнова");
  CHECK(csv::tsv_cell("a\tb") == "a\\tb");
  CHECK(csv::tsv_cell("line 1\nline 2") == "line 1\\nline 2");
  CHECK(csv::tsv_cell("a\r\n") == "a\\r\\n");
  CHECK(csv::tsv_cell("C:\\dir") == "C:\\\\dir");
  CHECK(csv::tsv_cell("a,\"b\"") == "a,\"b\""); // commas and quotes need nothing in TSV
  CHECK(csv::tsv_cell("=1") == "=1");
  CHECK(csv::tsv_cell("") == "");
}

TEST_CASE("csv::cell quotes for the delimiter it is given") {
  SUBCASE("';' as Excel in a Russian locale reads it: a ';' is quoted, a comma is not") {
    CHECK(csv::cell("Ахметов; Ерлан", false, ';') == "\"Ахметов; Ерлан\"");
    CHECK(csv::cell("Алматы, ул. Абая 1", false, ';') == "Алматы, ул. Абая 1");
    CHECK(csv::cell("say \"hi\"", false, ';') == "\"say \"\"hi\"\"\"");
  }
  SUBCASE("tab") {
    CHECK(csv::cell("a\tb", false, '\t') == "\"a\tb\"");
    CHECK(csv::cell("a;b, c", false, '\t') == "a;b, c");
  }
  SUBCASE("the formula guard stays, whatever the delimiter") {
    CHECK(csv::cell("=1;2", true, ';') == "\"'=1;2\"");
    CHECK(csv::cell("\tx", true, '\t') == "\"'\tx\"");
  }
}
