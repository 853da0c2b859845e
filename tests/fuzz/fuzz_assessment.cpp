// The assessment-file reader (lib/cases/assessment_file.cpp: assessment_request_from) on any
// text, read both as TOML and as JSON, as `assess --from FILE` would.
// Invariants: a failure is invalid input with a message that names the file; what is read is
// valid UTF-8 (the reader refuses anything else).
#include "fuzz_check.hpp"

#include "cases/assessment.hpp"
#include "util/text.hpp"

using namespace casectl;

namespace {

void check_text(const std::string& value) { FUZZ_CHECK(text::is_valid_utf8(value), "an assessment field is not valid UTF-8"); }
void check_text(const std::optional<std::string>& value) {
  if (value) check_text(*value);
}
void check_list(const std::vector<std::string>& values) {
  for (const std::string& value : values) check_text(value);
}

void read_as(const std::string& text, const std::string& format) {
  Result<AssessmentRequest> read = assessment_request_from(text, format, "fuzz." + format);
  if (!read) {
    FUZZ_CHECK(read.status().kind() == ErrorKind::invalid_input, "a failure that is not invalid input");
    FUZZ_CHECK(read.status().message().find("fuzz." + format) != std::string::npos, "a failure that does not name the file");
    return;
  }
  for (const std::optional<std::string>* scalar :
       {&read->assessed_on, &read->assessor, &read->method, &read->visit_on, &read->living_conditions, &read->risk,
        &read->risk_reasons, &read->risk_override_reason, &read->note})
    check_text(*scalar);
  for (const auto& [domain, score] : read->scores) {
    check_text(domain);
    check_text(score);
  }
  check_list(read->strengths);
  check_list(read->circle_strengths);
  check_list(read->expectations);
  check_list(read->missing_documents);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = input_text(data, size);
  read_as(text, "toml");
  read_as(text, "json");
  return 0;
}
