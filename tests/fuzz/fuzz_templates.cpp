// The template checker and renderer (lib/output/templates: render) on any text as a template,
// against a small fixed record shaped like a case, plain and as HTML.
// Invariants: a failure is invalid input with a message; what renders is valid UTF-8; a text with
// no tag renders as itself.
#include "fuzz_check.hpp"

#include "output/templates.hpp"
#include "util/text.hpp"

using namespace casectl;

namespace {

// Every list has at most one item: nested sections over a list of several items multiply the
// output (2 items, 400 nested sections: 2^400), the known class "template render size/depth
// bounds" that another branch (hardening) bounds in render() itself. Here it would only be found
// again and again.
const Record& fixed_record() {
  static const Record record = [] {
    Record member = Record::object();
    member["name"] = "Байжанова Ақмарал";
    member["role"] = "мать";
    member["birth_date"] = "1986-10-05";
    Record c = Record::object();
    c["case_id"] = "2026-00017";
    c["name"] = "Семья Байжановых";
    c["district"] = "turksib";
    c["urgent"] = true;
    c["consent"] = false;
    c["members_count"] = 4;
    c["score"] = 2.5;
    c["note"] = nullptr;
    c["groups"] = Record::array({"large-family"});
    c["members"] = Record::array({member});
    c["tasks"] = Record::array();
    c["address"] = Record::object({{"street", "ул. Бекмаханова, 93"}, {"flat", "14"}});
    Record report = Record::object();
    report["LIST"] = Record::array({c});
    report["count"] = 1;
    report["title"] = "Отчёт <по району> & \"Түрксіб\"";
    return report;
  }();
  return record;
}

void render_as(const std::string& text, bool html) {
  templates::Template t{"fuzz", "fuzz input", text, html};
  Result<std::string> out = templates::render(t, fixed_record());
  if (!out) {
    FUZZ_CHECK(out.status().kind() == ErrorKind::invalid_input, "a failure that is not invalid input");
    FUZZ_CHECK(!out.status().message().empty(), "a failure without a message");
    return;
  }
  FUZZ_CHECK(text::is_valid_utf8(*out), "a rendered template is not valid UTF-8");
  if (text.find('{') == std::string::npos) FUZZ_CHECK(*out == text, "a text without tags did not render as itself");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = input_text(data, size);
  render_as(text, false);
  render_as(text, true);
  return 0;
}
