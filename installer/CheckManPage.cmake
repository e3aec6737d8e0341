# Fails when groff reports anything about a man page: the same strictness lintian applies
# to the pages of the .deb. Usage: cmake -DGROFF=groff -DPAGE=page.1 -P CheckManPage.cmake
execute_process(
  COMMAND ${GROFF} -man -ww -z -Tutf8 -K utf8 ${PAGE}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(NOT status EQUAL 0 OR NOT output STREQUAL "")
  message(FATAL_ERROR "groff reports problems in ${PAGE} (exit ${status}):\n${output}")
endif()
