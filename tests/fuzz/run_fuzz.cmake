# ctest driver of the fuzz harnesses (tests/fuzz/CMakeLists.txt).
#   MODE=build: configure and build the harnesses with clang in BINARY_DIR.
#   MODE=run:   run HARNESS for SECONDS over a scratch copy of the seed corpus CORPUS (the
#               committed corpus is never modified); a crash, leak or timeout fails the test
#               and leaves the reproducer in BINARY_DIR/artifacts/. Seed 1 unless
#               ONEWINDOW_FUZZ_SECONDS (random) or ONEWINDOW_FUZZ_SEED says otherwise.
if(MODE STREQUAL "build")
  if(NOT CLANGXX)
    message(FATAL_ERROR "clang++ was not found: install clang and libclang-rt-14-dev (./x deps)")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} -G ${GENERATOR}
            -DCMAKE_CXX_COMPILER=${CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
    RESULT_VARIABLE configured)
  if(NOT configured EQUAL 0)
    message(FATAL_ERROR "configuring the fuzz harnesses failed")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} RESULT_VARIABLE built)
  if(NOT built EQUAL 0)
    message(FATAL_ERROR "building the fuzz harnesses failed")
  endif()
elseif(MODE STREQUAL "run")
  # CI's short run uses a fixed seed, so a red run can be repeated and a new finding in CI
  # is never just luck of the draw; longer runs (./x fuzz) draw a fresh seed to explore more.
  set(SEED 1)
  if(DEFINED ENV{ONEWINDOW_FUZZ_SECONDS})
    set(SECONDS $ENV{ONEWINDOW_FUZZ_SECONDS})
    set(SEED 0)
  endif()
  if(DEFINED ENV{ONEWINDOW_FUZZ_SEED})
    set(SEED $ENV{ONEWINDOW_FUZZ_SEED})
  endif()
  set(scratch ${BINARY_DIR}/corpus-work/${HARNESS})
  file(REMOVE_RECURSE ${scratch})
  file(MAKE_DIRECTORY ${scratch} ${BINARY_DIR}/artifacts)
  execute_process(
    COMMAND ${BINARY_DIR}/${HARNESS} -max_total_time=${SECONDS} -seed=${SEED} -timeout=10 -rss_limit_mb=2048
            -max_len=65536 -print_final_stats=1 -artifact_prefix=${BINARY_DIR}/artifacts/${HARNESS}-
            ${scratch} ${CORPUS}
    RESULT_VARIABLE fuzzed)
  if(NOT fuzzed EQUAL 0)
    message(FATAL_ERROR "${HARNESS} found a failure (exit ${fuzzed}): see ${BINARY_DIR}/artifacts")
  endif()
else()
  message(FATAL_ERROR "MODE must be build or run")
endif()
