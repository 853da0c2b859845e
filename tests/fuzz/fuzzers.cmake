# libFuzzer harnesses (tests/fuzz/fuzz_*.cpp), built when CASECTL_FUZZ is ON; tests/fuzz/run.sh
# configures them in their own build directory (build-fuzz) with clang. Included from the top
# CMakeLists.txt (not add_subdirectory) so that the generated embedded_templates.cpp is visible here.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "CASECTL_FUZZ needs clang (libFuzzer): configure a separate build directory with "
                      "CC=clang CXX=clang++, as tests/fuzz/run.sh does")
endif()

# Only the library sources the harnesses read through, instrumented for coverage and checked by
# AddressSanitizer and UndefinedBehaviorSanitizer (any UB report is a crash). -O1 -g: quick to
# build on a small machine, fast enough to run, readable stacks. No precompiled headers here.
set(fuzz_flags -fsanitize=address,undefined -fno-sanitize-recover=all -O1 -g -fno-omit-frame-pointer)
add_library(casectl_fuzz_lib STATIC
  lib/util/text.cpp
  lib/util/date.cpp
  lib/util/files.cpp
  lib/util/csv_reader.cpp
  lib/util/encoding.cpp
  lib/util/document.cpp
  lib/util/search_key.cpp
  lib/config/config.cpp
  lib/config/defaults.cpp
  lib/cases/intake_records.cpp
  lib/cases/assessment_file.cpp
  lib/output/templates.cpp
  lib/output/redact_fields.cpp
  lib/output/render.cpp
  lib/output/xlsx.cpp
  lib/util/shared_library.cpp
  lib/util/csv.cpp
  lib/util/messages.cpp
  ${CMAKE_CURRENT_BINARY_DIR}/embedded_templates.cpp
)
target_include_directories(casectl_fuzz_lib PUBLIC lib)
target_compile_options(casectl_fuzz_lib PRIVATE ${fuzz_flags} -fsanitize=fuzzer-no-link)
target_link_libraries(casectl_fuzz_lib
  PUBLIC fmt::fmt nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus PkgConfig::UTF8PROC ${CMAKE_DL_LIBS})
# libxlsxwriter's header only: xlsx.cpp opens the library when it first writes (util/shared_library.hpp).
target_include_directories(casectl_fuzz_lib PUBLIC ${XLSXWRITER_INCLUDE_DIRS})

set(fuzzers csv intake_records date search_key config assessment templates)
add_custom_target(fuzzers)
foreach(name ${fuzzers})
  add_executable(fuzz_${name} tests/fuzz/fuzz_${name}.cpp)
  target_compile_options(fuzz_${name} PRIVATE ${fuzz_flags} -fsanitize=fuzzer)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${name} PRIVATE casectl_fuzz_lib)
  # The harnesses land in the build directory's top: build-fuzz/fuzz_csv CRASH-FILE reproduces.
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  add_dependencies(fuzzers fuzz_${name})
endforeach()
