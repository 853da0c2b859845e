#include "cases/views.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace casectl;

namespace {

std::string dumped(const Case& c) { return views::case_record(c).dump(-1, ' ', false, Record::error_handler_t::replace); }

Case full_case() {
  Case c;
  c.case_id = "2026-00042";
  c.kind = "family";
  c.status = "intake";
  c.name = "Жұмабаева Әсел";
  c.district = "almaly";
  c.address = "ул. Абая, 1, кв. 2";
  c.phone = "+7 701 111 2233";
  c.source = "self";
  c.urgency = "routine";
  c.response_due = "2026-01-15T00:00:00Z";
  c.consent = true;
  c.external_id = "EXT-1";
  c.groups = {"large-family", "palliative"};
  c.problems = {"нет работы", "долги"};
  c.members = {{"Жұмабаева Әсел", "мать", "1985-01-02"}, {"Жұмабаев Нұр", "", ""}};
  c.opened = "2026-01-05";
  c.created_at = c.updated_at = "2026-11-20T00:00:00Z";
  c.created_by = "coordinator";
  return c;
}

} // namespace

TEST_CASE("case_json writes the same bytes as dumping case_record") {
  SUBCASE("every field given") { CHECK(views::case_json(full_case()) == dumped(full_case())); }
  SUBCASE("empty optional fields and lists are null and []") {
    Case c;
    c.consultation = true;
    CHECK(views::case_json(c) == dumped(c));
  }
  SUBCASE("quotes, backslashes, tabs, new lines and other control characters are escaped") {
    Case c = full_case();
    c.note = "a \"quoted\" \\ path\tand\nlines\r\b\f\x01\x1f\x7f end";
    c.members[1].role = "\x02";
    CHECK(views::case_json(c) == dumped(c));
  }
  SUBCASE("four-byte characters pass as they are") {
    Case c = full_case();
    c.name = "Ким 😀 ұқ";
    CHECK(views::case_json(c) == dumped(c));
  }
  SUBCASE("text that is not valid UTF-8 is mended as dump mends it") {
    Case c = full_case();
    c.created_by = "bad\xff\xc0\xafuser";
    CHECK(views::case_json(c) == dumped(c));
    c.created_by = "cut \xd0";
    CHECK(views::case_json(c) == dumped(c));
  }
}
