// Mustache templates: finding them (a region's own directory first, then the ones built into the
// binary) and rendering a view-model record through them, strictly.
//
// Names: `casectl ... --template NAME` looks for NAME.<language>.mustache, then NAME.mustache, in
// the region's directory (templates.dir / CASECTL_TEMPLATES), then among the built-in templates
// (templates/ in the source tree, compiled in). `--template path/to/file` takes any file (a value
// that names an existing file, or contains a '/'). A template whose file name ends in
// .html.mustache escapes values for HTML; any other is plain text and escapes nothing.
//
// Strict: a tag naming a field that is in no enclosing object of the data is an error with the
// template's name and line, never an empty spot in a report. Partials ({{> x}}) and delimiter
// changes ({{=<% %>=}}) are not supported and are reported as errors.
#pragma once

#include "output/records.hpp"
#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl::templates {

struct Template {
  std::string name;   // as the user gave it
  std::string origin; // the file it came from, or "built-in NAME"
  std::string text;
  bool html = false;    // escape values for HTML
  std::string language; // the language it was asked for (--lang / language): how dates read in it
};

// A template compiled into the binary: its file name under templates/ and its text.
struct Embedded {
  const char* file_name;
  const char* text;
};
const std::vector<Embedded>& embedded();

// Finds a template (see above). Not found: Status::not_found listing the available names.
// A file that cannot be read: Status::unreadable.
Result<Template> find(const std::string& name_or_path, const std::string& region_dir, const std::string& language);

// A plan template (templates/plans/NAME.toml): the region's directory first, then the built-in
// ones. Not found: Status::not_found listing the available names.
Result<Template> find_plan_template(const std::string& name, const std::string& region_dir);

// The names `find` knows: the region's and the built-in ones, without language and extension.
std::vector<std::string> available(const std::string& region_dir);

// `data` with, beside each field X holding a UTC moment ("2026-12-01T20:30:00Z"), a field X_local:
// the moment in local time, as a person reads it ("2026-12-02 01:30"; output::shown_to_people).
// What a template sees.
Record with_local_times(const Record& data);

// What a template sees of `data` in `language`: with_local_times, and in Russian and Kazakh
// documents dates as people there write them: "2026-11-05" as "05.11.2026", an X_local moment
// "2026-11-05 14:30" as "05.11.2026 14:30". JSON and the other formats keep ISO dates.
Record for_people(const Record& data, const std::string& language);

// Bounds on one rendering, so that a template (a region's own file) cannot exhaust memory.
struct RenderLimits {
  std::size_t max_output_bytes = std::size_t{16} << 20; // templates.max_output_bytes: 16 MiB
  std::size_t max_depth = 8;                            // templates.max_depth: sections nested inside each other
};

// Renders `data` through `t`, as for_people(data, t.language) shows it. A field that does not exist, an unclosed section or an
// unsupported tag gives Status::invalid "TEMPLATE (ORIGIN), line N: ..."; so do sections nested deeper than `limits.max_depth`
// (checked before rendering) and output that would pass `limits.max_output_bytes` (checked while rendering: memory stops growing
// at the bound).
//
// With `shape` (a record of the same kind with every field such a record can have: each list with
// one item, each optional object present; see checked_shape), the tags are checked against the
// data and the shape together, so that a misspelled field inside a section over an empty list (or
// a closure not there yet) fails on a quiet night too, not first on the night there is data.
Result<std::string> render(const Template& t, const Record& data, const RenderLimits& limits = {}, const Record* shape = nullptr);

// What render checks a template's tags against: `data`, and where `shape` has a field the data
// lacks, the shape's; an empty list or a null object takes the shape's item or object; a list's
// first item is completed by the shape's item.
Record checked_shape(const Record& data, const Record& shape);

} // namespace casectl::templates
