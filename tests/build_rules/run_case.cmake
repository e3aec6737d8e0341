# Configures and builds one case project; checks it fails with PATTERN (EXPECT=fail) or
# succeeds (EXPECT=pass).
file(REMOVE_RECURSE ${BINARY_DIR})
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${CASE_DIR} -B ${BINARY_DIR} -G ${GENERATOR} -DRULE_FILE=${RULE_FILE}
  RESULT_VARIABLE configured OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(log "${out}${err}")
if(configured EQUAL 0)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR}
                  RESULT_VARIABLE built OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(APPEND log "${out}${err}")
else()
  set(built 1)
endif()

if(EXPECT STREQUAL "pass")
  if(NOT configured EQUAL 0 OR NOT built EQUAL 0)
    message(FATAL_ERROR "a project that keeps the rule failed:\n${log}")
  endif()
  message(STATUS "the clean project configured and built")
  return()
endif()
if(configured EQUAL 0 AND built EQUAL 0)
  message(FATAL_ERROR "a project that breaks the rule was accepted:\n${log}")
endif()
string(REGEX REPLACE "[ \t\r\n]+" " " flat "${log}")
if(NOT flat MATCHES "${PATTERN}")
  message(FATAL_ERROR "it failed, but not because of the dependency rule:\n${log}")
endif()
message(STATUS "the rule tripped as expected: ${PATTERN}")
