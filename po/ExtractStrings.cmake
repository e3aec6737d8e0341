# Extracts the translatable strings of the desktop UI (client/app, and the settings it shares
# with onewindow-ctl in client/settings) into OUTPUT (a .pot); with PO and MSGCMP given, fails
# when PO lacks a translation of any of them.
file(GLOB sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/client/app/*.cpp
     ${SOURCE_DIR}/client/settings/*.cpp)
list(SORT sources)
execute_process(
  COMMAND ${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword=_ --keyword=wxTRANSLATE
          --keyword=wxPLURAL:1,2 --add-comments=TRANSLATORS --package-name=onewindow
          --sort-by-file --no-location --output=${OUTPUT} ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "xgettext failed")
endif()
if(PO)
  execute_process(COMMAND ${MSGCMP} ${PO} ${OUTPUT} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PO} lacks translations of the strings listed above; update it from "
                        "the strings in ${OUTPUT}")
  endif()
endif()
